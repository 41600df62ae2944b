package org.loupe.engine.sample;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Cheap size measures shown while browsing (the curation metrics proper live in the measure package). */
public final class TextCounts {
    private TextCounts() {
    }

    /** Characters as Unicode code points (Python's {@code len(text)}). */
    public static int chars(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Whitespace-separated tokens. */
    public static int words(String text) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            boolean ws = isSpace(text.charAt(i));
            if (!ws && !in) {
                n++;
            }
            in = !ws;
        }
        return n;
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || c == '\u00A0';
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    /** 1 for the ASCII characters {@link Character#isWhitespace(char)} accepts, else 0. */
    private static final int[] ASCII_SPACE = new int[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_SPACE[c] = isSpace(c) ? 1 : 0;
        }
    }

    /**
     * {@link #chars(String)} of the string whose well-formed UTF-8 encoding is {@code utf8[from, to)}, without
     * decoding it: every byte that is not a continuation byte ({@code 10xxxxxx}) starts a code point. Eight
     * bytes at a time.
     */
    static int charsUtf8(byte[] utf8, int from, int to) {
        int continuation = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = (long) LONGS.get(utf8, i);
            // Bit 7 set and bit 6 clear in a byte: a continuation byte.
            continuation += Long.bitCount(v & ~(v << 1) & HIGH_BITS);
        }
        for (; i < to; i++) {
            if ((utf8[i] & 0xC0) == 0x80) {
                continuation++;
            }
        }
        return to - from - continuation;
    }

    /**
     * {@link #words(String)} of the string whose well-formed UTF-8 encoding is {@code utf8[from, to)}, without
     * decoding it. Every whitespace character is in the Basic Multilingual Plane, so a four-byte sequence
     * (a surrogate pair in the string) is never whitespace, exactly as each of its surrogates is not.
     * A word starts where a non-space follows a space (or the start); runs of eight ASCII bytes are done at once.
     */
    static int wordsUtf8(byte[] utf8, int from, int to) {
        int n = 0;
        long prevSpace = 1;
        int i = from;
        while (i < to) {
            if (i + 8 <= to) {
                long v = (long) LONGS.get(utf8, i);
                if ((v & HIGH_BITS) == 0) {
                    long space = asciiSpaces(v);
                    // A byte starts a word when it is not a space and the byte before it is.
                    long before = (space << 8) | (prevSpace << 7);
                    n += Long.bitCount(~space & before & HIGH_BITS);
                    prevSpace = space >>> 63;
                    i += 8;
                    continue;
                }
            }
            int b = utf8[i];
            int space;
            if (b >= 0) {
                space = ASCII_SPACE[b];
                i++;
            } else {
                b &= 0xFF;
                if (b < 0xE0) {
                    space = isSpace((b & 0x1F) << 6 | (utf8[i + 1] & 0x3F)) ? 1 : 0;
                    i += 2;
                } else if (b < 0xF0) {
                    space = isSpace((b & 0x0F) << 12 | (utf8[i + 1] & 0x3F) << 6 | (utf8[i + 2] & 0x3F)) ? 1 : 0;
                    i += 3;
                } else {
                    space = 0;
                    i += 4;
                }
            }
            n += (int) prevSpace & (space ^ 1);
            prevSpace = space;
        }
        return n;
    }

    /** For eight ASCII bytes: the high bit of each byte that is Java whitespace (0x09-0x0D, 0x1C-0x20). */
    private static long asciiSpaces(long v) {
        long below21 = ~atLeast(v, 0x21) & HIGH_BITS;
        long from09 = atLeast(v, 0x09);
        long from0e = atLeast(v, 0x0E);
        long from1c = atLeast(v, 0x1C);
        // [0x09, 0x21) minus [0x0E, 0x1C).
        return below21 & from09 & ~(from0e & ~from1c);
    }

    /** For eight bytes below 0x80: the high bit of each byte that is at least {@code n} (no borrow can cross bytes). */
    private static long atLeast(long v, int n) {
        return ((v | HIGH_BITS) - n * 0x0101010101010101L) & HIGH_BITS;
    }
}
