package org.loupe.engine.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** Builds small WARC files byte by byte, so tests can make exactly the damage they test. */
final class WarcBytes {
    private WarcBytes() {
    }

    static final String CRLF = "\r\n";

    /** The record id {@link #record} gives a record with this name. */
    static String idOf(String name) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** One WARC record: version line, headers, blank line, block, CRLFCRLF. */
    static byte[] record(String type, String name, String targetUri, Map<String, String> headers, byte[] block) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("WARC-Type", type);
        all.put("WARC-Record-ID", "<" + idOf(name) + ">");
        all.put("WARC-Date", "2024-05-18T01:58:10Z");
        if (targetUri != null) {
            all.put("WARC-Target-URI", targetUri);
        }
        all.putAll(headers);
        all.putIfAbsent("Content-Length", Integer.toString(block.length));
        StringBuilder head = new StringBuilder("WARC/1.0").append(CRLF);
        all.forEach((k, v) -> head.append(k).append(": ").append(v).append(CRLF));
        head.append(CRLF);
        return concat(ascii(head.toString()), block, ascii(CRLF + CRLF));
    }

    /** A response record holding an HTTP response. */
    static byte[] response(String name, String url, byte[] http) {
        return record("response", name, url, Map.of("Content-Type", "application/http; msgtype=response"), http);
    }

    /** An HTTP response message: status line, headers ("Name: value" each), blank line, body. */
    static byte[] http(int status, String reason, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append(CRLF);
        for (String h : headers) {
            head.append(h).append(CRLF);
        }
        head.append(CRLF);
        return concat(ascii(head.toString()), body);
    }

    static byte[] html(String html) {
        return http(200, "OK", utf8(html), "Content-Type: text/html; charset=utf-8");
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Each record compressed as its own gzip member, as crawlers write {@code .warc.gz}. */
    static byte[] gzipEach(byte[]... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : records) {
            out.writeBytes(gzip(r));
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
