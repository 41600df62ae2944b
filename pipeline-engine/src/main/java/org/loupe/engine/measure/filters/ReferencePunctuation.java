package org.loupe.engine.measure.filters;

import java.util.Arrays;

/**
 * datatrove's two punctuation tables ({@code utils/text.py}, spec {@code filters.md} §3.1), as code-point
 * bit sets: {@code PUNCTUATION_SET} decides Gopher quality's "non-symbol words", and
 * {@code TERMINAL_PUNCTUATION} is FineWeb quality's default {@code stop_chars}. They are data, copied code
 * point by code point from the spec, not derived from Unicode categories: the reference's sets are
 * hand-made (the fullwidth digit U+FF11 is "punctuation", TAB and LF are not, most of Unicode's P* is absent).
 */
public final class ReferencePunctuation {
    private ReferencePunctuation() {
    }

    /** The 66 printable characters of {@code PUNCTUATION}, in the reference's order. */
    private static final int[] PRINTABLE = {
        0x21, 0x2F, 0x2014, 0x201D, 0x3A, 0xFF05, 0xFF11, 0x3008, 0x26, 0x28, 0x3001, 0x2501, 0x5C, 0x3010, 0x23,
        0x25, 0x300C, 0x300D, 0xFF0C, 0x3011, 0xFF1B, 0x2B, 0x5E, 0x5D, 0x7E, 0x201C, 0x300A, 0x201E, 0x27, 0x3B,
        0x2019, 0x7B, 0x7C, 0x2236, 0xB4, 0x5B, 0x3D, 0x2D, 0x60, 0x2A, 0xFF0E, 0xFF08, 0x2013, 0xFF1F, 0xFF01,
        0xFF1A, 0x24, 0xFF5E, 0xAB, 0x3009, 0x2C, 0x3E, 0x3C, 0x300B, 0x29, 0x3F, 0xFF09, 0x3002, 0x2026, 0x40,
        0x5F, 0x2E, 0x22, 0x7D, 0x25BA, 0xBB,
    };

    /** {@code TERMINAL_PUNCTUATION}: 159 code points, sorted. */
    static final int[] TERMINAL = {
        0x0021, 0x002E, 0x003F, 0x0589, 0x061D, 0x061E, 0x061F, 0x06D4, 0x0700, 0x0701, 0x0702, 0x07F9, 0x0837,
        0x0839, 0x083D, 0x083E, 0x0964, 0x0965, 0x104A, 0x104B, 0x1362, 0x1367, 0x1368, 0x166E, 0x1735, 0x1736,
        0x17D4, 0x17D5, 0x17D6, 0x17D9, 0x17DA, 0x1803, 0x1809, 0x1944, 0x1945, 0x1AA8, 0x1AA9, 0x1AAA, 0x1AAB,
        0x1B5A, 0x1B5B, 0x1B5E, 0x1B5F, 0x1B7D, 0x1B7E, 0x1C3B, 0x1C3C, 0x1C7E, 0x1C7F, 0x203C, 0x203D, 0x2047,
        0x2048, 0x2049, 0x2E2E, 0x2E3C, 0x2E53, 0x2E54, 0x3002, 0xA4FF, 0xA60E, 0xA60F, 0xA6F3, 0xA6F7, 0xA876,
        0xA877, 0xA8CE, 0xA8CF, 0xA92F, 0xA9C8, 0xA9C9, 0xAA5D, 0xAA5E, 0xAA5F, 0xAAF0, 0xAAF1, 0xABEB, 0xFE52,
        0xFE56, 0xFE57, 0xFF01, 0xFF0E, 0xFF1F, 0xFF61, 0x10A56, 0x10A57, 0x10F55, 0x10F56, 0x10F57, 0x10F58,
        0x10F59, 0x10F86, 0x10F87, 0x10F88, 0x10F89, 0x11047, 0x11048, 0x110BE, 0x110BF, 0x110C0, 0x110C1,
        0x11141, 0x11142, 0x11143, 0x111C5, 0x111C6, 0x111CD, 0x111DE, 0x111DF, 0x11238, 0x11239, 0x1123B,
        0x1123C, 0x112A9, 0x1144B, 0x1144C, 0x115C2, 0x115C3, 0x115C9, 0x115CA, 0x115CB, 0x115CC, 0x115CD,
        0x115CE, 0x115CF, 0x115D0, 0x115D1, 0x115D2, 0x115D3, 0x115D4, 0x115D5, 0x115D6, 0x115D7, 0x11641,
        0x11642, 0x1173C, 0x1173D, 0x1173E, 0x11944, 0x11946, 0x11A42, 0x11A43, 0x11A9B, 0x11A9C, 0x11C41,
        0x11C42, 0x11EF7, 0x11EF8, 0x11F43, 0x11F44, 0x16A6E, 0x16A6F, 0x16AF5, 0x16B37, 0x16B38, 0x16B44,
        0x16E98, 0x1BC9F, 0x1DA88,
    };

