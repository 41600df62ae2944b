package org.loupe.engine.measure.badwords;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.loupe.engine.measure.DocumentText;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.text.PyText;

/**
 * The measure half of datatrove's {@code C4BadWordsFilter} (spec §5.2): whether the lower-cased text
 * contains a word of the LDNOOBW list of the document's language.
 *
 * <p>Per language the list entries are stripped ({@code str.strip()}), empty entries are skipped (an
 * empty alternative would match any two consecutive non-word characters), the allow-list
 * ({@link #ALLOW_LIST}) is removed, and entries are used as regex text, unescaped and not lower-cased,
 * as in the reference. For {@code ja}, {@code th} and {@code zh} the pattern is the plain alternation
 * (substring match); otherwise {@code (?:\W|^)(w1|w2|…)(?:\W|$)}, where {@code \W} is Python's Unicode
 * non-word character, written here as {@code [^\p{L}\p{N}_]} (Python's {@code \w} is
 * {@code str.isalnum()} or {@code _}; Java's Unicode {@code \w} would also count combining marks as word
 * characters). Patterns run on RE2J (linear time; whether a match exists and where the leftmost one
 * starts do not depend on the order of the alternatives, so Python's set order does not matter).
 *
 * <p>Metrics: {@code has_badword} (0/1), {@code badword_offset} (code-point offset in the text of the
 * leftmost match, the boundary character included; NaN when none), {@code unknown_language} (1 when
 * the language has no list: the reference raises {@code ValueError}, or keeps the document when
 * {@code fail_on_missing_language=False}; the decision chooses).
 *
 * <p>Language: {@code metadata["language"]} when present, else {@code default_language}. The engine's
 * {@link DocumentText} carries no metadata yet, so the caller passes {@code languageOf} (null result:
 * use {@code default_language}).
 */
public final class C4BadWordsMeasure implements StepMeasure {
    public static final List<String> METRICS = List.of("has_badword", "badword_offset", "unknown_language");

    /** Removed from every language's list ({@code _BADWORDS_ALLOWLIST}). */
    public static final Set<String> ALLOW_LIST = Set.of("sm", "グロ", "女の子", "性");

    /** Languages matched by substring rather than by word. */
    public static final Set<String> SUBSTRING_LANGUAGES = Set.of("ja", "th", "zh");

    /** The languages datatrove has lists for ({@code _BADWORDS_LANGS}). */
    public static final Set<String> LANGUAGES = Set.of("ar", "cs", "da", "de", "en", "eo", "es", "fa", "fi", "fil", "fr",
            "fr-CA-u-sd-caqc", "hi", "hu", "it", "ja", "kab", "ko", "nl", "no", "pl", "pt", "ru", "sv", "th", "tlh", "tr", "zh");

    /** Classpath folder of the lists shipped by the assets module. */
    public static final String RESOURCE_FOLDER = "/org/loupe/assets/badwords/";

    private static final String NON_WORD = "[^\\p{L}\\p{N}_]";

    private final Function<String, List<String>> loader;
    private final Function<DocumentText, String> languageOf;
    private final String defaultLanguage;
    private final Map<String, Optional<Pattern>> patterns = new ConcurrentHashMap<>();

    /**
     * @param loader          a language's word list (lines), or null when there is none for that language
     * @param languageOf      a document's {@code metadata["language"]}, or null when it has none
     * @param defaultLanguage the language of documents without one ({@code default_language}, "en")
     */
    public C4BadWordsMeasure(Function<String, List<String>> loader, Function<DocumentText, String> languageOf,
                             String defaultLanguage) {
        this.loader = loader;
        this.languageOf = languageOf;
        this.defaultLanguage = defaultLanguage == null ? "en" : defaultLanguage;
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public String measure(DocumentText doc, double[] out) {
        measure(doc.text(), languageOf == null ? null : languageOf.apply(doc), out);
        return doc.text();
    }

    /** Measures one text in a language (null or empty: {@code default_language}) into {@code out}. */
    public void measure(String text, String language, double[] out) {
        String lang = language == null || language.isEmpty() ? defaultLanguage : language;
        Optional<Pattern> p = pattern(lang);
        out[0] = 0;
        out[1] = Double.NaN;
        out[2] = 0;
        if (p.isEmpty()) {
            out[2] = 1;
            return;
        }
        String lower = PyText.lower(text);
        Matcher m = p.get().matcher(lower);
        if (m.find()) {
            out[0] = 1;
            out[1] = lower.codePointCount(0, m.start());
        }
    }

    /** The compiled pattern of a language, empty when it has no list. */
    public Optional<Pattern> pattern(String lang) {
        return patterns.computeIfAbsent(lang, l -> Optional.ofNullable(compile(l, LANGUAGES.contains(l) ? loader.apply(l) : null)));
    }

    /** The reference's regex for a list (null when the list is null; a never-matching pattern when it is empty). */
    static Pattern compile(String lang, List<String> lines) {
        if (lines == null) {
            return null;
        }
        String alternation = String.join("|", words(lines));
        if (alternation.isEmpty()) {
            return Pattern.compile("[^\\x00-\\x{10FFFF}]");
        }
        String regex = SUBSTRING_LANGUAGES.contains(lang) ? alternation
                : "(?:" + NON_WORD + "|^)(" + alternation + ")(?:" + NON_WORD + "|$)";
        return Pattern.compile(regex);
    }

    /** The list's entries as the reference uses them: stripped, non-empty, allow-list removed, distinct. */
    public static Set<String> words(List<String> lines) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : lines) {
            String w = PyText.strip(line);
            if (!w.isEmpty() && !ALLOW_LIST.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** A loader of the lists shipped as classpath resources ({@link #RESOURCE_FOLDER}{@code <lang>.txt}). */
    public static Function<String, List<String>> classpathLoader(Class<?> anchor) {
        return lang -> {
            if (!LANGUAGES.contains(lang)) {
                return null;
            }
            try (InputStream in = anchor.getResourceAsStream(RESOURCE_FOLDER + lang + ".txt")) {
                if (in == null) {
                    throw new IllegalStateException("c4_badwords: word list resource " + RESOURCE_FOLDER + lang
                            + ".txt is not on the classpath (the assets module ships it)");
                }
                return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** A loader of the lists in a folder ({@code <folder>/<lang>.txt}). */
    public static Function<String, List<String>> directoryLoader(Path folder) {
        return lang -> {
            if (!LANGUAGES.contains(lang)) {
                return null;
            }
            Path file = folder.resolve(lang + ".txt");
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("c4_badwords: cannot read word list " + file, e);
            }
        };
    }
}
