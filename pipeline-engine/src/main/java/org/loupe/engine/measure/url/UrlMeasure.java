package org.loupe.engine.measure.url;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.loupe.engine.measure.DocumentText;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.model.Hosts;

/**
 * The measure half of datatrove's {@code URLFilter} (spec §9). The block lists are measure inputs, so
 * every list check is measured as a 0/1 metric, and the soft-banned words as a count: the decision
 * ({@code UrlDecider}) only walks the checks in the reference's order and compares the count with
 * {@code soft_word_threshold}.
 *
 * <p>Metrics, in order: {@code no_url} (1 when the document has no URL: the reference asserts there;
 * Loupe keeps the document and flags it, every other metric is then 0), {@code domain_hit}
 * (registered domain listed), {@code subdomain_hit} (fully qualified domain name listed),
 * {@code url_hit} (exact URL listed), {@code hard_word_hit} (a banned word is one of the URL's words,
 * case-sensitive as in the reference), {@code n_soft_words} (distinct soft-banned words among the URL's
 * words), {@code subword_hit} (a banned subword occurs in the normalised URL), {@code user_regex_hit}
 * (one of the {@code user_regexes}, RE2J syntax, is found in the URL; a Loupe extension).
 *
 * <p>Lists: the reference's integrated UT1 and word lists are not available, so the lists come from
 * user files ({@code block_domains_file}, {@code block_urls_file}, {@code banned_words_file},
 * {@code banned_subwords_file}, {@code soft_banned_words_file}) united with the inline lists
 * ({@code extra_domains}, {@code extra_urls}, {@code banned_words}, {@code banned_subwords},
 * {@code soft_banned_words}), all parsed by {@link UrlLists}. Subwords are found with a plain loop of
 * {@code String.contains} (the reference uses Aho-Corasick; same answer, fine for lists of hundreds).
 */
public final class UrlMeasure implements StepMeasure {
    public static final List<String> METRICS = List.of("no_url", "domain_hit", "subdomain_hit", "url_hit",
            "hard_word_hit", "n_soft_words", "subword_hit", "user_regex_hit");

    private final Set<String> domains;
    private final Set<String> urls;
    private final Set<String> bannedWords;
    private final String[] bannedSubwords;
    private final Set<String> softWords;
    private final List<com.google.re2j.Pattern> userRegexes;
    private final Function<DocumentText, String> urlOf;

    /**
     * @param params the step's effective parameters (defaults filled in)
     * @param urlOf  the URL of a document (its {@code url} metadata), or null when it has none
     * @throws IllegalArgumentException when a list file is missing or unreadable, a regex does not compile,
     *                                  or {@code use_integrated_lists} is true
     */
    public UrlMeasure(Map<String, Object> params, Function<DocumentText, String> urlOf) {
        if (Boolean.TRUE.equals(params.get("use_integrated_lists"))) {
            throw new IllegalArgumentException("url step: use_integrated_lists: the reference's integrated UT1 and word "
                    + "lists are not available in Loupe; set it to false and give block_domains_file, block_urls_file, "
                    + "banned_words_file, banned_subwords_file, soft_banned_words_file or the inline lists");
        }
        this.urlOf = urlOf;
        domains = UrlLists.load("block_domains_file", str(params, "block_domains_file"), strings(params, "extra_domains"), false);
        urls = UrlLists.load("block_urls_file", str(params, "block_urls_file"), strings(params, "extra_urls"), false);
        bannedWords = UrlLists.load("banned_words_file", str(params, "banned_words_file"), strings(params, "banned_words"), true);
        bannedSubwords = UrlLists.load("banned_subwords_file", str(params, "banned_subwords_file"),
                strings(params, "banned_subwords"), true).toArray(new String[0]);
        softWords = UrlLists.load("soft_banned_words_file", str(params, "soft_banned_words_file"),
                strings(params, "soft_banned_words"), true);
        userRegexes = new ArrayList<>();
        List<String> regexes = strings(params, "user_regexes");
        if (regexes != null) {
            for (String r : regexes) {
                try {
                    userRegexes.add(com.google.re2j.Pattern.compile(r));
                } catch (com.google.re2j.PatternSyntaxException e) {
                    throw new IllegalArgumentException("url step: user_regexes: invalid pattern " + r + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public String measure(DocumentText doc, double[] out) {
        measureUrl(urlOf.apply(doc), out);
        return doc.text();
    }

    /** Measures one URL into {@code out} ({@link #METRICS} order); null or empty means "no URL". */
    public void measureUrl(String url, double[] out) {
        java.util.Arrays.fill(out, 0, METRICS.size(), 0);
        if (url == null || url.isEmpty()) {
            out[0] = 1;
            return;
        }
        if (!domains.isEmpty()) {
            Hosts.Parts d = Hosts.parse(url);
            out[1] = domains.contains(d.registeredDomain()) ? 1 : 0;
            out[2] = domains.contains(d.fqdn()) ? 1 : 0;
        }
        out[3] = urls.contains(url) ? 1 : 0;
        if (!bannedWords.isEmpty() || !softWords.isEmpty()) {
            Set<String> words = UrlLists.urlWords(url);
            for (String w : bannedWords) {
                if (words.contains(w)) {
                    out[4] = 1;
                    break;
                }
            }
            int soft = 0;
            for (String w : softWords) {
                if (words.contains(w)) {
                    soft++;
                }
            }
            out[5] = soft;
        }
        if (bannedSubwords.length > 0) {
            String norm = UrlLists.normalize(url);
            for (String s : bannedSubwords) {
                if (norm.contains(s)) {
                    out[6] = 1;
                    break;
                }
            }
        }
        for (com.google.re2j.Pattern p : userRegexes) {
            if (p.matcher(url).find()) {
                out[7] = 1;
                break;
            }
        }
    }

    private static String str(Map<String, Object> p, String k) {
        Object v = p.get(k);
        return v == null ? null : String.valueOf(v);
    }

    private static List<String> strings(Map<String, Object> p, String k) {
        if (!(p.get(k) instanceof List<?> l)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        l.forEach(x -> out.add(x == null ? null : String.valueOf(x)));
        return out;
    }
}
