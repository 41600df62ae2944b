package org.loupe.analysis.vocab;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the pieces BPE merges within (merges never cross a piece boundary). Two families of
 * regular expressions, as in the tokenizers data people train today: GPT-2's and Llama 3's (= GPT-4's
 * cl100k). Options: split digits one by one (Llama) and keep runs of spaces and tabs as pieces (so code
 * indentation becomes tokens) or split whitespace character by character.
 *
 * <p>The same expression is written into the exported {@code tokenizer.json} (a {@code Split} pre-tokenizer
 * before {@code ByteLevel}); Java runs it with Unicode character classes so that {@code \s} means what it
 * means in Oniguruma, Hugging Face's regex engine.
 *
 * @param style          the expression family
 * @param splitDigits    every digit its own piece
 * @param whitespaceRuns runs of whitespace stay one piece (else one piece per whitespace character)
 */
public record PreTokenizer(Style style, boolean splitDigits, boolean whitespaceRuns) {

    /** The expression families. */
    public enum Style {
        /** GPT-2: contractions, optional leading space + letters / digits / other. */
        GPT2,
        /** Llama 3 / GPT-4 cl100k: case-insensitive contractions, a non-letter prefix, digits in threes. */
        LLAMA3;

        /** Parses "gpt2" or "llama3". */
        public static Style parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace("-", ""));
        }
    }

    /** GPT-2's defaults: runs of digits, runs of whitespace. */
    public static final PreTokenizer GPT2 = new PreTokenizer(Style.GPT2, false, true);

    /** Llama 3's defaults. */
    public static final PreTokenizer LLAMA3 = new PreTokenizer(Style.LLAMA3, false, true);

    public PreTokenizer {
        java.util.Objects.requireNonNull(style, "style");
    }

    /** The regular expression, in the syntax both Java and Oniguruma read. */
    public String regex() {
        String space = whitespaceRuns ? "\\s+(?!\\S)|\\s+" : "\\s";
        return switch (style) {
            case GPT2 -> "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+|" + (splitDigits ? " ?\\p{N}" : " ?\\p{N}+")
                    + "| ?[^\\s\\p{L}\\p{N}]+|" + space;
            case LLAMA3 -> "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|"
                    + (splitDigits ? "\\p{N}" : "\\p{N}{1,3}")
                    + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|" + space;
        };
    }

    /** A compiled matcher source; one per thread (a {@link Matcher} is not thread-safe). */
    public Pattern pattern() {
        return Pattern.compile(regex(), Pattern.UNICODE_CHARACTER_CLASS);
    }

    /**
     * Calls {@code piece} with every piece of {@code text}, in order: the pieces {@link #regex()} matches, found
     * by a hand-written scanner (several times faster than the expression; a test holds them equal). Thread-safe.
     */
    public void split(CharSequence text, Consumer<String> piece) {
        new PieceScanner(this).split(text, piece);
    }

    /**
     * Calls {@code piece} with every piece of {@code text} that {@code pattern} finds, in order. Text between matches (the expressions
     * leave none, but a user's could) is a piece of its own, as with Hugging Face's "Isolated" behaviour.
     */
    public static void split(Pattern pattern, CharSequence text, Consumer<String> piece) {
        Matcher m = pattern.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.end() == m.start()) {
                continue;
            }
            if (m.start() > at) {
                piece.accept(text.subSequence(at, m.start()).toString());
            }
            piece.accept(text.subSequence(m.start(), m.end()).toString());
            at = m.end();
        }
        if (at < text.length()) {
            piece.accept(text.subSequence(at, text.length()).toString());
        }
    }

    /** A short description, e.g. "gpt2, split digits, whitespace runs". */
    public String describe() {
        return style.name().toLowerCase(Locale.ROOT) + (splitDigits ? ", split digits" : "")
                + (whitespaceRuns ? ", whitespace runs" : ", whitespace one by one");
    }
}
