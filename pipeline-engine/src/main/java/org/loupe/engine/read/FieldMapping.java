package org.loupe.engine.read;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which fields of a record hold the text, the id and the URL.
 *
 * <p>A key may be a nested path with dots ({@code metadata.url}); a key that exists literally (with its
 * dots) wins over the nested path. A null key means auto-detection: the first present key of
 * {@link #TEXT_KEYS}, {@link #ID_KEYS}, {@link #URL_KEYS}, first exactly, then ignoring case
 * (Parquet files often have {@code TEXT}/{@code URL}). A text key that is present with a null value is
 * the text (and the record a {@link ProblemKind#NULL_TEXT} problem); an id or URL key that is null is
 * passed over for the next candidate ({@code "url": null} next to {@code metadata.url}). Records
 * without an id get {@code <shard file>#<position>} (datatrove's fallback).
 *
 * @param textKey the text field, or null to auto-detect
 * @param idKey   the id field, or null to auto-detect
 * @param urlKey  the URL field, or null to auto-detect
 */
public record FieldMapping(String textKey, String idKey, String urlKey) {

    public static final List<String> TEXT_KEYS = List.of("text", "content", "raw_content", "t");
    public static final List<String> ID_KEYS = List.of("id", "doc_id", "document_id");
    public static final List<String> URL_KEYS = List.of("url", "u", "metadata.url", "WARC-Target-URI", "warc_target_uri", "source_url");

    public FieldMapping {
        textKey = blankToNull(textKey);
        idKey = blankToNull(idKey);
        urlKey = blankToNull(urlKey);
    }

    public static FieldMapping auto() {
        return new FieldMapping(null, null, null);
    }

    /** The key actually used for the text in this record, or null when none is present. */
    public Field text(Map<String, Object> record) {
        return resolve(record, textKey, TEXT_KEYS, false);
    }

    /** The id field; when auto-detecting, a candidate that is null is passed over for the next one. */
    public Field id(Map<String, Object> record) {
        return resolve(record, idKey, ID_KEYS, true);
    }

    /** The URL field; when auto-detecting, a candidate that is null is passed over for the next one. */
    public Field url(Map<String, Object> record) {
        return resolve(record, urlKey, URL_KEYS, true);
    }

    /** A field found in a record: the path it was found under (top-level key or dotted path) and its value. */
    public record Field(String path, boolean topLevel, Object value) { }

    private static Field resolve(Map<String, Object> record, String key, List<String> candidates, boolean skipNull) {
        if (key != null) {
            return lookup(record, key, false);
        }
        for (boolean ignoreCase : new boolean[] {false, true}) {
            for (String candidate : candidates) {
                Field f = lookup(record, candidate, ignoreCase);
                if (f != null && !(skipNull && f.value() == NULL)) {
                    return f;
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Field lookup(Map<String, Object> record, String path, boolean ignoreCase) {
        Map.Entry<String, Object> literal = entry(record, path, ignoreCase);
        if (literal != null) {
            return new Field(literal.getKey(), true, literal.getValue());
        }
        int dot = path.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        Map.Entry<String, Object> head = entry(record, path.substring(0, dot), ignoreCase);
        if (head == null || !(head.getValue() instanceof Map)) {
            return null;
        }
        Field inner = lookup((Map<String, Object>) head.getValue(), path.substring(dot + 1), ignoreCase);
        return inner == null ? null : new Field(head.getKey() + "." + inner.path(), false, inner.value());
    }

    private static Map.Entry<String, Object> entry(Map<String, Object> record, String key, boolean ignoreCase) {
        if (!ignoreCase) {
            return record.containsKey(key) ? Map.entry(key, nullSafe(record.get(key))) : null;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Object> e : record.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return Map.entry(e.getKey(), nullSafe(e.getValue()));
            }
        }
        return null;
    }

    /** Map.entry rejects null values; a present-but-null field is represented by {@link #NULL}. */
    private static Object nullSafe(Object value) {
        return value == null ? NULL : value;
    }

    /** The value of a field that is present with a JSON null. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
