package org.loupe.engine.measure.text;

/**
 * One spaCy token of a text.
 *
 * @param text       the token's characters, {@code source.substring(start, end)}
 * @param start      the offset of its first character in the source text, in UTF-16 units (a Java
 *                   string index, not a Python one: the two differ after an astral character)
 * @param end        the offset just past its last character, in UTF-16 units
 * @param whitespace whether it is a whitespace token (a run of whitespace that spaCy keeps as a token,
 *                   e.g. {@code "\n\n"}; such tokens vanish from word lists but can start sentences)
 * @param spaceAfter whether one plain space U+0020 follows it and belongs to it (spaCy's
 *                   {@code whitespace_}); that space is not a token of its own
 */
public record Token(String text, int start, int end, boolean whitespace, boolean spaceAfter) {

    /** {@code len(token.text)} in Python: code points. */
    public int codePointLength() {
        return PyText.len(text);
    }
}
