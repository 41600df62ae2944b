package org.loupe.engine.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with varint and length-prefixed UTF-8 encodings, and its reader. */
public final class Bytes {
    private byte[] data;
    private int size;

    public Bytes(int capacity) {
        data = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return size;
    }

    public byte[] array() {
        return data;
    }

    public byte[] toArray() {
        return Arrays.copyOf(data, size);
    }

    public void clear() {
        size = 0;
    }

    private void ensure(int extra) {
        if (size + extra > data.length) {
            long n = Math.max((long) data.length * 2, (long) size + extra);
            data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16, n));
        }
    }

    public Bytes put(byte b) {
        ensure(1);
        data[size++] = b;
        return this;
    }

    public Bytes put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, data, size, len);
        size += len;
        return this;
    }

    public Bytes putVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            data[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        data[size++] = (byte) v;
        return this;
    }

    public Bytes putString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putVarLong(b.length);
        return put(b, 0, b.length);
    }

    /** A string that may be null (encoded as length + 1, 0 for null). */
    public Bytes putNullableString(String s) {
        if (s == null) {
            return putVarLong(0);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putVarLong(b.length + 1L);
        return put(b, 0, b.length);
    }

    public Bytes putLongFixed(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            data[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Reads what {@link Bytes} wrote. */
    public static final class Reader {
        private final byte[] data;
        private int pos;
        private final int end;

        public Reader(byte[] data, int from, int to) {
            this.data = data;
            this.pos = from;
            this.end = to;
        }

        public boolean hasMore() {
            return pos < end;
        }

        public int position() {
            return pos;
        }

        public byte get() {
            return data[pos++];
        }

        public long getVarLong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = data[pos++];
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
                shift += 7;
            }
        }

        public int getVarInt() {
            return Math.toIntExact(getVarLong());
        }

        public String getString() {
            int len = getVarInt();
            String s = new String(data, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        public String getNullableString() {
            int len = getVarInt();
            if (len == 0) {
                return null;
            }
            String s = new String(data, pos, len - 1, StandardCharsets.UTF_8);
            pos += len - 1;
            return s;
        }

        public void skipBytes(int n) {
            pos += n;
        }

        public byte[] getBytes(int n) {
            byte[] b = Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return b;
        }

        public void skipString() {
            int len = getVarInt();
            pos += len;
        }

        public long getLongFixed() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) (data[pos++] & 0xFF) << (8 * i);
            }
            return v;
        }
    }
}
