package org.loupe.engine.measure.text;

/**
 * Python 3.11's view of Unicode (Unicode 14.0) on top of Java 17's (Unicode 13.0).
 *
 * <p>The reference (datatrove + spaCy) runs on CPython 3.11, whose {@code str.isalpha()},
 * {@code unicodedata.category()}, {@code str.lower()} and {@code re}'s {@code \d}/{@code \w} follow
 * Unicode 14. Java 17's {@link Character} knows Unicode 13, so the code points that Unicode 14
 * assigned are "unassigned" to Java. Every difference was listed by comparing all 1,114,112 code
 * points between CPython 3.11 and Java 17; they are all newly assigned characters (no character
 * changed category), and they are patched in here so that the two agree on every code point. A later
 * JDK (Unicode 15+) would already know them, and newer Python versions would add more: the tables
 * state the Python 3.11 reference exactly, nothing more.
 */
final class PyUnicode {
    private PyUnicode() {
    }

    /** Code points that are letters (Lu/Ll/Lt/Lm/Lo) in Unicode 14 but unassigned in Java 17: inclusive ranges. */
    private static final int[] EXTRA_LETTERS = {
        0x870, 0x887, 0x889, 0x88E, 0x8B5, 0x8B5, 0x8C8, 0x8C9, 0xC5D, 0xC5D, 0xCDD, 0xCDD, 0x170D, 0x170D,
        0x171F, 0x171F, 0x1B4C, 0x1B4C, 0x2C2F, 0x2C2F, 0x2C5F, 0x2C5F, 0x9FFD, 0x9FFF, 0xA7C0, 0xA7C1,
        0xA7D0, 0xA7D1, 0xA7D3, 0xA7D3, 0xA7D5, 0xA7D9, 0xA7F2, 0xA7F4, 0x10570, 0x1057A, 0x1057C, 0x1058A,
        0x1058C, 0x10592, 0x10594, 0x10595, 0x10597, 0x105A1, 0x105A3, 0x105B1, 0x105B3, 0x105B9, 0x105BB,
        0x105BC, 0x10780, 0x10785, 0x10787, 0x107B0, 0x107B2, 0x107BA, 0x10F70, 0x10F81, 0x11071, 0x11072,
        0x11075, 0x11075, 0x11740, 0x11746, 0x11AB0, 0x11ABF, 0x12F90, 0x12FF0, 0x16A70, 0x16ABE, 0x1AFF0,
        0x1AFF3, 0x1AFF5, 0x1AFFB, 0x1AFFD, 0x1AFFE, 0x1B11F, 0x1B122, 0x1DF00, 0x1DF1E, 0x1E290, 0x1E2AD,
        0x1E7E0, 0x1E7E6, 0x1E7E8, 0x1E7EB, 0x1E7ED, 0x1E7EE, 0x1E7F0, 0x1E7FE, 0x2A6DE, 0x2A6DF, 0x2B735,
        0x2B738,
    };

    /** Code points that are punctuation (P*) in Unicode 14 but unassigned in Java 17: inclusive ranges. */
    private static final int[] EXTRA_PUNCTUATION = {
        0x61D, 0x61D, 0x1B7D, 0x1B7E, 0x2E53, 0x2E5D, 0x10F86, 0x10F89, 0x116B9, 0x116B9, 0x12FF1, 0x12FF2,
    };

    /** Code points that are decimal digits (Nd) in Unicode 14 but unassigned in Java 17 (Tangsa digits). */
    static final int EXTRA_DIGITS_FIRST = 0x16AC0;
    static final int EXTRA_DIGITS_LAST = 0x16AC9;

    private static boolean inRanges(int[] ranges, int cp) {
        // The tables are tiny and sorted; a linear scan with an early exit is cheaper than a search.
        for (int i = 0; i < ranges.length; i += 2) {
            if (cp < ranges[i]) {
                return false;
            }
            if (cp <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The patch ranges of {@link #isLetter}, for building regex classes (pairs of inclusive bounds). */
    static int[] extraLetterRanges() {
        return EXTRA_LETTERS.clone();
    }

    /** Python's {@code str.isspace()} for one code point: Unicode White_Space plus the bidi separators U+001C..U+001F. */
    static boolean isSpace(int cp) {
        return org.loupe.engine.model.PyWhitespace.isSpace(cp);
    }

    /** Python's {@code str.isalpha()} for one code point: general category Lu, Ll, Lt, Lm or Lo (Unicode 14). */
    static boolean isLetter(int cp) {
        if (cp < 0x80) {
            return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
        }
        return Character.isLetter(cp) || (cp >= 0x870 && inRanges(EXTRA_LETTERS, cp));
    }

    /** Unicode 14 general category P* (what spaCy's {@code is_punct} tests with {@code unicodedata.category}). */
    static boolean isPunctuation(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> {
                return true;
            }
            case Character.UNASSIGNED -> {
                return inRanges(EXTRA_PUNCTUATION, cp);
            }
            default -> {
                return false;
            }
        }
    }

    /** Unicode 14 general category Nd: Python {@code re}'s {@code \d} and {@code str.isdecimal()}. */
    static boolean isDecimal(int cp) {
        return Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER
                || (cp >= EXTRA_DIGITS_FIRST && cp <= EXTRA_DIGITS_LAST);
    }

    /** Unicode 14 general category N* (Nd, Nl, No). */
    static boolean isNumber(int cp) {
        int t = Character.getType(cp);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER
                || (cp >= EXTRA_DIGITS_FIRST && cp <= EXTRA_DIGITS_LAST);
    }

    /**
     * Python {@code re}'s {@code \w} for a {@code str} pattern: {@code str.isalnum()} or {@code _}, i.e. the
     * letters and the numbers (Nd, Nl, No; every other character with a numeric value is a letter).
     * Java's own {@code \w} under {@code UNICODE_CHARACTER_CLASS} differs: it adds combining marks,
     * connector punctuation and joiners, and drops No, so it is not used.
     */
    static boolean isWordChar(int cp) {
        return cp == '_' || isLetter(cp) || isNumber(cp);
    }

    /**
     * The simple lower-case mappings that Unicode 14 added and Java 17 lacks (40 code points: one
     * Glagolitic letter, four Latin letters, the Vithkuqi capitals). Returns {@code cp} when none applies.
     */
    static int extraLowerCase(int cp) {
        if (cp == 0x2C2F) {
            return 0x2C5F;
        }
        if (cp == 0xA7C0 || cp == 0xA7D0 || cp == 0xA7D6 || cp == 0xA7D8) {
            return cp + 1;
        }
        if (cp >= 0x10570 && cp <= 0x10595 && cp != 0x1057B && cp != 0x1058B && cp != 0x10593) {
            return cp + 0x27;
        }
        return cp;
    }
}
