package org.loupe.engine.measure.dedup;

import java.text.Normalizer;
import org.loupe.engine.measure.filters.ReferencePunctuation;
import org.loupe.engine.measure.text.PyText;

/**
 * datatrove's {@code simplify_text(text, TextNormConfig())} ({@code utils/text.py}, spec §10) with the
 * default configuration, which both MinHash and sentence dedup apply before hashing. In order:
 * <ol>
 *   <li>{@code text.lower()} (Python's full Unicode lower-casing, {@link PyText#lower});</li>
 *   <li>numbers: every match of the {@code regex} module's {@code \p{Nd}+([.,،٫⎖⎗⎘]\p{Nd}+)?} becomes
 *       {@code "0"};</li>
 *   <li>every character of datatrove's {@code PUNCTUATION} string (not the terminal set) becomes a space;</li>
 *   <li>{@code re.sub(r"\s+", " ", text.strip())} (Python whitespace);</li>
 *   <li>NFD decomposition, then every character of category Mn is deleted (not recomposed);</li>
 *   <li>{@code strip()}.</li>
 * </ol>
 * Weekday and month-name replacement are off by default and not implemented.
 */
public final class TextNormalizer {
    private TextNormalizer() {
    }

    /** {@code simplify_text(text)} with the default {@code TextNormConfig}. */
    public static String simplify(String text) {
        String lower = PyText.lower(text);
        StringBuilder sb = new StringBuilder(lower.length());
        numbersAndPunctuation(lower, sb);
        String collapsed = collapseWhitespace(sb);
        String nfd = Normalizer.normalize(collapsed, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(nfd.length());
        for (int i = 0, n = nfd.length(); i < n; ) {
            int cp = nfd.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                out.appendCodePoint(cp);
            }
        }
        return PyText.strip(out.toString());
    }

    /** Steps 2 and 3: numbers to {@code 0}, then punctuation to a space, in one left-to-right pass. */
    private static void numbersAndPunctuation(String s, StringBuilder sb) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (PyText.isDecimal(cp)) {
                i = skipDigits(s, i);
                // optional ([.,،٫⎖⎗⎘]\p{Nd}+)
                if (i < n && isNumberSeparator(s.charAt(i)) && i + 1 < n && PyText.isDecimal(s.codePointAt(i + 1))) {
                    i = skipDigits(s, i + 1);
                }
                // the replacement "0" is not punctuation, so step 3 leaves it alone
                sb.append('0');
                continue;
            }
            i += Character.charCount(cp);
            if (ReferencePunctuation.inPunctuationString(cp)) {
                sb.append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        }
    }

    private static int skipDigits(String s, int i) {
        int n = s.length();
        while (i < n) {
            int cp = s.codePointAt(i);
            if (!PyText.isDecimal(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private static boolean isNumberSeparator(char c) {
        return c == '.' || c == ',' || c == '\u060C' || c == '\u066B' || c == '\u2396' || c == '\u2397' || c == '\u2398';
    }

    /** Step 4: strip, then every run of Python whitespace becomes one space. */
    private static String collapseWhitespace(CharSequence s) {
        int start = 0;
        int end = s.length();
        while (start < end && PyText.isSpace(Character.codePointAt(s, start))) {
            start += Character.charCount(Character.codePointAt(s, start));
        }
        while (end > start && PyText.isSpace(Character.codePointBefore(s, end))) {
            end -= Character.charCount(Character.codePointBefore(s, end));
        }
        StringBuilder out = new StringBuilder(end - start);
        boolean inSpace = false;
        for (int i = start; i < end; ) {
            int cp = Character.codePointAt(s, i);
            i += Character.charCount(cp);
            if (PyText.isSpace(cp)) {
                if (!inSpace) {
                    out.append(' ');
                    inSpace = true;
                }
            } else {
                out.appendCodePoint(cp);
                inSpace = false;
            }
        }
        return out.toString();
    }
}
