package org.loupe.engine.measure;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loupe.engine.io.AtomicFiles;

/**
 * The measured values of a sample: one primitive column per metric, row = sample row. Columns are named
 * {@code <step>.<metric>} ({@code gopher_quality.avg_word_length}); a categorical metric (the language
 * label) stores an index into its {@link #labels(String) label list}. NaN means "not defined" (where the
 * reference would divide by zero).
 *
 * <p>Deciding over a table is a scan of primitive arrays, which is what makes moving a threshold instant.
 * Columns are replaced as a whole (never mutated in place after {@link #put}), so readers on other
 * threads see either the old or the new column.
 *
 * <p>Besides the columns, a step may measure a variable-length list of 64-bit values per row (the sentence
 * dedup step's window hashes): {@link #putLists list columns}, named like internal columns, stored flat
 * (one offset per row into one value array) and persisted with the table (format version 2; version 1
 * files, without lists, are still read). A table may also carry, per step, a way to reach the text the
 * step measured ({@link #attachTexts}): not persisted, for the rare decision that must look at a text
 * again (sentence dedup, for the documents that lose sentences).
 */
public final class MetricTable {
    private static final int MAGIC = 0x4C4F4D54; // "LOMT"
    private static final int VERSION = 2;

    private final int rows;
    private final Map<String, double[]> columns = new LinkedHashMap<>();
    private final Map<String, List<String>> labels = new LinkedHashMap<>();
    private final Map<String, LongLists> lists = new LinkedHashMap<>();
    private final Map<String, java.util.function.IntFunction<String>> texts = new java.util.HashMap<>();
    private long version;

    /**
     * A list of 64-bit values per row, flat: row {@code r}'s values are {@code values[offsets[r] ..
     * offsets[r + 1])}. Immutable by convention (never written after {@link #putLists}).
     */
    public record LongLists(int[] offsets, long[] values) {
        public LongLists {
            if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != values.length) {
                throw new IllegalArgumentException("offsets do not cover the " + values.length + " values");
            }
            for (int i = 1; i < offsets.length; i++) {
                if (offsets[i] < offsets[i - 1]) {
                    throw new IllegalArgumentException("offsets decrease at row " + i);
                }
            }
        }

        /** The lists of every row, flattened. */
        public static LongLists of(long[][] perRow) {
            int[] offsets = new int[perRow.length + 1];
            long total = 0;
            for (int r = 0; r < perRow.length; r++) {
                total += perRow[r] == null ? 0 : perRow[r].length;
                if (total > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("more than 2^31 values in a list column");
                }
                offsets[r + 1] = (int) total;
            }
            long[] values = new long[(int) total];
            for (int r = 0; r < perRow.length; r++) {
                if (perRow[r] != null) {
                    System.arraycopy(perRow[r], 0, values, offsets[r], perRow[r].length);
                }
            }
            return new LongLists(offsets, values);
        }

        public int rows() {
            return offsets.length - 1;
        }

        /** The number of values of a row. */
        public int size(int row) {
            return offsets[row + 1] - offsets[row];
        }

        /** Value {@code i} of a row. */
        public long get(int row, int i) {
            return values[offsets[row] + i];
        }

        /** A row's values (a copy). */
        public long[] of(int row) {
            return Arrays.copyOfRange(values, offsets[row], offsets[row + 1]);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LongLists l && Arrays.equals(offsets, l.offsets) && Arrays.equals(values, l.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(offsets) * 31 + Arrays.hashCode(values);
        }
    }

