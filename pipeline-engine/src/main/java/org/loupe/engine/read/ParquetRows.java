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
            return primitive(type.asPrimitiveType(), path, out, state);
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

    private static Converter primitive(PrimitiveType type, String path, Consumer<Object> out, RowState state) {
        LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN:
                return new PrimitiveConverter() {
                    @Override
                    public void addBoolean(boolean v) {
                        state.add(8);
                        out.accept(v);
                    }
                };
            case FLOAT:
                return new PrimitiveConverter() {
                    @Override
                    public void addFloat(float v) {
                        state.add(8);
                        // Through the float's own shortest decimal form: 0.1f stays 0.1, not 0.10000000149.
                        out.accept(Float.isFinite(v) ? Double.parseDouble(Float.toString(v)) : (double) v);
                    }
                };
            case DOUBLE:
                return new PrimitiveConverter() {
                    @Override
                    public void addDouble(double v) {
                        state.add(8);
                        out.accept(v);
                    }
                };
            case INT32:
                return int32(a, out, state);
            case INT64:
                return int64(a, out, state);
            case INT96:
                return new PrimitiveConverter() {
                    @Override
                    public void addBinary(Binary v) {
                        state.add(12);
                        out.accept(v.length() == 12 ? int96Timestamp(v) : "<binary " + v.length() + " bytes>");
                    }
                };
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY:
                if (a instanceof DecimalLogicalTypeAnnotation d) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addBinary(Binary v) {
                            state.add(v.length());
                            byte[] unscaled = v.getBytesUnsafe();
                            out.accept(unscaled.length == 0 ? null : new BigDecimal(new BigInteger(unscaled), d.getScale()));
                        }
                    };
                }
                if (a instanceof UUIDLogicalTypeAnnotation && type.getTypeLength() == 16) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addBinary(Binary v) {
                            state.add(16);
                            ByteBuffer b = v.toByteBuffer();
                            out.accept(new UUID(b.getLong(b.position()), b.getLong(b.position() + 8)).toString());
                        }
                    };
                }
                if (a instanceof Float16LogicalTypeAnnotation && type.getTypeLength() == 2) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addBinary(Binary v) {
                            state.add(2);
                            ByteBuffer b = v.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                            out.accept((double) halfToFloat(b.getShort(b.position())));
                        }
                    };
                }
                boolean text = a instanceof StringLogicalTypeAnnotation || a instanceof EnumLogicalTypeAnnotation
                        || a instanceof JsonLogicalTypeAnnotation;
                return new BinaryConverter(text, path, out, state);
            default:
                throw new IllegalArgumentException("unknown Parquet type " + type);
        }
    }

    private static Converter int32(LogicalTypeAnnotation a, Consumer<Object> out, RowState state) {
        if (a instanceof DecimalLogicalTypeAnnotation d) {
            return new PrimitiveConverter() {
                @Override
                public void addInt(int v) {
                    state.add(8);
                    out.accept(BigDecimal.valueOf(v, d.getScale()));
                }
            };
        }
        if (a instanceof DateLogicalTypeAnnotation) {
            return new PrimitiveConverter() {
                @Override
                public void addInt(int v) {
                    state.add(8);
                    out.accept(date(v));
                }
            };
        }
        if (a instanceof TimeLogicalTypeAnnotation) {
            return new PrimitiveConverter() {
                @Override
                public void addInt(int v) {
                    state.add(8);
                    out.accept(LocalTime.ofNanoOfDay(Math.floorMod(v, 86_400_000L) * 1_000_000L).toString());
                }
            };
        }
        boolean unsigned = a instanceof IntLogicalTypeAnnotation i && !i.isSigned();
        return new PrimitiveConverter() {
            @Override
            public void addInt(int v) {
                state.add(8);
                out.accept(unsigned ? Integer.toUnsignedLong(v) : (long) v);
            }
        };
    }

    private static Converter int64(LogicalTypeAnnotation a, Consumer<Object> out, RowState state) {
        if (a instanceof DecimalLogicalTypeAnnotation d) {
            return new PrimitiveConverter() {
                @Override
                public void addLong(long v) {
                    state.add(8);
                    out.accept(BigDecimal.valueOf(v, d.getScale()));
                }
            };
        }
        if (a instanceof TimestampLogicalTypeAnnotation t) {
            return new PrimitiveConverter() {
                @Override
                public void addLong(long v) {
                    state.add(8);
                    out.accept(timestamp(v, t.getUnit(), t.isAdjustedToUTC()));
                }
            };
        }
        if (a instanceof TimeLogicalTypeAnnotation t) {
            long nanosPerUnit = t.getUnit() == TimeUnit.MICROS ? 1_000L : t.getUnit() == TimeUnit.MILLIS ? 1_000_000L : 1L;
            return new PrimitiveConverter() {
                @Override
                public void addLong(long v) {
                    state.add(8);
                    out.accept(LocalTime.ofNanoOfDay(Math.floorMod(v * nanosPerUnit, 86_400_000_000_000L)).toString());
                }
            };
        }
        boolean unsigned = a instanceof IntLogicalTypeAnnotation i && !i.isSigned();
        return new PrimitiveConverter() {
            @Override
            public void addLong(long v) {
                state.add(8);
                out.accept(unsigned && v < 0 ? new BigInteger(Long.toUnsignedString(v)) : (Object) v);
            }
        };
    }

    /** Strings, and binary that may or may not be text. Decodes dictionary pages once per row group. */
    private static final class BinaryConverter extends PrimitiveConverter {
        private final boolean text;
        private final String path;
        private final Consumer<Object> out;
        private final RowState state;
        private String[] dictionary;
        private int[] dictionaryBytes;
        private boolean[] dictionaryInvalid;

        BinaryConverter(boolean text, String path, Consumer<Object> out, RowState state) {
            this.text = text;
            this.path = path;
            this.out = out;
            this.state = state;
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary d) {
            int n = d.getMaxId() + 1;
            dictionary = new String[n];
            dictionaryBytes = new int[n];
            dictionaryInvalid = new boolean[n];
            for (int i = 0; i < n; i++) {
                byte[] bytes = d.decodeToBinary(i).getBytesUnsafe();
                boolean valid = Utf8.firstInvalid(bytes, 0, bytes.length) < 0;
                dictionary[i] = decode(bytes, valid);
                dictionaryBytes[i] = bytes.length;
                dictionaryInvalid[i] = text && !valid;
            }
        }

        @Override
        public void addValueFromDictionary(int id) {
            state.add(dictionaryBytes[id]);
            if (dictionaryInvalid[id]) {
                state.invalidUtf8(path);
            }
            out.accept(dictionary[id]);
        }

        @Override
        public void addBinary(Binary value) {
            byte[] bytes = value.getBytesUnsafe();
            state.add(bytes.length);
            boolean valid = Utf8.firstInvalid(bytes, 0, bytes.length) < 0;
            if (text && !valid) {
                state.invalidUtf8(path);
            }
            out.accept(decode(bytes, valid));
        }

        private String decode(byte[] bytes, boolean valid) {
            if (valid || text) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            return "<binary " + bytes.length + " bytes>";
        }
    }

    /** ISO date, or the raw day number when it is outside what java.time represents. */
    static Object date(int epochDay) {
        try {
            return LocalDate.ofEpochDay(epochDay).toString();
        } catch (DateTimeException e) {
            return (long) epochDay;
        }
    }

    /**
     * ISO-8601 timestamp: with a {@code Z} when the column is UTC-adjusted, as local date-time when not;
     * the raw number when it is outside what java.time represents.
     */
    static Object timestamp(long value, TimeUnit unit, boolean utc) {
        try {
            Instant instant = switch (unit) {
                case MILLIS -> Instant.ofEpochMilli(value);
                case MICROS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
                case NANOS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
            };
            return utc ? instant.toString() : instant.atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
        } catch (DateTimeException | ArithmeticException e) {
            return value;
        }
    }

    /** Legacy INT96 timestamps (Impala, old Spark, pandas with {@code use_deprecated_int96_timestamps}). */
    static Object int96Timestamp(Binary value) {
        ByteBuffer b = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = b.getLong(b.position());
        long julianDay = Integer.toUnsignedLong(b.getInt(b.position() + 8));
        long epochDay = julianDay - 2_440_588L;
        try {
            return Instant.ofEpochSecond(Math.multiplyExact(epochDay, 86_400L), 0).plusNanos(nanosOfDay).toString();
        } catch (DateTimeException | ArithmeticException e) {
            return "<int96 " + julianDay + ":" + nanosOfDay + ">";
        }
    }

    /** IEEE 754 half precision (little-endian FLOAT16) to float. */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits >>> 15) << 31;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
