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
 * {@link ReaderOptions#maxRecordBytes()} is skipped without being held in memory. Positions are 1-based
 * line numbers. Blank lines are not records.
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
    private byte[] line = new byte[1 << 13];
    private int lineLen;
    private long lineNo;
    private boolean done;
    private boolean broken;

    public JsonlReader(Shard shard, ReaderOptions options, ProblemSink problems) {
        this.shard = shard;
        this.problems = problems;
        this.mapper = new RecordMapper(shard.path(), PositionKind.LINE, options.fieldMapping());
        this.maxLine = (int) options.maxRecordBytes();
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
        boolean repaired = false;
        int bad = Utf8.firstInvalid(line, 0, lineLen);
        try {
            JsonParser parser;
            if (bad < 0) {
                parser = MAPPER.getFactory().createParser(line, 0, lineLen);
            } else {
                String decoded = new String(line, 0, lineLen, StandardCharsets.UTF_8);
                problems.report(new Problem(shard.path(), lineNo, PositionKind.LINE, ProblemKind.INVALID_UTF8,
                        Severity.REPAIRED, "invalid UTF-8 at byte " + bad + " of the line; "
                        + countReplacements(decoded) + " bad sequence(s) replaced with U+FFFD"));
                repaired = true;
                parser = MAPPER.getFactory().createParser(decoded);
            }
            try (parser) {
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_OBJECT) {
                    skip(ProblemKind.NOT_AN_OBJECT, "line holds a JSON " + describe(first) + ", not an object");
                    return null;
                }
                record = MAPPER.readValue(parser, LinkedHashMapType.INSTANCE);
                JsonToken trailing = parser.nextToken();
                if (trailing != null) {
                    skip(ProblemKind.INVALID_JSON, "unexpected content after the JSON object at column "
                            + parser.currentTokenLocation().getColumnNr());
                    return null;
                }
            }
        } catch (JsonProcessingException e) {
            skip(ProblemKind.INVALID_JSON, "invalid JSON: " + e.getOriginalMessage()
                    + " at column " + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()));
            return null;
        } catch (IOException e) {
            skip(ProblemKind.INVALID_JSON, "invalid JSON: " + e.getMessage());
            return null;
        }
        RecordMapper.Result result = mapper.map(record, lineNo);
        if (result instanceof RecordMapper.Rejected rejected) {
            counts.skipped();
            problems.report(rejected.problem());
            return null;
        }
        if (repaired) {
            counts.repaired();
        }
        return ((RecordMapper.Mapped) result).document();
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
                if ((long) lineLen + chunk > maxLine) {
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
        } catch (IOException e) {
            ProblemKind kind = ShardStreams.classify(e);
            long at = lineNo + 1;
            String what = kind == ProblemKind.TRUNCATED ? "the compressed stream ends early" : "the compressed stream is corrupt";
            problems.report(new Problem(shard.path(), at, PositionKind.LINE, kind, Severity.FILE,
                    what + " in line " + at + " (after " + lineNo + " complete lines); the rest of the file is lost: "
                            + ShardStreams.describe(e)));
            in = null;
            broken = true;
            return false;
        }
    }

    private void ensure(int capacity) {
        if (capacity > line.length) {
            int n = line.length;
            while (n < capacity) {
                n = n > (1 << 29) ? Integer.MAX_VALUE - 16 : n * 2;
            }
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
