package org.loupe.engine.model;

/**
 * Python's whitespace ({@code str.isspace()}, {@code str.strip()}): the characters of bidirectional type
 * WS, B or S or of category Zs. Here at the bottom of the engine because URL parsing (tldextract strips
 * with it) and the text measures share it.
 */
public final class PyWhitespace {
    private PyWhitespace() {
    }

    /** Whether {@code str.isspace()} holds for this code point. */
    public static boolean isSpace(int cp) {
        if (cp <= 0x20) {
            return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        }
        if (cp < 0x85) {
            return false;
        }
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028
                || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** {@code s.strip()}: without leading and trailing whitespace; {@code s} itself when there is none. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }
}
