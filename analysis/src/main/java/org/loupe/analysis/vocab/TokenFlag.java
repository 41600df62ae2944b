package org.loupe.analysis.vocab;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Why a token looks like junk. A tokenizer trained on the data spends vocabulary on whatever is frequent in
 * it; tokens of markup, code, URLs, long numbers or mixed scripts show boilerplate and spam that filters let
 * through.
 */
public enum TokenFlag {
    /** HTML/XML tags, attributes, entities ({@code </div}, {@code &nbsp;}, {@code class="}). */
    MARKUP("markup"),
    /**
     * Code: braces, semicolons, operators, camelCase identifiers with two humps or more ({@code getElementById};
     * not {@code iPhone} or {@code McCluskey}), snake_case, indentation.
     */
    CODE("code"),
    /** Parts of URLs ({@code http}, {@code www.}, {@code .com/}, {@code %20}, {@code utm_}). */
    URL("URL part"),
    /** Five or more digits in a row (IDs, phone numbers, timestamps). */
    DIGITS("long digit run"),
    /** Letters of more than one script in one token (Latin + Cyrillic look-alikes, broken encodings). */
    MIXED_SCRIPTS("mixed scripts"),
    /** One character repeated four or more times ({@code ====}, {@code !!!!}, {@code ____}). */
    REPEATED("repeated character");

    private static final Pattern MARKUP_RE = Pattern.compile(
            "</?[A-Za-z][A-Za-z0-9]*|/>|&(?:[A-Za-z]{2,8}|#[0-9]{2,5}|#x[0-9A-Fa-f]{2,4});?|=\"|\\b(?:href|src|div|span|nbsp|class|style)\\b");
    private static final Pattern CODE_RE = Pattern.compile(
            "[{};]|==|!=|=>|->|::|&&|\\|\\||\\(\\)|//|/\\*|\\*/|(?<![A-Za-z])[a-z]+[A-Z][a-z0-9]*[A-Z]|[A-Za-z]_[A-Za-z]|^[ \\t]*(?: {2,}|\\t)[ \\t]*$|\\$\\w");
    private static final Pattern URL_RE = Pattern.compile(
            "(?i)https?|://|www\\.?|\\.(?:com|org|net|html?|php|aspx?|jpg|png|gif)\\b|%[0-9A-F]{2}|utm_|\\.[a-z]{2,4}/");
    private static final Pattern DIGITS_RE = Pattern.compile("\\d{5,}");
    private static final Pattern REPEATED_RE = Pattern.compile("(.)\\1{3,}");

    private final String label;

    TokenFlag(String label) {
        this.label = label;
    }

    /** A short name for tables and reports. */
    public String label() {
        return label;
    }

    /** The flags of a token's text (empty for a token that is not whole UTF-8). */
    public static Set<TokenFlag> of(String text) {
        Set<TokenFlag> flags = EnumSet.noneOf(TokenFlag.class);
        if (text == null || text.isEmpty()) {
            return flags;
        }
        if (MARKUP_RE.matcher(text).find()) {
            flags.add(MARKUP);
        }
        if (CODE_RE.matcher(text).find()) {
            flags.add(CODE);
        }
        if (URL_RE.matcher(text).find()) {
            flags.add(URL);
        }
        if (DIGITS_RE.matcher(text).find()) {
            flags.add(DIGITS);
        }
        if (REPEATED_RE.matcher(text).find() && !text.isBlank()) {
            flags.add(REPEATED);
        }
        if (mixedScripts(text)) {
            flags.add(MIXED_SCRIPTS);
        }
        return flags;
    }

    private static boolean mixedScripts(String text) {
        UnicodeScript first = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            UnicodeScript s = UnicodeScript.of(cp);
            if (s == UnicodeScript.COMMON || s == UnicodeScript.INHERITED) {
                continue;
            }
            if (first == null) {
                first = s;
            } else if (s != first && !japanese(first, s)) {
                return true;
            }
        }
        return false;
    }

    /** Japanese mixes Han, Hiragana and Katakana in one word; that is not junk. */
    private static boolean japanese(UnicodeScript a, UnicodeScript b) {
        Set<UnicodeScript> jp = EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA);
        return jp.contains(a) && jp.contains(b);
    }
}
