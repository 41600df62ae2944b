package org.loupe.engine.read;

/** UTF-8 validation, fast on ASCII. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Returns -1 when {@code bytes[from, to)} is valid UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF),
     * or the offset of the first invalid byte.
     */
    static int firstInvalid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            // ASCII fast path, 8 bytes at a time.
            while (i + 8 <= to && ((bytes[i] | bytes[i + 1] | bytes[i + 2] | bytes[i + 3]
                    | bytes[i + 4] | bytes[i + 5] | bytes[i + 6] | bytes[i + 7]) & 0x80) == 0) {
                i += 8;
            }
            if (i >= to) {
                break;
            }
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + need >= to) {
                return i;
            }
            int cp = b & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += need + 1;
        }
        return -1;
    }
}
