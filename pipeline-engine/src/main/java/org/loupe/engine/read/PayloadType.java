package org.loupe.engine.read;

import java.util.Locale;

/**
 * What a WARC payload is, decided the way a curator would expect: by the declared media type (the
 * HTTP {@code Content-Type} of a response, the WARC {@code Content-Type} of a resource), falling back to
 * {@code WARC-Identified-Payload-Type} (Common Crawl's detected type) when the declared type is missing,
 * invalid or the meaningless {@code application/octet-stream}, and falling back to sniffing the first
 * bytes for HTML markup when neither says anything.
 *
 * @param kind      how the payload becomes text
 * @param mediaType the lower-case base type that decided it ({@code text/html}), or {@code "unknown"}
 * @param source    where {@code mediaType} came from: {@code declared}, {@code identified} or {@code sniffed}
 * @param charset   the charset parameter of the declared type, or null
 */
record PayloadType(Kind kind, String mediaType, String source, String charset) {

    /** How a payload becomes text. */
    enum Kind {
        /** HTML or XHTML: decoded, then main text extracted. */
        HTML,
        /** Plain text: decoded and used as is. */
        PLAIN,
        /** Anything else (images, PDFs, scripts, JSON, ...): not a document. */
        OTHER
    }

    private static final int SNIFF_BYTES = 1024;

    static PayloadType decide(String declared, String identified, byte[] payload) {
        String base = baseType(declared);
        if (base != null && !"application/octet-stream".equals(base)) {
            return new PayloadType(kindOf(base), base, "declared", charsetParam(declared));
        }
        String identifiedBase = baseType(identified);
        if (identifiedBase != null && !"application/octet-stream".equals(identifiedBase)) {
            return new PayloadType(kindOf(identifiedBase), identifiedBase, "identified", charsetParam(declared));
        }
        if (looksLikeHtml(payload)) {
            return new PayloadType(Kind.HTML, "text/html", "sniffed", null);
        }
        return new PayloadType(Kind.OTHER, base != null ? base : "unknown", base != null ? "declared" : "sniffed", null);
    }

    static Kind kindOf(String base) {
        return switch (base) {
            case "text/html", "application/xhtml+xml" -> Kind.HTML;
            case "text/plain" -> Kind.PLAIN;
            default -> Kind.OTHER;
        };
    }

    /** "text/html" from "Text/HTML; charset=UTF-8", or null when absent or not of the form type/subtype. */
    static String baseType(String raw) {
        if (raw == null) {
            return null;
        }
        int semi = raw.indexOf(';');
        String base = (semi < 0 ? raw : raw.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        int slash = base.indexOf('/');
        if (slash <= 0 || slash == base.length() - 1 || base.indexOf(' ') >= 0) {
            return null;
        }
        return base;
    }

    /** The value of a {@code charset} parameter, unquoted, or null. */
    static String charsetParam(String raw) {
        if (raw == null) {
            return null;
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        int semi = lower.indexOf(';');
        while (semi >= 0) {
            int next = lower.indexOf(';', semi + 1);
            String param = lower.substring(semi + 1, next < 0 ? lower.length() : next).trim();
            if (param.startsWith("charset")) {
                int eq = param.indexOf('=');
                if (eq > 0 && param.substring(0, eq).trim().equals("charset")) {
                    String value = param.substring(eq + 1).trim();
                    if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                        value = value.substring(1, value.length() - 1).trim();
                    }
                    return value.isEmpty() ? null : value;
                }
            }
            semi = next;
        }
        return null;
    }

    /** HTML markup near the start: a doctype, or an html, head or body tag (ASCII, case-insensitive). */
    static boolean looksLikeHtml(byte[] payload) {
        String head = asciiLower(payload, SNIFF_BYTES);
        return head.contains("<!doctype html") || head.contains("<html") || head.contains("<head")
                || head.contains("<body");
    }

    /** The first {@code max} bytes as lower-case ASCII (other bytes become '?'). */
    static String asciiLower(byte[] bytes, int max) {
        int n = Math.min(bytes.length, max);
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            chars[i] = b >= 0x80 ? '?' : (b >= 'A' && b <= 'Z') ? (char) (b + 32) : (char) b;
        }
        return new String(chars);
    }
}
