package org.loupe.engine.measure;

import java.util.List;
import java.util.function.Function;

/**
 * A document's text with the units several steps need, computed at most once per text: the word list
 * is the expensive one (spaCy-exact tokenization) and is shared by Gopher quality, Gopher repetition and
 * FineWeb quality. A step that edits the text hands a new {@code DocumentText} to the next steps.
 * Not thread-safe: one per document per thread.
 */
public final class DocumentText {
    private final String text;
    private final Function<String, List<String>> wordSplitter;
    private List<String> words;

    public DocumentText(String text, Function<String, List<String>> wordSplitter) {
        this.text = text;
        this.wordSplitter = wordSplitter;
    }

    public String text() {
        return text;
    }

    /** The reference word list of the text (spec §1.2), computed on first use. */
    public List<String> words() {
        if (words == null) {
            words = wordSplitter.apply(text);
        }
        return words;
    }

    /** The same splitter on another text (what an editing step hands on). */
    public DocumentText withText(String newText) {
        return newText.equals(text) ? this : new DocumentText(newText, wordSplitter);
    }
}
