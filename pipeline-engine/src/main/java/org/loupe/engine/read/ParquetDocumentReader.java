package org.loupe.engine.read;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.PositionKind;

/**
 * Reads the rows of a Parquet file as documents, one row group at a time, with parquet-java and
 * without Hadoop (ADR 0002). Every column of a row becomes a JSON-like value (see {@link ParquetRows})
 * and the row goes through the same {@link RecordMapper} as a JSONL record, so text, id and URL are
 * found, and rows without usable text are skipped, exactly as for JSONL. Positions are 0-based row
 * indexes ({@link PositionKind#RECORD}).
 *
 * <p>Memory: one row group's compressed column chunks plus one decompressed page per column and the
 * current row. A row group larger than {@code maxRowGroupBytes} (a third of the heap by default) is
 * not loaded: it is reported and the rest of the file is skipped, instead of exhausting the heap.
 *
 * <p>Bad files never throw: a file that cannot be opened is one {@link Severity#FILE} problem
 * ({@link ProblemKind#TRUNCATED} when it starts like Parquet but its footer is missing,
 * {@link ProblemKind#CORRUPT_DATA} when it is not Parquet or its footer is broken,
 * {@link ProblemKind#UNREADABLE_FILE} when it is encrypted or uses a codec Loupe lacks); a failure
 * while decoding is a {@link Severity#FILE} problem at the first row that could not be read, and
 * reading stops there.
 */
public final class ParquetDocumentReader implements DocumentReader {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
    private static final byte[] ENCRYPTED_MAGIC = {'P', 'A', 'R', 'E'};
    private static final long DEFAULT_MAX_ROW_GROUP_BYTES = Runtime.getRuntime().maxMemory() / 3;

    private final Path file;
    private final String name;
    private final ProblemSink problems;
    private final RecordMapper mapper;
    private final long maxRecordBytes;
    private final long maxRowGroupBytes;
    private final ReadCounts counts = new ReadCounts();

    private ParquetFileReader reader;
    private List<BlockMetaData> rowGroups;
    private MessageColumnIO columnIO;
    private ParquetRows rows;
    private long fileSize;

    private int nextRowGroup;
    private RecordReader<Map<String, Object>> rowReader;
    private long rowsLeftInGroup;
    private long nextRow;
    private boolean done;

    public ParquetDocumentReader(Shard shard, ReaderOptions options, ProblemSink problems) {
        this(shard, options, problems, DEFAULT_MAX_ROW_GROUP_BYTES);
    }

    /** With an explicit cap on the compressed size of a row group held in memory (for tests). */
    ParquetDocumentReader(Shard shard, ReaderOptions options, ProblemSink problems, long maxRowGroupBytes) {
        this.file = shard.path();
        this.name = String.valueOf(file.getFileName());
        this.problems = problems;
        this.mapper = new RecordMapper(file, PositionKind.RECORD, options.fieldMapping());
        this.maxRecordBytes = options.maxRecordBytes();
        this.maxRowGroupBytes = maxRowGroupBytes;
        open();
    }

    private void open() {
        Problem why = checkContainer();
        if (why == null) {
            TrackedInputFile input = new TrackedInputFile(file);
            try {
                reader = new ParquetFileReader(input, HadoopFreeReadOptions.create(new ParquetCodecs()));
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                rowGroups = reader.getRowGroups();
                columnIO = new ColumnIOFactory().getColumnIO(schema);
                rows = new ParquetRows(schema);
                why = checkCodecs();
            } catch (IOException | RuntimeException e) {
                input.closeAll();
                why = fileProblem(isTruncation(e) ? ProblemKind.TRUNCATED : kindOfOpenFailure(e),
                        name + ": the Parquet footer cannot be decoded (" + describe(e) + "); no rows can be read");
            }
        }
        if (why != null) {
            problems.report(why);
            close();
            done = true;
        }
    }

