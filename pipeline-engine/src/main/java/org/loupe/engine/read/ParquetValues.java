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
import org.loupe.engine.read.ParquetRows.RowState;
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
 * Parquet's primitive columns as JSON-like values (spec of the reader: ADR 0002): integers by their logical
 * type (dates, times, timestamps, decimals), floats including FLOAT16, strings, and binary that may or may
 * not be text, decoded once per dictionary page. Part of {@link ParquetRows}.
 */
final class ParquetValues {
    private ParquetValues() {
    }

    static Converter primitive(PrimitiveType type, String path, Consumer<Object> out, RowState state) {
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
