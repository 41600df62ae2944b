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
 */
public final class MetricTable {
    private static final int MAGIC = 0x4C4F4D54; // "LOMT"
    private static final int VERSION = 1;

    private final int rows;
    private final Map<String, double[]> columns = new LinkedHashMap<>();
    private final Map<String, List<String>> labels = new LinkedHashMap<>();
    private long version;

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
            out.flush();
        });
    }

    /** Reads a table written by {@link #write}; fails on another format or version. */
    public static MetricTable read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException("not a metric table of this version: " + file);
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
        return labels.equals(t.labels);
    }

    @Override
    public synchronized int hashCode() {
        return rows * 31 + columns.keySet().hashCode();
    }
}