    /**
     * Checks the magic numbers and footer length ourselves, so that a cut file is told apart from a
     * file that is not Parquet at all, with a message a curator can act on.
     */
    private Problem checkContainer() {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            fileSize = channel.size();
            if (fileSize == 0) {
                return fileProblem(ProblemKind.TRUNCATED, name + " is empty (0 bytes); no rows can be read");
            }
            byte[] head = read(channel, 0, (int) Math.min(4, fileSize));
            if (!Arrays.equals(head, MAGIC)) {
                return fileProblem(ProblemKind.CORRUPT_DATA, name + " is not a Parquet file: it does not start with "
                        + "the PAR1 magic (first bytes " + hex(read(channel, 0, (int) Math.min(8, fileSize))) + ")");
            }
            byte[] tail = fileSize >= 12 ? read(channel, fileSize - 8, 8) : new byte[0];
            byte[] tailMagic = tail.length == 8 ? Arrays.copyOfRange(tail, 4, 8) : new byte[0];
            if (Arrays.equals(tailMagic, ENCRYPTED_MAGIC)) {
                return fileProblem(ProblemKind.UNREADABLE_FILE, name + " is an encrypted Parquet file; Loupe has no keys to read it");
            }
            if (!Arrays.equals(tailMagic, MAGIC)) {
                return fileProblem(ProblemKind.TRUNCATED, name + " ends early: it starts like Parquet but has no footer at its "
                        + "end (" + fileSize + " bytes; the file was probably cut while being copied or written); no rows can be read");
            }
            long footerLength = Integer.toUnsignedLong(ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (footerLength == 0 || footerLength > fileSize - 12) {
                return fileProblem(ProblemKind.CORRUPT_DATA, name + ": the footer length (" + footerLength
                        + " bytes) does not fit in the file (" + fileSize + " bytes); no rows can be read");
            }
            return null;
        } catch (IOException e) {
            return fileProblem(ProblemKind.UNREADABLE_FILE, "cannot read " + name + ": " + ShardStreams.describe(e));
        }
    }

    private Problem checkCodecs() {
        Set<String> unsupported = new TreeSet<>();
        for (BlockMetaData group : rowGroups) {
            for (ColumnChunkMetaData column : group.getColumns()) {
                CompressionCodecName codec = column.getCodec();
                if (!ParquetCodecs.SUPPORTED.contains(codec)) {
                    unsupported.add(codec.name());
                }
            }
        }
        if (unsupported.isEmpty()) {
            return null;
        }
        return fileProblem(ProblemKind.UNREADABLE_FILE, name + " is compressed with " + String.join(", ", unsupported)
                + ", which Loupe cannot decompress (it reads " + ParquetCodecs.SUPPORTED + "); no rows were read");
    }

    @Override
    public Document next() {
        while (!done) {
            if (rowsLeftInGroup == 0 && !loadNextRowGroup()) {
                break;
            }
            long position = nextRow;
            Map<String, Object> record;
            try {
                record = rowReader.read();
                if (record == null) {
                    throw new IllegalStateException("the row could not be assembled");
                }
            } catch (RuntimeException e) {
                stop(position, e, "row " + position + " cannot be decoded");
                break;
            }
            nextRow++;
            rowsLeftInGroup--;
            counts.record();
            Document document = toDocument(record, position);
            if (document != null) {
                counts.document();
                return document;
            }
        }
        done = true;
        return null;
    }

    private Document toDocument(Map<String, Object> record, long position) {
        ParquetRows.RowState row = rows.row();
        if (row.bytes() > maxRecordBytes) {
            counts.skipped();
            problems.report(new Problem(file, position, PositionKind.RECORD, ProblemKind.OVERSIZED, Severity.SKIPPED,
                    "row holds about " + row.bytes() + " bytes, more than the cap of " + maxRecordBytes + " bytes"));
            return null;
        }
        Set<String> invalid = row.invalidUtf8Columns();
        if (!invalid.isEmpty()) {
            problems.report(new Problem(file, position, PositionKind.RECORD, ProblemKind.INVALID_UTF8, Severity.REPAIRED,
                    "invalid UTF-8 in string column(s) " + invalid + "; bad sequences replaced with U+FFFD"));
        }
        RecordMapper.Result result = mapper.map(record, position);
        if (result instanceof RecordMapper.Rejected rejected) {
            counts.skipped();
            problems.report(rejected.problem());
            return null;
        }
        if (!invalid.isEmpty()) {
            counts.repaired();
        }
        return ((RecordMapper.Mapped) result).document();
    }

