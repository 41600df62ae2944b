package org.loupe.index;

import java.util.ArrayList;
import java.util.List;

/**
 * A short extract of a document's text (at most two passages joined by {@code " … "}, whitespace runs made
 * single spaces) and the places in it where the query matched.
 *
 * @param text    the extract
 * @param matches UTF-16 {@code [start, end)} offsets into {@code text}, ascending, not overlapping
 */
public record Snippet(String text, List<int[]> matches) {
    public Snippet {
        java.util.Objects.requireNonNull(text, "text");
        List<int[]> copy = new ArrayList<>(matches.size());
        for (int[] m : matches) {
            if (m.length != 2 || m[0] < 0 || m[1] < m[0] || m[1] > text.length()) {
                throw new IllegalArgumentException("match " + java.util.Arrays.toString(m) + " is outside the snippet of "
                        + text.length() + " characters");
            }
            copy.add(m.clone());
        }
        matches = java.util.Collections.unmodifiableList(copy);
    }

    /** The text HTML-escaped, with {@code <b>…</b>} around every match. */
    public String marked() {
        StringBuilder b = new StringBuilder(text.length() + matches.size() * 7 + 16);
        int at = 0;
        for (int[] m : matches) {
            if (m[0] < at) {
                continue;
            }
            escape(text, at, m[0], b);
            b.append("<b>");
            escape(text, m[0], m[1], b);
            b.append("</b>");
            at = m[1];
        }
        escape(text, at, text.length(), b);
        return b.toString();
    }

    private static void escape(String s, int from, int to, StringBuilder b) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
    }
}
