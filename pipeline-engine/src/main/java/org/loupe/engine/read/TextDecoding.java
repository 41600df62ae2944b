package org.loupe.engine.read;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns payload bytes into a string with the charset a browser would use: a byte-order mark first, then
 * the charset declared by the server, then (for HTML) a {@code <meta charset>} or
 * {@code <meta http-equiv="Content-Type" content="...; charset=...">} in the first {@value #META_SCAN_BYTES}
 * bytes, else UTF-8. Following the WHATWG encoding standard, the Latin-1 and ASCII labels mean
 * windows-1252 (what such pages really contain), and a UTF-16 label on bytes without a UTF-16 BOM
 * means UTF-8. Unknown labels fall back to UTF-8.
 *
 * <p>Bad bytes never fail a document: they become U+FFFD. For UTF-8 the first bad byte is reported so
 * the reader can record an {@link ProblemKind#INVALID_UTF8} repair.
 *
 * @param text         the decoded text (a leading BOM removed)
 * @param charset      the charset used
 * @param firstInvalid for UTF-8, the offset of the first invalid byte, else -1
 * @param replacements for UTF-8 with invalid bytes, the number of U+FFFD in the text
 */
record TextDecoding(String text, Charset charset, int firstInvalid, int replacements) {

    static final int META_SCAN_BYTES = 4096;

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    boolean repaired() {
        return firstInvalid >= 0;
    }

    /** Decodes HTML: BOM, declared charset, meta charset, UTF-8. */
    static TextDecoding html(byte[] bytes, String declaredCharset) {
        return decode(bytes, declaredCharset, true);
    }

    /** Decodes plain text: BOM, declared charset, UTF-8. */
    static TextDecoding plain(byte[] bytes, String declaredCharset) {
        return decode(bytes, declaredCharset, false);
    }

    private static TextDecoding decode(byte[] bytes, String declaredCharset, boolean html) {
        int bom = 0;
        Charset charset = null;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            bom = 3;
            charset = StandardCharsets.UTF_8;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            bom = 2;
            charset = StandardCharsets.UTF_16BE;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            bom = 2;
            charset = StandardCharsets.UTF_16LE;
        }
        if (charset == null) {
            charset = lookup(declaredCharset);
        }
        if (charset == null && html) {
            charset = lookup(metaCharset(bytes));
        }
        if (charset == null) {
            charset = StandardCharsets.UTF_8;
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            int bad = Utf8.firstInvalid(bytes, bom, bytes.length);
            String text = new String(bytes, bom, bytes.length - bom, StandardCharsets.UTF_8);
            return new TextDecoding(text, charset, bad < 0 ? -1 : bad - bom, bad < 0 ? 0 : count(text, '\uFFFD'));
        }
        return new TextDecoding(new String(bytes, bom, bytes.length - bom, charset), charset, -1, 0);
    }

    /** The charset for a label, with the WHATWG substitutions; null when absent or unknown. */
    static Charset lookup(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String l = label.trim().toLowerCase(Locale.ROOT);
        switch (l) {
            case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso_8859-1", "cp1252",
                 "x-user-defined" -> {
                return WINDOWS_1252;
            }
            case "utf-16", "utf-16le", "utf-16be", "unicode" -> {
                return StandardCharsets.UTF_8;
            }
            default -> { }
        }
        try {
            return Charset.isSupported(l) ? Charset.forName(l) : null;
        } catch (IllegalArgumentException e) {
            return null; // an illegal charset name
        }
    }

    /** The charset named by a {@code <meta>} tag near the start of an HTML page, or null. */
    static String metaCharset(byte[] bytes) {
        String head = PayloadType.asciiLower(bytes, META_SCAN_BYTES);
        int from = 0;
        while (true) {
            int meta = head.indexOf("<meta", from);
            if (meta < 0) {
                return null;
            }
            int end = head.indexOf('>', meta);
            if (end < 0) {
                end = head.length();
            }
            int cs = head.indexOf("charset", meta);
            if (cs >= 0 && cs < end) {
                int i = cs + "charset".length();
                while (i < end && (head.charAt(i) == ' ' || head.charAt(i) == '\t')) {
                    i++;
                }
                if (i < end && head.charAt(i) == '=') {
                    i++;
                    while (i < end && (head.charAt(i) == ' ' || head.charAt(i) == '"' || head.charAt(i) == '\'')) {
                        i++;
                    }
                    int start = i;
                    while (i < end && isLabelChar(head.charAt(i))) {
                        i++;
                    }
                    if (i > start) {
                        return head.substring(start, i);
                    }
                }
            }
            from = end;
        }
    }

    private static boolean isLabelChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