    /** Loads the next row group with rows; false at the end of the file or when it cannot be read (reported). */
    private boolean loadNextRowGroup() {
        while (nextRowGroup < rowGroups.size()) {
            int index = nextRowGroup++;
            BlockMetaData group = rowGroups.get(index);
            if (group.getRowCount() == 0) {
                continue;
            }
            if (group.getCompressedSize() > maxRowGroupBytes) {
                problems.report(new Problem(file, nextRow, PositionKind.RECORD, ProblemKind.OVERSIZED, Severity.FILE,
                        name + ": row group " + index + " holds " + mib(group.getCompressedSize()) + " of compressed data, more "
                                + "than Loupe loads at once (" + mib(maxRowGroupBytes) + "); rows from " + nextRow
                                + " on were not read. Rewrite the file with smaller row groups to read it."));
                return false;
            }
            try {
                PageReadStore pages = reader.readRowGroup(index);
                rowReader = columnIO.getRecordReader(pages, rows);
                rowsLeftInGroup = pages.getRowCount();
            } catch (IOException | RuntimeException e) {
                stop(nextRow, e, "row group " + index + " (rows " + nextRow + ".." + (nextRow + group.getRowCount() - 1)
                        + ") cannot be read");
                return false;
            }
            counts.bytesRead(Math.min(fileSize, group.getStartingPos() + group.getCompressedSize()));
            if (rowsLeftInGroup > 0) {
                return true;
            }
        }
        counts.bytesRead(fileSize);
        return false;
    }

    private void stop(long position, Exception e, String what) {
        ProblemKind kind = isTruncation(e) ? ProblemKind.TRUNCATED : ProblemKind.CORRUPT_DATA;
        problems.report(new Problem(file, position, PositionKind.RECORD, kind, Severity.FILE,
                name + ": " + what + " (" + describe(e) + "); rows from " + position + " on are lost"));
        done = true;
        close();
    }

    private Problem fileProblem(ProblemKind kind, String message) {
        return Problem.ofFile(file, kind, message);
    }

    private static ProblemKind kindOfOpenFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().contains("Crypto")) {
                return ProblemKind.UNREADABLE_FILE;
            }
        }
        return ProblemKind.CORRUPT_DATA;
    }

    private static boolean isTruncation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** The exception and its innermost distinct cause, short enough for a problem list. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e) {
            text += "; caused by " + root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    private static byte[] read(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(position);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            // keep reading
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02x", b & 0xFF));
        }
        return sb.toString();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /**
     * A local file that remembers the streams it opened: parquet-java leaves its stream open when the
     * footer cannot be decoded, and an open handle would keep the file locked on Windows.
     */
    private static final class TrackedInputFile implements InputFile {
        private final LocalInputFile file;
        private final List<SeekableInputStream> opened = new ArrayList<>(1);

        TrackedInputFile(Path path) {
            this.file = new LocalInputFile(path);
        }

        @Override
        public long getLength() throws IOException {
            return file.getLength();
        }

        @Override
        public SeekableInputStream newStream() throws IOException {
            SeekableInputStream stream = file.newStream();
            opened.add(stream);
            return stream;
        }

        void closeAll() {
            for (SeekableInputStream stream : opened) {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // Already failing; the problem is reported by the caller.
                }
            }
            opened.clear();
        }
    }

    @Override
    public ReadCounts counts() {
        return counts;
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // Closing a read-only file: nothing is lost.
            }
            reader = null;
        }
        rowReader = null;
        done = true;
    }
}
