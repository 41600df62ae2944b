package org.loupe.engine.read;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.PositionKind;
import org.loupe.engine.model.ShardRef;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MessageBody;
import org.netpreserve.jwarc.ParsingException;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * Reads the documents of a WARC or WET shard (plain, {@code .gz}, or {@code .zst}) with jwarc.
 *
 * <p><b>Which records are documents.</b> Only records that carry content are candidates, and only they
 * are counted in {@link ReadCounts#records()}: {@code response}, {@code resource} and {@code conversion}
 * records. Every candidate becomes a document or one {@link Severity#SKIPPED} problem:
 * <ul>
 *   <li>{@code conversion} (WET): the block is the text, decoded as UTF-8 (or the charset its
 *       Content-Type names); invalid bytes are replaced and reported as a
 *       {@link Severity#REPAIRED REPAIRED} {@link ProblemKind#INVALID_UTF8}.</li>
 *   <li>{@code response} with an HTTP message: a status outside 2xx is skipped as
 *       {@link ProblemKind#UNSUPPORTED_CONTENT} (a redirect or an error page is not a document); an HTTP
 *       part that cannot be parsed, or a Content-Encoding that cannot be decoded, is skipped as
 *       {@link ProblemKind#EXTRACTION_FAILED}; otherwise the payload is handled like a resource's.</li>
 *   <li>{@code resource} (and a response without HTTP): the payload's type is decided by
 *       {@link PayloadType} (declared type, then {@code WARC-Identified-Payload-Type}, then sniffing).
 *       HTML is decoded ({@link TextDecoding}: BOM, declared charset, {@code <meta charset>}, UTF-8) and
 *       turned into main text by {@link ReaderOptions#htmlExtractor()}, and skipped as
 *       {@link ProblemKind#EXTRACTION_FAILED} when that yields no text; {@code text/plain} is used as is;
 *       anything else (images, PDFs, JSON, ...) is skipped as {@link ProblemKind#UNSUPPORTED_CONTENT}
 *       naming the type.</li>
 *   <li>a record block larger than {@link ReaderOptions#maxRecordBytes()} is skipped as
 *       {@link ProblemKind#OVERSIZED} without being read into memory; so is an HTTP payload whose
 *       decoded (decompressed) size exceeds the cap.</li>
 * </ul>
 * {@code request}, {@code warcinfo}, {@code metadata}, {@code revisit}, {@code continuation} and unknown
 * record types are not documents by nature and are only counted as {@link ReadCounts#ignoredRecords()
 * ignored}; so are content records about the crawl itself rather than the web, recognised by their
 * target URI scheme ({@code metadata:}, {@code dns:}, {@code filedesc:}, {@code whois:}), such as the
 * wget log and arguments that wget stores as {@code resource} records.
 *
 * <p><b>Documents.</b> {@code id} is the {@code WARC-Record-ID} ({@code urn:uuid:...}, angle brackets
 * removed); {@code url} is the {@code WARC-Target-URI} with the angle brackets some writers (wget) put
 * around it removed; {@code metadata} holds flat keys: {@code warc_type}, {@code warc_date},
 * {@code content_type} (the HTTP Content-Type of a response, the WARC Content-Type otherwise),
 * {@code http_status} (an Integer), {@code charset} (the charset the payload was decoded with), and, when
 * the record has them, {@code warc_identified_payload_type}, {@code warc_identified_content_language},
 * {@code warc_refers_to} (a WET record's source response id), {@code warc_payload_digest} and
 * {@code warc_truncated}.
 *
 * <p><b>Positions</b> are {@link PositionKind#BYTE_OFFSET}s, as jwarc's {@link WarcReader#position()}
 * reports them: for a {@code .warc.gz} this is the <em>compressed</em> offset in the file of the gzip
 * member that starts the record (the offset CDX indexes store, from which the record can be read again
 * by seeking); for an uncompressed WARC it is the offset of the record in the file. For a
 * {@code .warc.gz} compressed as one gzip stream instead of record by record, it is only the compressed
 * input consumed when the record was parsed (approximate, but increasing). jwarc 0.32 cannot read zstd,
 * so a {@code .warc.zst} is decompressed here and its positions are offsets in the decompressed stream.
 *
 * <p><b>Damaged files.</b> An I/O or decompression error, a truncated record or a malformed WARC
 * header is reported once as a {@link Severity#FILE} problem at the offset of the record where it
 * happened ({@link ProblemKind#TRUNCATED} when the rest of the file is lost because it ends early,
 * {@link ProblemKind#CORRUPT_DATA} otherwise). The reader then resynchronises: it looks for the next
 * gzip member (or, uncompressed, the next line starting with {@code WARC/1.}) where a record can be
 * read, reports how many bytes it skipped, and goes on; when there is none, reading stops. The record
 * the damage hit is not counted (it was never seen whole); records already read stay. Nothing escapes
 * {@link #next()} as an exception.
 *
 * <p>Not thread-safe; one reader per shard.
 */
public final class WarcDocumentReader implements DocumentReader {
    private static final Set<String> CONTENT_RECORDS = Set.of("response", "resource", "conversion");
    private static final Set<String> BOOKKEEPING_SCHEMES = Set.of("metadata", "dns", "filedesc", "whois");
    private static final int MAX_MESSAGE_DETAIL = 240;

    private final Path path;
    private final ProblemSink problems;
    private final HtmlTextExtractor extractor;
    private final long maxBytes;
    private final ReadCounts counts = new ReadCounts();

    private FileChannel file;
    private ShardStreams.Opened stream;
    private WarcReader reader;
    private WarcRecordStarts starts;
    private WarcRecord pending;
    private boolean done;

    public WarcDocumentReader(Shard shard, ReaderOptions options, ProblemSink problems) {
        this.path = shard.path();
        this.problems = problems;
        this.extractor = options.htmlExtractor();
        this.maxBytes = options.maxRecordBytes();
        try {
            if (shard.compression() == Compression.ZSTD) {
                stream = ShardStreams.open(shard);
                reader = new WarcReader(Channels.newChannel(stream.stream()));
            } else {
                file = FileChannel.open(path, StandardOpenOption.READ);
                reader = new WarcReader(file);
                starts = new WarcRecordStarts(file,
                        reader.compression() == WarcCompression.GZIP ? Compression.GZIP : Compression.NONE);
            }
            reader.setLenient(true);
        } catch (IOException | RuntimeException e) {
            if (file == null && stream == null) {
                problems.report(Problem.ofFile(path, ProblemKind.UNREADABLE_FILE, "cannot open: " + describe(e)));
            } else {
                problems.report(new Problem(path, 0, PositionKind.BYTE_OFFSET, kindOf(e), Severity.FILE,
                        "cannot start reading the WARC file: " + describe(e)));
            }
            close();
            done = true;
        }
    }

    @Override
    public Document next() {
        while (!done) {
            WarcRecord record = nextRecord();
            if (record == null) {
                done = true;
                break;
            }
            long position = reader.position();
            Document doc;
            try {
                doc = process(record, position);
            } catch (RuntimeException e) {
                // Not expected (process guards each step); treated as damage so that nothing escapes.
                recover(position, e, "");
                doc = null;
            }
            updateBytesRead();
            if (doc != null) {
                return doc;
            }
        }
        updateBytesRead();
        return null;
    }

    /** The next record in the file, after resynchronising past damage if need be; null at the end. */
    private WarcRecord nextRecord() {
        if (pending == null && !done) {
            try {
                return reader.next().orElse(null);
            } catch (IOException | RuntimeException e) {
                recover(reader.position(), e, "");
            }
        }
        WarcRecord found = pending;
        pending = null;
        return found;
    }

    private Document process(WarcRecord record, long position) {
        String type = header(record, "WARC-Type");
        type = type == null ? "" : type.toLowerCase(Locale.ROOT);
        String url = targetUri(record);
        if (!CONTENT_RECORDS.contains(type) || isBookkeeping(url)) {
            counts.ignored();
            return null;
        }
        long length;
        try {
            length = record.body().size();
        } catch (IOException e) {
            recover(position, e, " inside the " + type + " record" + forUrl(url));
            return null;
        }
        if (length > maxBytes) {
            counts.record();
            skip(position, ProblemKind.OVERSIZED, "the " + type + " record" + forUrl(url) + " is " + length
                    + " bytes, more than the cap of " + maxBytes + " bytes; it was not read");
            return null;
        }
        byte[] block;
        try {
            block = readBlock(record.body(), (int) length);
        } catch (IOException | RuntimeException e) {
            recover(position, e, " inside the " + type + " record" + forUrl(url));
            return null;
        }
        counts.record();
        try {
            Document doc = convert(record, type, url, position, block);
            if (doc != null) {
                counts.document();
            }
            return doc;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            skip(position, ProblemKind.EXTRACTION_FAILED, "cannot turn the " + type + " record" + forUrl(url)
                    + " into text: " + describe(e));
            return null;
        }
    }

    /**
     * The document of a content record whose block is in memory, or null after reporting why it is
     * not one. Throws only for unexpected failures, which the caller reports.
     */
    private Document convert(WarcRecord record, String type, String url, long position, byte[] block)
            throws IOException {
        Map<String, Object> metadata = metadata(record, type);
        String warcContentType = header(record, "Content-Type");
        if ("conversion".equals(type)) {
            putIfPresent(metadata, "content_type", warcContentType);
            TextDecoding decoded = TextDecoding.plain(block, PayloadType.charsetParam(warcContentType));
            return plainDocument(record, url, position, decoded, metadata);
        }
        String warcBase = PayloadType.baseType(warcContentType);
        boolean http = "application/http".equals(warcBase) || (warcBase == null && startsWith(block, "HTTP/"));
        if ("response".equals(type) && http) {
            return httpDocument(record, url, position, block, metadata);
        }
        putIfPresent(metadata, "content_type", warcContentType);
        return payloadDocument(record, url, position, block, warcContentType, metadata);
    }

    private Document httpDocument(WarcRecord record, String url, long position, byte[] block,
                                  Map<String, Object> metadata) throws IOException {
        HttpResponse http;
        try {
            http = HttpResponse.parse(new ByteArrayChannel(block));
        } catch (IOException | RuntimeException e) {
            skip(position, ProblemKind.EXTRACTION_FAILED, "the HTTP response" + forUrl(url)
                    + " cannot be parsed: " + describe(e));
            return null;
        }
        int status = http.status();
        metadata.put("http_status", status);
        String declared = http.headers().first("Content-Type").map(String::trim).orElse(null);
        putIfPresent(metadata, "content_type", declared);
        if (status < 200 || status > 299) {
            skip(position, ProblemKind.UNSUPPORTED_CONTENT, statusMessage(http, url));
            return null;
        }
        byte[] payload;
        try {
            payload = readDecoded(http);
        } catch (IOException | RuntimeException e) {
            String encoding = http.headers().first("Content-Encoding").orElse(null);
            skip(position, ProblemKind.EXTRACTION_FAILED, "the HTTP payload" + forUrl(url) + " cannot be decoded"
                    + (encoding == null ? "" : " (Content-Encoding: " + encoding + ")") + ": " + describe(e));
            return null;
        }
        if (payload == null) {
            skip(position, ProblemKind.OVERSIZED, "the decoded HTTP payload" + forUrl(url)
                    + " is larger than the cap of " + maxBytes + " bytes");
            return null;
        }
        return payloadDocument(record, url, position, payload, declared, metadata);
    }

    private Document payloadDocument(WarcRecord record, String url, long position, byte[] payload, String declared,
                                     Map<String, Object> metadata) {
        PayloadType type = PayloadType.decide(declared, header(record, "WARC-Identified-Payload-Type"), payload);
        switch (type.kind()) {
            case HTML -> {
                TextDecoding decoded = TextDecoding.html(payload, type.charset());
                metadata.put("charset", decoded.charset().name());
                String text = extractor.extract(decoded.text(), url);
                if (text == null || text.isBlank()) {
                    skip(position, ProblemKind.EXTRACTION_FAILED, "the HTML page" + forUrl(url) + " ("
                            + payload.length + " bytes) yielded no main text");
                    return null;
                }
                return document(record, url, position, text, metadata, decoded);
            }
            case PLAIN -> {
                return plainDocument(record, url, position, TextDecoding.plain(payload, type.charset()), metadata);
            }
            default -> {
                String how = switch (type.source()) {
                    case "identified" -> " (identified by the crawler)";
                    case "sniffed" -> " (none declared, and the payload does not look like HTML)";
                    default -> "";
                };
                skip(position, ProblemKind.UNSUPPORTED_CONTENT, "content type " + type.mediaType() + how
                        + " is not text Loupe reads" + forUrl(url));
                return null;
            }
        }
    }

    private Document plainDocument(WarcRecord record, String url, long position, TextDecoding decoded,
                                   Map<String, Object> metadata) {
        metadata.put("charset", decoded.charset().name());
        String text = decoded.text();
        if (text.isBlank()) {
            skip(position, ProblemKind.EMPTY_TEXT, "the text" + forUrl(url) + " is "
                    + (text.isEmpty() ? "empty" : "only whitespace"));
            return null;
        }
        return document(record, url, position, text, metadata, decoded);
    }

    private Document document(WarcRecord record, String url, long position, String text,
                              Map<String, Object> metadata, TextDecoding decoded) {
        String id = stripAngles(header(record, "WARC-Record-ID"));
        if (id == null || id.isEmpty()) {
            id = path.getFileName() + "#" + position;
        }
        Document doc = new Document(id, text, url, new ShardRef(path, position, PositionKind.BYTE_OFFSET), metadata);
        if (decoded.repaired()) {
            counts.repaired();
            problems.report(new Problem(path, position, PositionKind.BYTE_OFFSET, ProblemKind.INVALID_UTF8,
                    Severity.REPAIRED, "invalid UTF-8 at byte " + decoded.firstInvalid() + " of the payload"
                    + forUrl(url) + "; " + decoded.replacements() + " bad sequence(s) replaced with U+FFFD"));
        }
        return doc;
    }

    private static Map<String, Object> metadata(WarcRecord record, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("warc_type", type);
        putIfPresent(m, "warc_date", header(record, "WARC-Date"));
        putIfPresent(m, "warc_identified_payload_type", header(record, "WARC-Identified-Payload-Type"));
        putIfPresent(m, "warc_identified_content_language", header(record, "WARC-Identified-Content-Language"));
        putIfPresent(m, "warc_refers_to", stripAngles(header(record, "WARC-Refers-To")));
        putIfPresent(m, "warc_payload_digest", header(record, "WARC-Payload-Digest"));
        putIfPresent(m, "warc_truncated", header(record, "WARC-Truncated"));
        return m;
    }

    /** Reads a whole record block; a block that ends early means the file does. */
    private static byte[] readBlock(MessageBody body, int length) throws IOException {
        byte[] block = new byte[length];
        ByteBuffer buf = ByteBuffer.wrap(block);
        int idle = 0;
        while (buf.hasRemaining()) {
            int n = body.read(buf);
            if (n < 0) {
                throw new EOFException("the record block ends after " + buf.position() + " of its " + length
                        + " bytes");
            }
            if (n == 0 && ++idle > 1000) {
                throw new IOException("the record block stopped yielding bytes after " + buf.position() + " bytes");
            }
        }
        return block;
    }

    /** The HTTP payload with Content-Encoding removed, or null when it is larger than the cap. */
    private byte[] readDecoded(HttpResponse http) throws IOException {
        try (InputStream in = http.bodyDecoded().stream()) {
            byte[] payload = in.readNBytes((int) maxBytes + 1);
            return payload.length > maxBytes ? null : payload;
        }
    }

    /**
     * Reports damage at {@code at} once, and positions the reader on the next readable record
     * ({@link #pending}), or ends reading when there is none.
     */
    private void recover(long at, Throwable cause, String where) {
        if (starts != null) {
            long from = at + 1;
            try {
                while (true) {
                    long candidate = starts.find(from);
                    if (candidate < 0) {
                        break;
                    }
                    try {
                        reader.position(candidate);
                        Optional<WarcRecord> record = reader.next();
                        if (record.isEmpty()) {
                            break;
                        }
                        problems.report(new Problem(path, at, PositionKind.BYTE_OFFSET, ProblemKind.CORRUPT_DATA,
                                Severity.FILE, "unreadable data at offset " + at + where + ": " + describe(cause)
                                + "; skipped " + (candidate - at) + " bytes and resumed reading at offset "
                                + candidate));
                        pending = record.get();
                        return;
                    } catch (IOException | RuntimeException e) {
                        from = candidate + 1;
                    }
                }
            } catch (IOException e) {
                // The file cannot be scanned any further: the rest is lost, as reported below.
            }
        }
        ProblemKind kind = kindOf(cause);
        String what = kind == ProblemKind.TRUNCATED ? "the file ends early at offset " : "unreadable data at offset ";
        problems.report(new Problem(path, at, PositionKind.BYTE_OFFSET, kind, Severity.FILE,
                what + at + where + ": " + describe(cause)
                        + "; no readable record follows, the rest of the file is lost"));
        done = true;
    }

    private static ProblemKind kindOf(Throwable e) {
        if (e instanceof ParsingException || !(e instanceof IOException io)) {
            return ProblemKind.CORRUPT_DATA;
        }
        return ShardStreams.classify(io);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        s = s.replace("\r", "\\r").replace("\n", "\\n");
        return s.length() > MAX_MESSAGE_DETAIL ? s.substring(0, MAX_MESSAGE_DETAIL) + "..." : s;
    }

    private static String statusMessage(HttpResponse http, String url) {
        int status = http.status();
        String reason = http.reason() == null || http.reason().isBlank() ? "" : " " + http.reason().trim();
        if (status >= 300 && status <= 399) {
            String location = http.headers().first("Location").map(String::trim).orElse(null);
            return "HTTP " + status + reason + forUrl(url) + " is a redirect"
                    + (location == null ? "" : " to " + location) + ", not a document";
        }
        return "HTTP " + status + reason + forUrl(url) + ": only 2xx responses are documents";
    }

    private static String forUrl(String url) {
        return url == null ? "" : " for " + url;
    }

    private static String header(WarcRecord record, String name) {
        return record.headers().first(name).map(String::trim).orElse(null);
    }

    private static void putIfPresent(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }

    /** The target URI with wget's surrounding angle brackets removed; null when absent. */
    static String targetUri(WarcRecord record) {
        String url = stripAngles(header(record, "WARC-Target-URI"));
        return url == null || url.isEmpty() ? null : url;
    }

    static String stripAngles(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.length() >= 2 && t.charAt(0) == '<' && t.charAt(t.length() - 1) == '>') {
            t = t.substring(1, t.length() - 1).trim();
        }
        return t;
    }

    private static boolean isBookkeeping(String url) {
        if (url == null) {
            return false;
        }
        int colon = url.indexOf(':');
        return colon > 0 && BOOKKEEPING_SCHEMES.contains(url.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    private static boolean startsWith(byte[] bytes, String ascii) {
        byte[] prefix = ascii.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void skip(long position, ProblemKind kind, String message) {
        counts.skipped();
        problems.report(new Problem(path, position, PositionKind.BYTE_OFFSET, kind, Severity.SKIPPED, message));
    }

    private void updateBytesRead() {
        try {
            if (file != null && file.isOpen()) {
                counts.bytesRead(file.position());
            } else if (stream != null) {
                counts.bytesRead(stream.rawBytesRead());
            }
        } catch (IOException e) {
            // Progress only; the count keeps its last value.
        }
    }

    @Override
    public ReadCounts counts() {
        return counts;
    }

    @Override
    public void close() {
        done = true;
        pending = null;
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // Closing a read-only file: nothing is lost.
        }
        try {
            if (file != null) {
                file.close();
            }
            if (stream != null) {
                stream.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // As above.
        }
    }
}
