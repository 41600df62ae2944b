package org.loupe.engine.read;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.PositionKind;
import org.loupe.engine.model.ShardRef;

/**
 * Turns a parsed record (field name → JSON-like value) into a {@link Document}, or reports why it
 * cannot be one. Shared by every reader of key/value records (JSONL, Parquet), so that field mapping,
 * id fallback and text checks are the same for all of them.
 */
public final class RecordMapper {
    private final Path shard;
    private final PositionKind positionKind;
    private final FieldMapping mapping;

    public RecordMapper(Path shard, PositionKind positionKind, FieldMapping mapping) {
        this.shard = shard;
        this.positionKind = positionKind;
        this.mapping = mapping;
    }

    /** The outcome for one record: a document, or the problem that skipped it. */
    public sealed interface Result permits Mapped, Rejected { }

    public record Mapped(Document document) implements Result { }

    public record Rejected(Problem problem) implements Result { }

    public Result map(Map<String, Object> record, long position) {
        FieldMapping.Field text = mapping.text(record);
        if (text == null) {
            String expected = mapping.textKey() != null ? "'" + mapping.textKey() + "'"
                    : "any of " + FieldMapping.TEXT_KEYS;
            return reject(position, ProblemKind.MISSING_TEXT,
                    "no text field: expected " + expected + ", record has " + record.keySet());
        }
        if (text.value() == FieldMapping.NULL) {
            return reject(position, ProblemKind.NULL_TEXT, "text field '" + text.path() + "' is null");
        }
        if (!(text.value() instanceof String s)) {
            return reject(position, ProblemKind.NOT_TEXT, "text field '" + text.path() + "' is a "
                    + typeName(text.value()) + ", not a string");
        }
        if (s.isBlank()) {
            return reject(position, ProblemKind.EMPTY_TEXT, "text field '" + text.path() + "' is "
                    + (s.isEmpty() ? "empty" : "only whitespace"));
        }
        FieldMapping.Field id = mapping.id(record);
        String idValue = id == null || id.value() == FieldMapping.NULL ? null : scalarToString(id.value());
        if (idValue == null || idValue.isEmpty()) {
            idValue = shard.getFileName() + "#" + position;
        }
        FieldMapping.Field url = mapping.url(record);
        String urlValue = url == null || url.value() == FieldMapping.NULL ? null : scalarToString(url.value());

        Map<String, Object> metadata = new LinkedHashMap<>(record);
        if (text.topLevel()) {
            metadata.remove(text.path());
        }
        if (id != null && id.topLevel()) {
            metadata.remove(id.path());
        }
        ShardRef ref = new ShardRef(shard, position, positionKind);
        return new Mapped(new Document(idValue, s, urlValue, ref, metadata));
    }

    private Rejected reject(long position, ProblemKind kind, String message) {
        return new Rejected(new Problem(shard, position, positionKind, kind, Severity.SKIPPED, message));
    }

    private static String scalarToString(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    static String typeName(Object value) {
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof java.util.List) {
            return "array";
        }
        return value.getClass().getSimpleName();
    }
}
