package org.loupe.engine.model;

import java.util.Map;
import java.util.Objects;

/**
 * One document of a dataset: its text and where it came from. Everything else the source record
 * carried is kept in {@code metadata} (datatrove's model: a tiny document plus free-form metadata).
 *
 * @param id       the record's id, or {@code <shard file name>#<position>} when the record has none
 * @param text     the text to curate (never null; may be empty only when a reader was told to keep empty texts)
 * @param url      the source URL, or null when the record has none
 * @param source   the shard and position the record was read from
 * @param metadata the record's other fields (JSON-like values: String, Number, Boolean, List, Map, null)
 */
public record Document(String id, String text, String url, ShardRef source, Map<String, Object> metadata) {
    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        metadata = metadata == null ? Map.of() : metadata;
    }
}