    public MetricTable(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows: " + rows);
        }
        this.rows = rows;
    }

    public int rows() {
        return rows;
    }

    /**
     * The columns a curator can look at: every column but the internal ones (a dedup step's signature
     * columns), see {@link #isInternal}.
     */
    public synchronized Set<String> names() {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String name : columns.keySet()) {
            if (!isInternal(name)) {
                out.add(name);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** Every column, internal ones included (what is cached and copied). */
    public synchronized Set<String> allNames() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(columns.keySet()));
    }

    /**
     * Whether a column (or a bare metric name) is internal: its metric starts with {@code _}. Internal
     * columns hold what a step needs to decide but that is no quantity to plot or filter on (e.g. the 112
     * MinHash values of a document, stored bit for bit with {@link #bitsOf}); lists of metrics skip them.
     */
    public static boolean isInternal(String name) {
        int dot = name.indexOf('.');
        return name.startsWith("_", dot + 1);
    }

    /**
     * A 64-bit integer stored in a column bit for bit ({@link Double#longBitsToDouble}), for values whose
     * bits are no NaN pattern (any value below 2^62, e.g. MinHash values below 2^61 - 1); {@link #bitsOf}
     * reads it back.
     */
    public static double fromBits(long value) {
        if ((value >>> 62) != 0) {
            throw new IllegalArgumentException("not storable bit for bit: " + value);
        }
        return Double.longBitsToDouble(value);
    }

    /** The 64-bit integer a column value holds (see {@link #fromBits}). */
    public static long bitsOf(double stored) {
        return Double.doubleToRawLongBits(stored);
    }

    public synchronized boolean has(String name) {
        return columns.containsKey(name);
    }

    /**
     * A categorical column as its labels, row by row ({@code null} where the value is NaN or not a label):
     * e.g. the language code of every document.
     */
    public String[] labelPerRow(String name) {
        double[] codes = column(name);
        List<String> labels = labels(name);
        String[] out = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            double c = codes[i];
            out[i] = c >= 0 && c < labels.size() ? labels.get((int) c) : null;
        }
        return out;
    }

    /** The column, or an exception naming the known columns. */
    public synchronized double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no metric column '" + name + "'; measured: " + columns.keySet());
        }
        return c;
    }

    public synchronized void put(String name, double[] values) {
        if (values.length != rows) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for " + rows + " rows");
        }
        columns.put(name, values);
        version++;
    }

    /** Sets a list column ({@code step._metric}): one list of values per row. */
    public synchronized void putLists(String name, LongLists values) {
        if (values.rows() != rows) {
            throw new IllegalArgumentException(name + ": lists for " + values.rows() + " rows, table has " + rows);
        }
        lists.put(name, values);
        version++;
    }

    /** A list column, or an exception naming the known ones. */
    public synchronized LongLists lists(String name) {
        LongLists l = lists.get(name);
        if (l == null) {
            throw new IllegalArgumentException("no list column '" + name + "'; measured: " + lists.keySet());
        }
        return l;
    }

    /** The names of the list columns. */
    public synchronized Set<String> listNames() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(lists.keySet()));
    }

    /**
     * Attaches the way to reach the text a step measured, row by row (thread-safe; may be slow: reading a
     * sample block, or running the text-editing steps before it again). Whoever builds the table attaches it
     * for the steps that need it to decide; it is not persisted and does not change {@link #version()}.
     */
    public synchronized void attachTexts(String step, java.util.function.IntFunction<String> text) {
        texts.put(step, text);
    }

    /** The text source attached for a step, if any. */
    public synchronized java.util.Optional<java.util.function.IntFunction<String>> texts(String step) {
        return java.util.Optional.ofNullable(texts.get(step));
    }

    /** Changes whenever a column is put or removed: decisions cached against an older version are stale. */
    public synchronized long version() {
        return version;
    }

    /** Sets the labels of a categorical column (its values are indexes into this list). */
    public synchronized void putLabels(String name, List<String> values) {
        labels.put(name, List.copyOf(values));
    }

    /** The labels of a categorical column; empty for numeric columns. */
    public synchronized List<String> labels(String name) {
        return labels.getOrDefault(name, List.of());
    }

    /** Removes the columns of a step (before it is measured again). */
    public synchronized void removeStep(String step) {
        columns.keySet().removeIf(k -> k.startsWith(step + "."));
        labels.keySet().removeIf(k -> k.startsWith(step + "."));
        lists.keySet().removeIf(k -> k.startsWith(step + "."));
        version++;
    }

    public static String name(String step, String metric) {
        return step + "." + metric;
    }

    /** Writes the table atomically (a small binary file: names, labels, then columns). */
    public synchronized void write(Path file) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(rows);
            out.writeInt(columns.size());
            for (Map.Entry<String, double[]> e : columns.entrySet()) {
                out.writeUTF(e.getKey());
                List<String> l = labels.getOrDefault(e.getKey(), List.of());
                out.writeInt(l.size());
                for (String s : l) {
                    out.writeUTF(s);
                }
                for (double d : e.getValue()) {
                    out.writeDouble(d);
                }
            }
            out.writeInt(lists.size());
            for (Map.Entry<String, LongLists> e : lists.entrySet()) {
                out.writeUTF(e.getKey());
                LongLists l = e.getValue();
                out.writeInt(l.values().length);
                for (int o : l.offsets()) {
                    out.writeInt(o);
                }
                for (long v : l.values()) {
                    out.writeLong(v);
                }
            }
            out.flush();
        });
    }

    /** Reads a table written by {@link #write} (or by a Loupe that wrote version 1); fails on another format. */
    public static MetricTable read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a metric table: " + file);
            }
            int version = in.readInt();
            if (version != 1 && version != VERSION) {
                throw new IOException("a metric table of version " + version + ", this Loupe reads 1 and " + VERSION
                        + ": " + file);
            }
            MetricTable t = new MetricTable(in.readInt());
            int n = in.readInt();
            for (int c = 0; c < n; c++) {
                String name = in.readUTF();
                int nl = in.readInt();
                List<String> l = new ArrayList<>(nl);
                for (int i = 0; i < nl; i++) {
                    l.add(in.readUTF());
                }
                double[] values = new double[t.rows];
                for (int i = 0; i < t.rows; i++) {
                    values[i] = in.readDouble();
                }
                t.put(name, values);
                if (!l.isEmpty()) {
                    t.putLabels(name, l);
                }
            }
            int nLists = version >= 2 ? in.readInt() : 0;
            for (int c = 0; c < nLists; c++) {
                String name = in.readUTF();
                int count = in.readInt();
                if (count < 0) {
                    throw new IOException("list column " + name + " has " + count + " values: " + file);
                }
                int[] offsets = new int[t.rows + 1];
                for (int i = 0; i <= t.rows; i++) {
                    offsets[i] = in.readInt();
                }
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = in.readLong();
                }
                try {
                    t.putLists(name, new LongLists(offsets, values));
                } catch (IllegalArgumentException e) {
                    throw new IOException("list column " + name + " is damaged (" + e.getMessage() + "): " + file);
                }
            }
            return t;
        }
    }

    @Override
    public synchronized boolean equals(Object o) {
        if (!(o instanceof MetricTable t) || t.rows != rows || !t.columns.keySet().equals(columns.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            if (!Arrays.equals(e.getValue(), t.columns.get(e.getKey()))) {
                return false;
            }
        }
        return labels.equals(t.labels) && lists.equals(t.lists);
    }

    @Override
    public synchronized int hashCode() {
        return rows * 31 + columns.keySet().hashCode();
    }
}
