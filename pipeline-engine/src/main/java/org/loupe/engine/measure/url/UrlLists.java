package org.loupe.engine.measure.url;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the URL filter's lists the way datatrove's {@code parse_list} does (spec §9): an entry whose
 * first character is {@code #} is ignored (so a real entry such as {@code #mong} is ignored too, and
 * {@code " #x"} is not a comment); words, subwords and soft words are normalised with
 * {@link #normalize}; domains and URLs are only stripped.
 *
 * <p>Deviation: an entry that is empty after normalising or stripping (a blank line) is skipped. In the
 * reference a blank line of a words file becomes the empty word, which is in the word set of every URL
 * that starts or ends with a non-alphanumeric character, so one blank line would drop most documents.
 */
public final class UrlLists {
    private UrlLists() {
    }

    /** {@code re.sub("[^a-zA-Z0-9]+", "", x).lower()}. */
    public static String normalize(String x) {
        StringBuilder b = new StringBuilder(x.length());
        for (int i = 0; i < x.length(); i++) {
            char c = x.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                b.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                b.append((char) (c + ('a' - 'A')));
            }
        }
        return b.toString();
    }

    /** {@code re.split("[^a-zA-Z0-9]+", url)}, empty strings included (they never match a parsed entry). */
    public static Set<String> urlWords(String url) {
        Set<String> words = new java.util.HashSet<>();
        int start = 0;
        int i = 0;
        int n = url.length();
        while (i < n) {
            if (isAsciiAlnum(url.charAt(i))) {
                i++;
                continue;
            }
            words.add(url.substring(start, i));
            while (i < n && !isAsciiAlnum(url.charAt(i))) {
                i++;
            }
            start = i;
        }
        words.add(url.substring(start));
        return words;
    }

    private static boolean isAsciiAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** Parses entries (lines of a file, or an inline list) into a set. */
    public static Set<String> parse(Collection<String> entries, boolean normalizeEntries) {
        Set<String> out = new LinkedHashSet<>();
        for (String x : entries) {
            if (x == null || x.isEmpty() || x.charAt(0) == '#') {
                continue;
            }
            String v = normalizeEntries ? normalize(x) : org.loupe.engine.measure.text.PyText.strip(x);
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Reads and parses a list file (UTF-8, one entry per line).
     *
     * @param param the parameter that names the file, for the error message
     * @throws IllegalArgumentException when the file is missing or unreadable, naming the file and the parameter
     */
    public static Set<String> read(String param, String file, boolean normalizeEntries) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("url step: " + param + ": list file not found: " + file);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("url step: " + param + ": cannot read list file " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, normalizeEntries);
    }

    /** The union of a list file (when not null) and an inline list (when not null). */
    public static Set<String> load(String fileParam, String file, Collection<String> inline, boolean normalizeEntries) {
        Set<String> out = new LinkedHashSet<>();
        if (file != null && !file.isBlank()) {
            out.addAll(read(fileParam, file, normalizeEntries));
        }
        if (inline != null) {
            out.addAll(parse(new ArrayList<>(inline), normalizeEntries));
        }
        return out;
    }
}
