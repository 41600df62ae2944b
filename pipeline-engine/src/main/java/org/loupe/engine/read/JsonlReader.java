package org.loupe.engine.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.PositionKind;

/**
 * Reads JSON lines (plain, gzip or zstd), one object per line, with bounded memory: a line longer than
 * {@link ReaderOptions#maxRecordBytes()} is skipped without being held in memory (the line buffer never
 * grows beyond the cap). Positions are 1-based line numbers of the decompressed text.
 *
 * <ul>
 *   <li>Blank lines (only spaces, tabs, CR) are not records. Lines end with LF or CRLF; a last line
 *       without a newline is a line. A UTF-8 byte order mark at the start of a line is dropped.</li>
 *   <li>Every non-blank line is a record: a document, or exactly one {@link Severity#SKIPPED} problem.</li>
 *   <li>A line with invalid UTF-8 is decoded with U+FFFD replacements; when it becomes a document, one
 *       {@link ProblemKind#INVALID_UTF8} {@link Severity#REPAIRED} problem says so.</li>
 *   <li>A compressed stream that is cut or corrupt ends the file with one {@link Severity#FILE} problem at
 *       the first line that could not be read completely; the lines before it are all read.</li>
 *   <li>A file without any record is an {@link ProblemKind#EMPTY_FILE} problem.</li>
 * </ul>
 */
