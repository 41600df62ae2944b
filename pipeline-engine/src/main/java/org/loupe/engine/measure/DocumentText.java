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
    private final String url;
    private final java.util.Map<String, Object> attributes;
    private final Function<String, List<String>> wordSplitter;
    private List<String> words;

    public DocumentText(String text, Function<String, List<String>> wordSplitter) {
        this(text, null, new java.util.HashMap<>(), wordSplitter);
    }

    /**
     * @param text       the text
     * @param url        the document's URL, or null
     * @param attributes the record's metadata; steps add what later steps read (the language step sets
     *                   {@code language}, as datatrove's LanguageFilter does in {@code doc.metadata})
     */
    public DocumentText(String text, String url, java.util.Map<String, Object> attributes,
                        Function<String, List<String>> wordSplitter) {
        this.text = text;
        this.url = url;
        this.attributes = attributes;
        this.wordSplitter = wordSplitter;
    }

    /** The document's URL, or null. */
    public String url() {
        return url;
    }

    /** A metadata value (the record's, or one an earlier step set), or null. */
    public Object attribute(String key) {
        return attributes.get(key);
    }

    /** Sets a value later steps can read (shared by every text version of this document). */
    public void setAttribute(String key, Object value) {
        attributes.put(key, value);
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
        return newText.equals(text) ? this : new DocumentText(newText, url, attributes, wordSplitter);
    }
}
