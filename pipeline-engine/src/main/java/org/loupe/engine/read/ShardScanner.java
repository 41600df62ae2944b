package org.loupe.engine.read;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Lists the shards of a folder (recursively) and finds each file's compression from its magic bytes
 * and its format from the decompressed first bytes, falling back to the file name. Files and folders
 * whose names start with '.' or '_' (hidden files, Hadoop/Spark markers such as {@code _SUCCESS}) are
 * not data and are passed over; every other file is either a shard or a problem. Never writes.
 */
public final class ShardScanner {
    private static final int SNIFF = 512;

    /** Scans a folder, or a single file. */
    public ScanResult scan(Path folderOrFile) throws IOException {
        Path root = folderOrFile.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "no such file or folder");
        }
        List<Shard> shards = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (Files.isRegularFile(root)) {
            classify(root, root.getFileName().toString(), shards, problems);
            return new ScanResult(root, shards, problems);
        }
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && isPassedOver(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !isPassedOver(file)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                problems.add(Problem.ofFile(file, ProblemKind.UNREADABLE_FILE, "cannot list: " + ShardStreams.describe(e)));
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(p -> relative(root, p)));
        for (Path file : files) {
            classify(file, relative(root, file), shards, problems);
        }
        return new ScanResult(root, shards, problems);
    }

    private static boolean isPassedOver(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") || name.startsWith("_");
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private void classify(Path file, String relativePath, List<Shard> shards, List<Problem> problems) {
        long size;
        byte[] head;
        try {
            size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(SNIFF);
            }
        } catch (IOException e) {
            problems.add(Problem.ofFile(file, ProblemKind.UNREADABLE_FILE, "cannot read: " + ShardStreams.describe(e)));
            return;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Compression compression = compressionOf(head);
        byte[] content = compression == Compression.NONE ? head : decompressHead(head, compression, file);
        ShardFormat format = formatOf(content, compression == Compression.NONE ? head : null, name);
        if (format == ShardFormat.UNKNOWN) {
            String why = size == 0 ? "the file is empty and its name has no known extension"
                    : "not a known shard format (JSONL, Parquet, WARC, WET; plain, gzip or zstd): first bytes "
                    + printable(head);
            problems.add(Problem.ofFile(file, ProblemKind.UNKNOWN_FORMAT, why));
            return;
        }
        shards.add(new Shard(file, relativePath, format, compression, size));
    }

    static Compression compressionOf(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            return Compression.GZIP;
        }
        if (head.length >= 4 && (head[0] & 0xFF) == 0x28 && (head[1] & 0xFF) == 0xB5
                && (head[2] & 0xFF) == 0x2F && (head[3] & 0xFF) == 0xFD) {
            return Compression.ZSTD;
        }
        return Compression.NONE;
    }

    /** The first decompressed bytes; as many as could be decompressed when the head is cut or corrupt. */
    private static byte[] decompressHead(byte[] head, Compression compression, Path file) {
        // Decompress from the file, not the sniffed head, so that a small first block is not mistaken for a truncation.
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = compression == Compression.GZIP ? new GZIPInputStream(raw) : new ZstdInputStreamNoFinalizer(raw)) {
            byte[] out = new byte[SNIFF];
            int n = 0;
            try {
                while (n < SNIFF) {
                    int r = in.read(out, n, SNIFF - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (IOException e) {
                // Cut or corrupt: the reader reports it with its position; sniff what we have.
            }
            return java.util.Arrays.copyOf(out, n);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static ShardFormat formatOf(byte[] content, byte[] rawHead, String lowerName) {
        if (rawHead != null && rawHead.length >= 4 && rawHead[0] == 'P' && rawHead[1] == 'A' && rawHead[2] == 'R' && rawHead[3] == '1') {
            return ShardFormat.PARQUET;
        }
        String start = new String(content, 0, Math.min(content.length, 16), StandardCharsets.ISO_8859_1);
        if (start.startsWith("WARC/")) {
            return lowerName.contains(".wet") ? ShardFormat.WET : ShardFormat.WARC;
        }
        int i = 0;
        if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < content.length && (content[i] == ' ' || content[i] == '\n' || content[i] == '\r' || content[i] == '\t')) {
            i++;
        }
        if (i < content.length && content[i] == '{') {
            return ShardFormat.JSONL;
        }
        // Content not recognized (empty, cut, or garbage): trust an explicit extension, so that the
        // reader reports each bad record or the truncation with its position.
        String base = lowerName.replaceAll("\\.(gz|gzip|zst|zstd)$", "");
        if (base.endsWith(".jsonl") || base.endsWith(".json") || base.endsWith(".ndjson")) {
            return ShardFormat.JSONL;
        }
        if (base.endsWith(".parquet")) {
            return ShardFormat.PARQUET;
        }
        if (base.endsWith(".wet")) {
            return ShardFormat.WET;
        }
        if (base.endsWith(".warc") || base.endsWith(".arc")) {
            return ShardFormat.WARC;
        }
        return ShardFormat.UNKNOWN;
    }

    private static String printable(byte[] head) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            sb.append(String.format("%02x ", head[i] & 0xFF));
        }
        return sb.toString().trim();
    }

}