public final class JsonlReader implements DocumentReader {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE - 16)
                    .maxNumberLength(10_000)
                    .build())
            .build());

    private final Shard shard;
    private final ProblemSink problems;
    private final RecordMapper mapper;
    private final int maxLine;
    private final ReadCounts counts = new ReadCounts();

    private ShardStreams.Opened opened;
    private InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line;
    private int lineLen;
    private long lineNo;
    private boolean done;
    private boolean broken;

    public JsonlReader(Shard shard, ReaderOptions options, ProblemSink problems) {
        this.shard = shard;
        this.problems = problems;
        this.mapper = new RecordMapper(shard.path(), PositionKind.LINE, options.fieldMapping());
        this.maxLine = (int) options.maxRecordBytes();
        this.line = new byte[Math.min(1 << 13, maxLine + 1)];
        try {
            this.opened = ShardStreams.open(shard);
            this.in = opened.stream();
        } catch (IOException e) {
            problems.report(Problem.ofFile(shard.path(), ProblemKind.UNREADABLE_FILE,
                    "cannot open: " + ShardStreams.describe(e)));
            done = true;
        }
    }

    @Override
    public Document next() {
        while (!done) {
            LineStatus status = readLine();
            if (status == LineStatus.END) {
                done = true;
                if (counts.records() == 0 && !broken && in != null) {
                    problems.report(Problem.ofFile(shard.path(), ProblemKind.EMPTY_FILE,
                            "the file holds no records" + (lineNo == 0 ? "" : " (" + lineNo + " blank line(s))")));
                }
                break;
            }
            if (status == LineStatus.BLANK) {
                continue;
            }
            counts.record();
            if (status == LineStatus.OVERSIZED) {
                skip(ProblemKind.OVERSIZED, "line is longer than the cap of " + maxLine + " bytes");
                continue;
            }
            Document doc = parse();
            if (doc != null) {
                counts.document();
                return doc;
            }
        }
        counts.bytesRead(opened == null ? 0 : opened.rawBytesRead());
        return null;
    }

    private Document parse() {
        Map<String, Object> record;
        int bad = Utf8.firstInvalid(line, 0, lineLen);
        String repair = null;
        try {
            JsonParser parser;
            if (bad < 0) {
                parser = MAPPER.getFactory().createParser(line, 0, lineLen);
            } else {
                String decoded = new String(line, 0, lineLen, StandardCharsets.UTF_8);
                repair = "invalid UTF-8 at byte " + bad + " of the line; "
                        + countReplacements(decoded) + " bad sequence(s) replaced with U+FFFD";
                parser = MAPPER.getFactory().createParser(decoded);
            }
            try (parser) {
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_OBJECT) {
                    skip(ProblemKind.NOT_AN_OBJECT, "line holds a JSON " + describe(first) + ", not an object"
                            + alsoInvalid(repair));
                    return null;
                }
                record = MAPPER.readValue(parser, LinkedHashMapType.INSTANCE);
                JsonToken trailing = parser.nextToken();
                if (trailing != null) {
                    skip(ProblemKind.INVALID_JSON, "unexpected content after the JSON object at column "
                            + parser.currentTokenLocation().getColumnNr() + alsoInvalid(repair));
                    return null;
                }
            }
        } catch (JsonProcessingException e) {
            skip(ProblemKind.INVALID_JSON, "invalid JSON: " + e.getOriginalMessage()
                    + " at column " + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + alsoInvalid(repair));
            return null;
        } catch (IOException | RuntimeException e) {
            skip(ProblemKind.INVALID_JSON, "invalid JSON: " + e.getMessage() + alsoInvalid(repair));
            return null;
        }
        RecordMapper.Result result;
        try {
            result = mapper.map(record, lineNo);
        } catch (RuntimeException e) {
            skip(ProblemKind.INVALID_JSON, "record cannot be mapped to a document: " + e);
            return null;
        }
        if (result instanceof RecordMapper.Rejected rejected) {
            counts.skipped();
            problems.report(rejected.problem());
            return null;
        }
        if (repair != null) {
            // Reported only now: a REPAIRED problem always stands for a document (a skipped record has
            // exactly one SKIPPED problem, which says why it was skipped).
            counts.repaired();
            problems.report(new Problem(shard.path(), lineNo, PositionKind.LINE, ProblemKind.INVALID_UTF8,
                    Severity.REPAIRED, repair));
        }
        return ((RecordMapper.Mapped) result).document();
    }

    private static String alsoInvalid(String repair) {
        return repair == null ? "" : " (the line also has " + repair.substring(0, repair.indexOf(';')) + ")";
    }

    private static final class LinkedHashMapType extends com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>> {
        static final LinkedHashMapType INSTANCE = new LinkedHashMapType();
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static int countReplacements(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\uFFFD') {
                n++;
            }
        }
        return n;
    }

    private void skip(ProblemKind kind, String message) {
        counts.skipped();
        problems.report(new Problem(shard.path(), lineNo, PositionKind.LINE, kind, Severity.SKIPPED, message));
    }

    private enum LineStatus { LINE, BLANK, OVERSIZED, END }

    /** Reads the next line into {@code line[0, lineLen)}; '\n' and a trailing '\r' are removed. */
    private LineStatus readLine() {
        lineLen = 0;
        boolean oversized = false;
        boolean any = false;
        while (true) {
            if (pos >= limit) {
                if (!fill()) {
                    if (!any || broken) {
                        // A partial line cut by a broken stream is covered by the FILE problem already reported.
                        return LineStatus.END;
                    }
                    lineNo++;
                    return finish(oversized);
                }
            }
            any = true;
            int start = pos;
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? limit : nl;
            if (!oversized) {
                int chunk = end - start;
                // One byte more than the cap may be a CR of a CRLF ending; finish() decides.
                if ((long) lineLen + chunk > (long) maxLine + 1) {
                    oversized = true;
                    lineLen = 0;
                } else {
                    ensure(lineLen + chunk);
                    System.arraycopy(buf, start, line, lineLen, chunk);
                    lineLen += chunk;
                }
            }
            if (nl >= 0) {
                pos = nl + 1;
                lineNo++;
                return finish(oversized);
            }
            pos = limit;
        }
    }

    private LineStatus finish(boolean oversized) {
        if (oversized) {
            return LineStatus.OVERSIZED;
        }
        if (lineLen > 0 && line[lineLen - 1] == '\r') {
            lineLen--;
        }
        if (lineLen > maxLine) {
            lineLen = 0;
            return LineStatus.OVERSIZED;
        }
        if (lineLen >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
            // A byte order mark: at the start of the file, or of a file concatenated to it. Not content.
            lineLen -= 3;
            System.arraycopy(line, 3, line, 0, lineLen);
        }
        for (int i = 0; i < lineLen; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return LineStatus.LINE;
            }
        }
        return LineStatus.BLANK;
    }

    /** Refills the buffer; false at the end of the stream or when the stream broke (reported). */
    private boolean fill() {
        if (in == null) {
            return false;
        }
        try {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            counts.bytesRead(opened.rawBytesRead());
            return true;
        } catch (IOException | RuntimeException e) {
            ProblemKind kind = e instanceof IOException io ? ShardStreams.classify(io) : ProblemKind.CORRUPT_DATA;
            long at = lineNo + 1;
            String stream = shard.compression() == Compression.NONE ? "the file" : "the " + shard.compression().jsonName() + " stream";
            String what = kind == ProblemKind.TRUNCATED ? stream + " ends early" : stream + " is corrupt or unreadable";
            problems.report(new Problem(shard.path(), at, PositionKind.LINE, kind, Severity.FILE,
                    what + " in line " + at + " (after " + lineNo + " complete lines); the rest of the file is lost: "
                            + (e instanceof IOException io ? ShardStreams.describe(io) : e.toString())));
            in = null;
            broken = true;
            return false;
        }
    }

    /** Grows the line buffer to hold {@code capacity} bytes; never beyond the cap (plus a CR). */
    private void ensure(int capacity) {
        if (capacity > line.length) {
            long doubled = 2L * line.length;
            int n = (int) Math.min(Math.max(doubled, capacity), (long) maxLine + 1);
            line = java.util.Arrays.copyOf(line, n);
        }
    }

    @Override
    public ReadCounts counts() {
        return counts;
    }

    @Override
    public void close() {
        if (opened != null) {
            try {
                opened.close();
            } catch (IOException ignored) {
                // Closing a read-only stream: nothing is lost.
            }
        }
    }
}