    /** Members of {@code PUNCTUATION} alone (all in the BMP), one bit per code point. */
    private static final long[] PUNCTUATION_ONLY = new long[0x10000 / 64];
    /** BMP members of PUNCTUATION_SET, one bit per code point. */
    private static final long[] PUNCT_BMP = new long[0x10000 / 64];
    /** BMP members of TERMINAL_PUNCTUATION. */
    private static final long[] TERMINAL_BMP = new long[0x10000 / 64];
    /** Astral members of TERMINAL_PUNCTUATION (and so of PUNCTUATION_SET), sorted. */
    private static final int[] TERMINAL_ASTRAL;

    static {
        for (int cp : PRINTABLE) {
            set(PUNCT_BMP, cp);
        }
        // The control characters of PUNCTUATION: U+0000-U+0008, U+000B, U+000C, U+000D-U+001F, U+007F-U+009F.
        for (int cp = 0x00; cp <= 0x1F; cp++) {
            if (cp != 0x09 && cp != 0x0A) {
                set(PUNCT_BMP, cp);
            }
        }
        for (int cp = 0x7F; cp <= 0x9F; cp++) {
            set(PUNCT_BMP, cp);
        }
        System.arraycopy(PUNCT_BMP, 0, PUNCTUATION_ONLY, 0, PUNCT_BMP.length);
        int astral = 0;
        for (int cp : TERMINAL) {
            if (cp < 0x10000) {
                set(TERMINAL_BMP, cp);
                set(PUNCT_BMP, cp);
            } else {
                astral++;
            }
        }
        TERMINAL_ASTRAL = Arrays.copyOfRange(TERMINAL, TERMINAL.length - astral, TERMINAL.length);
    }

    private static void set(long[] bits, int cp) {
        bits[cp >>> 6] |= 1L << cp;
    }

    /** Membership in {@code PUNCTUATION_SET} (281 code points). */
    static boolean isPunctuation(int cp) {
        if (cp < 0x10000) {
            return (PUNCT_BMP[cp >>> 6] & (1L << cp)) != 0;
        }
        return Arrays.binarySearch(TERMINAL_ASTRAL, cp) >= 0;
    }

    /**
     * Membership in {@code PUNCTUATION} alone (129 code points, without {@code TERMINAL_PUNCTUATION}): the
     * characters that {@code simplify_text} turns into spaces (spec §10).
     */
    public static boolean inPunctuationString(int cp) {
        return cp < 0x10000 && (PUNCTUATION_ONLY[cp >>> 6] & (1L << cp)) != 0;
    }

    /** Membership in {@code TERMINAL_PUNCTUATION} (159 code points). */
    static boolean isTerminal(int cp) {
        if (cp < 0x10000) {
            return (TERMINAL_BMP[cp >>> 6] & (1L << cp)) != 0;
        }
        return Arrays.binarySearch(TERMINAL_ASTRAL, cp) >= 0;
    }

    /** Size of PUNCTUATION_SET, for tests against the spec's 281. */
    static int punctuationSetSize() {
        int n = TERMINAL_ASTRAL.length;
        for (long w : PUNCT_BMP) {
            n += Long.bitCount(w);
        }
        return n;
    }
}
