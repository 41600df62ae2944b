package org.loupe.engine.measure.text;

import java.util.List;

/**
 * spaCy's rule-based {@code Sentencizer} with its default punctuation characters, as datatrove adds it
 * to {@code spacy.blank("en")}.
 *
 * <p>A token starts a sentence when it is the first token, or when a token whose text is exactly one
 * of the punctuation characters has been seen since the current sentence started and this token is
 * neither such a character nor {@code is_punct} (every character of category P*). So {@code "?!"}
 * ends a sentence ({@code ?} and {@code !} are two tokens), {@code "..."} and {@code "e.g."} never do
 * (one token each, not a single character), closing quotes and brackets stay with the sentence they
 * close, and a whitespace token, a digit, {@code $} or an emoji after the stop starts the next one.
 */
final class Sentencizer {
    private final CodePointSet punctChars;

    Sentencizer(List<String> punctChars) {
        int[] pairs = new int[punctChars.size() * 2];
        for (int i = 0; i < punctChars.size(); i++) {
            String c = punctChars.get(i);
            if (c.codePointCount(0, c.length()) != 1) {
                throw new IllegalStateException("sentencizer punctuation must be single characters: " + c);
            }
            pairs[2 * i] = pairs[2 * i + 1] = c.codePointAt(0);
        }
        this.punctChars = CodePointSet.ofRanges(pairs);
    }

    /** Whether {@code text[start, end)} is exactly one of the punctuation characters. */
    boolean isPunctChar(String text, int start, int end) {
        int cp = text.codePointAt(start);
        return start + Character.charCount(cp) == end && punctChars.contains(cp);
    }

    /** spaCy's {@code is_punct}: every code point of {@code text[start, end)} has general category P*. */
    static boolean isPunct(String text, int start, int end) {
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            if (!PyUnicode.isPunctuation(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** The token indexes that start a sentence (ascending; empty for no tokens). */
    int[] sentenceStarts(String text, TokenBuffer buf) {
        int n = buf.size;
        if (n == 0) {
            return new int[0];
        }
        ChunkSplitter.IntList starts = new ChunkSplitter.IntList();
        starts.add(0);
        boolean seenPeriod = false;
        for (int i = 0; i < n; i++) {
            int s = buf.starts[i];
            int e = buf.ends[i];
            boolean inPunctChars = isPunctChar(text, s, e);
            if (seenPeriod && !inPunctChars && !isPunct(text, s, e)) {
                starts.add(i);
                seenPeriod = false;
            } else if (inPunctChars) {
                seenPeriod = true;
            }
        }
        return starts.toArray();
    }
}
