package org.loupe.engine.read;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.Float16LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.ListLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.MapKeyValueTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.MapLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.UUIDLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Assembles Parquet rows into the JSON-like maps that {@link RecordMapper} turns into documents, so
 * that a Parquet row and a JSONL record with the same fields become the same document.
 *
 * <p>Values: strings stay strings; integers become {@code Long} (unsigned 64-bit values above
 * {@code Long.MAX_VALUE} become {@code BigInteger}); floats and doubles become {@code Double};
 * decimals {@code BigDecimal}; dates, times and timestamps ISO-8601 strings; UUIDs their canonical
 * string; lists {@code List}; maps and structs {@code Map} (map keys as strings); a null or absent
 * optional field {@code null}. Binary without a string annotation becomes a string when its bytes are
 * valid UTF-8 (many writers store text that way) and {@code "<binary N bytes>"} otherwise, so that
 * metadata never holds mojibake. String columns whose bytes are not valid UTF-8 are decoded with
 * U+FFFD and the row is marked repaired, as the JSONL reader does.
 *
 * <p>One instance is reused for every row of a file; {@link #row()} describes the row last assembled.
 */
final class ParquetRows extends RecordMaterializer<Map<String, Object>> {

    /** What the converters noticed while assembling the current row. */
    static final class RowState {
        private long bytes;
        private Set<String> invalidUtf8Columns;

        void reset() {
            bytes = 0;
            invalidUtf8Columns = null;
        }

        void add(long n) {
            bytes += n;
        }

        void invalidUtf8(String column) {
            if (invalidUtf8Columns == null) {
                invalidUtf8Columns = new LinkedHashSet<>();
            }
            invalidUtf8Columns.add(column);
        }

        /** Approximate size of the row's values in bytes (string bytes plus 8 per other value). */
        long bytes() {
            return bytes;
        }

        /** Columns (dotted paths) of this row that held invalid UTF-8; empty when none did. */
        Set<String> invalidUtf8Columns() {
            return invalidUtf8Columns == null ? Set.of() : invalidUtf8Columns;
        }
    }

    private final RowState state = new RowState();
    private final GroupConverter root;
    private Map<String, Object> current;

    ParquetRows(MessageType schema) {
        StructConverter struct = new StructConverter(schema, "", v -> current = asMap(v), state);
        this.root = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return struct.getConverter(fieldIndex);
            }

            @Override
            public void start() {
                state.reset();
                struct.start();
            }

            @Override
            public void end() {
                struct.end();
            }
        };
    }

    @Override
    public Map<String, Object> getCurrentRecord() {
        return current;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    RowState row() {
        return state;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        return (List<Object>) value;
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Converter converter(Type type, String path, Consumer<Object> out, RowState state) {
        if (type.isPrimitive()) {
            return ParquetValues.primitive(type.asPrimitiveType(), path, out, state);
        }
        GroupType group = type.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        boolean oneRepeatedChild = group.getFieldCount() == 1 && group.getType(0).isRepetition(Type.Repetition.REPEATED);
        if (annotation instanceof ListLogicalTypeAnnotation && oneRepeatedChild) {
            return new ListConverter(group, path, out, state);
        }
        if ((annotation instanceof MapLogicalTypeAnnotation || annotation instanceof MapKeyValueTypeAnnotation)
                && oneRepeatedChild && !group.getType(0).isPrimitive()) {
            return new MapConverter(group.getType(0).asGroupType(), path, out, state);
        }
        return new StructConverter(group, path, out, state);
    }

    /** A struct (or the row itself): a map with every field, null when absent, a list when repeated. */
    private static final class StructConverter extends GroupConverter {
        private final String[] names;
        private final boolean[] repeated;
        private final Converter[] children;
        private final Consumer<Object> out;
        private Map<String, Object> map;

        StructConverter(GroupType type, String path, Consumer<Object> out, RowState state) {
            this.out = out;
            int n = type.getFieldCount();
            names = new String[n];
            repeated = new boolean[n];
            children = new Converter[n];
            for (int i = 0; i < n; i++) {
                Type field = type.getType(i);
                String name = field.getName();
                names[i] = name;
                repeated[i] = field.isRepetition(Type.Repetition.REPEATED);
                Consumer<Object> set = repeated[i] ? v -> asList(map.get(name)).add(v) : v -> map.put(name, v);
                children[i] = converter(field, child(path, name), set, state);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
            map = new LinkedHashMap<>(names.length * 2);
            for (int i = 0; i < names.length; i++) {
                map.put(names[i], repeated[i] ? new ArrayList<>() : null);
            }
        }

        @Override
        public void end() {
            out.accept(map);
        }
    }

    /**
     * A LIST-annotated group. Follows the specification's backward-compatibility rules: the repeated
     * child is itself the element when it is primitive, has several fields, or is named {@code array}
     * or {@code <list>_tuple}; otherwise it wraps one (possibly null) element.
     */
    private static final class ListConverter extends GroupConverter {
        private final Converter repeatedChild;
        private final Consumer<Object> out;
        private List<Object> list;

        ListConverter(GroupType type, String path, Consumer<Object> out, RowState state) {
            this.out = out;
            Type repeated = type.getType(0);
            boolean elementIsRepeated = repeated.isPrimitive()
                    || repeated.asGroupType().getFieldCount() != 1
                    || repeated.getName().equals("array")
                    || repeated.getName().equals(type.getName() + "_tuple");
            if (elementIsRepeated) {
                repeatedChild = converter(repeated, path, v -> list.add(v), state);
            } else {
                repeatedChild = new ElementConverter(repeated.asGroupType().getType(0), path, v -> list.add(v), state);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return repeatedChild;
        }

        @Override
        public void start() {
            list = new ArrayList<>();
        }

        @Override
        public void end() {
            out.accept(list);
        }
    }

    /** The middle level of a three-level list: holds one element, null when it is absent. */
    private static final class ElementConverter extends GroupConverter {
        private final Converter element;
        private final Consumer<Object> out;
        private Object value;

        ElementConverter(Type element, String path, Consumer<Object> out, RowState state) {
            this.out = out;
            this.element = converter(element, path, v -> value = v, state);
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return element;
        }

        @Override
        public void start() {
            value = null;
        }

        @Override
        public void end() {
            out.accept(value);
        }
    }

    /** A MAP-annotated group: a map from the key's string form to the value. */
    private static final class MapConverter extends GroupConverter {
        private final GroupConverter entry;
        private final Consumer<Object> out;
        private Map<String, Object> map;
        private Object key;
        private Object value;

        MapConverter(GroupType entryType, String path, Consumer<Object> out, RowState state) {
            this.out = out;
            Converter[] parts = new Converter[entryType.getFieldCount()];
            for (int i = 0; i < parts.length; i++) {
                Consumer<Object> set = i == 0 ? v -> key = v : i == 1 ? v -> value = v : v -> { };
                parts[i] = converter(entryType.getType(i), path, set, state);
            }
            this.entry = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return parts[fieldIndex];
                }

                @Override
                public void start() {
                    key = null;
                    value = null;
                }

                @Override
                public void end() {
                    map.put(String.valueOf(key), value);
                }
            };
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return entry;
        }

        @Override
        public void start() {
            map = new LinkedHashMap<>();
        }

        @Override
        public void end() {
            out.accept(map);
        }
    }

}
