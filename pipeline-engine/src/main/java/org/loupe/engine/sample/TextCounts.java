package org.loupe.engine.sample;

/** Cheap size measures shown while browsing (the curation metrics proper live in the measure package). */
public final class TextCounts {
    private TextCounts() {
    }

    /** Characters as Unicode code points (Python's {@code len(text)}). */
    public static int chars(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Whitespace-separated tokens. */
    public static int words(String text) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            boolean ws = Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\u00A0';
            if (!ws && !in) {
                n++;
            }
            in = !ws;
        }
        return n;
    }
}
