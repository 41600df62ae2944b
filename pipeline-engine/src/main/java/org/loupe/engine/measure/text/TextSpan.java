package org.loupe.engine.measure.text;

/**
 * A half-open range {@code [start, end)} of a text in UTF-16 units (Java string indexes), e.g. a
 * sentence as datatrove's {@code span_tokenize} gives it.
 */
public record TextSpan(int start, int end) {

    public TextSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /** The characters of this span in {@code text}. */
    public String of(String text) {
        return text.substring(start, end);
    }
}
