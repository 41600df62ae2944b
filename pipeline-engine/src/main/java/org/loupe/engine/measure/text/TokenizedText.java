package org.loupe.engine.measure.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A text as spaCy's English tokenizer and sentencizer see it: its tokens (offsets and flags in
 * arrays, not objects) and, computed on first use, its sentences. Build one with
 * {@link EnglishTokenizer#analyze(String)} and ask it everything a filter needs, so that a document is
 * tokenized once even when both its words and its sentences are used.
 *
 * <p>Immutable after construction except for the lazily computed sentence starts (an idempotent
 * computation, so sharing across threads is harmless).
 */
public final class TokenizedText {
    private final String text;
    private final TokenBuffer tokens;
    private final Sentencizer sentencizer;
    private volatile int[] sentenceStarts;

    TokenizedText(String text, TokenBuffer tokens, Sentencizer sentencizer) {
        this.text = text;
        this.tokens = tokens;
        this.sentencizer = sentencizer;
    }

    /** The text that was tokenized. */
    public String text() {
        return text;
    }

    /** The number of tokens, whitespace tokens included ({@code len(doc)}). */
    public int size() {
        return tokens.size;
    }

    public int start(int i) {
        checkIndex(i);
        return tokens.starts[i];
    }

    public int end(int i) {
        checkIndex(i);
        return tokens.ends[i];
    }

    public String text(int i) {
        checkIndex(i);
        return text.substring(tokens.starts[i], tokens.ends[i]);
    }

    public boolean isWhitespace(int i) {
        checkIndex(i);
        return (tokens.flags[i] & TokenBuffer.WHITESPACE) != 0;
    }

    public boolean hasSpaceAfter(int i) {
        checkIndex(i);
        return (tokens.flags[i] & TokenBuffer.SPACE_AFTER) != 0;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= tokens.size) {
            throw new IndexOutOfBoundsException(i);
        }
    }

    /** All tokens as objects (convenient, not the fast path). */
    public List<Token> tokens() {
        List<Token> out = new ArrayList<>(tokens.size);
        for (int i = 0; i < tokens.size; i++) {
            out.add(new Token(text.substring(tokens.starts[i], tokens.ends[i]), tokens.starts[i], tokens.ends[i],
                    (tokens.flags[i] & TokenBuffer.WHITESPACE) != 0, (tokens.flags[i] & TokenBuffer.SPACE_AFTER) != 0));
        }
        return out;
    }

    /**
     * datatrove's {@code split_into_words(text)}: every token's text {@code .strip()}-ed, empty ones
     * dropped. A non-whitespace token never contains whitespace, so this is the texts of the
     * non-whitespace tokens, punctuation included ({@code ","}, {@code "n't"}, {@code "..."}).
     */
    public List<String> words() {
        List<String> out = new ArrayList<>(tokens.size);
        for (int i = 0; i < tokens.size; i++) {
            if ((tokens.flags[i] & TokenBuffer.WHITESPACE) == 0) {
                out.add(text.substring(tokens.starts[i], tokens.ends[i]));
            }
        }
        return out;
    }

    /** {@code len(split_into_words(text))} without building the strings. */
    public int wordCount() {
        int count = 0;
        for (int i = 0; i < tokens.size; i++) {
            if ((tokens.flags[i] & TokenBuffer.WHITESPACE) == 0) {
                count++;
            }
        }
        return count;
    }

    private int[] sentenceStarts() {
        int[] s = sentenceStarts;
        if (s == null) {
            s = sentencizer.sentenceStarts(text, tokens);
            sentenceStarts = s;
        }
        return s;
    }

    /** The number of spaCy sentences ({@code len(list(doc.sents))}); 0 only for the empty text. */
    public int sentenceCount() {
        return sentenceStarts().length;
    }

    /**
     * datatrove's {@code span_tokenize(text)}: per spaCy sentence, from its first token's start to its
     * last token's end (so without the sentence's trailing whitespace, but a sentence can start with
     * a whitespace token such as {@code "\n\n"}).
     */
    public List<TextSpan> sentenceSpans() {
        int[] starts = sentenceStarts();
        List<TextSpan> out = new ArrayList<>(starts.length);
        for (int k = 0; k < starts.length; k++) {
            int last = (k + 1 < starts.length ? starts[k + 1] : tokens.size) - 1;
            out.add(new TextSpan(tokens.starts[starts[k]], tokens.ends[last]));
        }
        return out;
    }

    /**
     * datatrove's {@code sent_tokenize(text)}: the sentence texts, {@code .strip()}-ed, empty ones
     * dropped (so fewer entries than {@link #sentenceSpans()} when a sentence is only whitespace).
     */
    public List<String> sentences() {
        List<String> out = new ArrayList<>();
        for (TextSpan span : sentenceSpans()) {
            String s = PyText.strip(span.of(text));
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * datatrove's {@code split_into_sentences(text)} (used by the C4 filter): the text cut at the end of
     * every sentence but the last, so the pieces concatenate back to the text, each piece carrying
     * the whitespace before its sentence and the last one the text's trailing whitespace. Always at
     * least one piece ({@code [""]} for the empty text).
     */
    public List<String> sentencePieces() {
        List<TextSpan> spans = sentenceSpans();
        if (spans.isEmpty()) {
            return List.of(text);
        }
        List<String> out = new ArrayList<>(spans.size());
        int from = 0;
        for (int k = 0; k < spans.size() - 1; k++) {
            int end = spans.get(k).end();
            out.add(text.substring(from, end));
            from = end;
        }
        out.add(text.substring(from));
        return out;
    }
}
