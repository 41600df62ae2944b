package org.loupe.engine.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Lists the shards of a folder (recursively) and finds each file's compression from its magic bytes
 * and its format from the decompressed first bytes, falling back to the file name. Files and folders
 * whose names start with '.' or '_' (hidden files, Hadoop/Spark markers such as {@code _SUCCESS}) are
 * not data and are passed over; every other file is either a shard or a problem. Symbolic links are
 * followed (dataset caches such as Hugging Face's link to their blobs); a broken link or a link cycle is
 * a problem. An empty file (0 bytes, or a compressed stream of nothing) is an
 * {@link ProblemKind#EMPTY_FILE} problem, not a shard. Never writes.
 */
public final class ShardScanner {
    private static final int SNIFF = 512;

    /** Scans a folder, or a single file. Files are sniffed in parallel; the result is in relative-path order. */
    public ScanResult scan(Path folderOrFile) throws IOException {
        Path root = checkedRoot(folderOrFile);
        List<Problem> problems = new ArrayList<>();
        List<Path> files = list(root, problems);
        List<Classified> classified = files.parallelStream()
                .map(f -> classify(f, relativeOrName(root, f)))
                .toList();
        List<Shard> shards = new ArrayList<>();
        for (Classified c : classified) {
            shards.addAll(c.shards());
            problems.addAll(c.problems());
        }
        return new ScanResult(root, shards, problems);
    }

    /**
     * The first {@code limit} shards in relative-path order, sniffing only as many files as needed: what
     * the workbench reads to show documents at once, whatever the size of the folder. Problems are not
     * collected (the full {@link #scan} reports them).
     */
    public List<Shard> firstShards(Path folderOrFile, int limit) throws IOException {
        Path root = checkedRoot(folderOrFile);
        List<Shard> shards = new ArrayList<>();
        for (Path file : list(root, new ArrayList<>())) {
            if (shards.size() >= limit) {
                break;
            }
            shards.addAll(classify(file, relativeOrName(root, file)).shards());
        }
        return shards;
    }

    private static Path checkedRoot(Path folderOrFile) throws IOException {
        Path root = folderOrFile.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "no such file or folder");
        }
        return root;
    }

    private static String relativeOrName(Path root, Path file) {
        return file.equals(root) ? root.getFileName().toString() : relative(root, file);
    }

    /** The data files of a folder (or the file itself), sorted by relative path; listing problems are added. */
    private static List<Path> list(Path root, List<Problem> problems) throws IOException {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && isPassedOver(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (isPassedOver(file)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isRegularFile()) {
                    files.add(file);
                } else if (attrs.isSymbolicLink()) {
                    // With FOLLOW_LINKS, a link's own attributes are only seen when its target is missing.
                    problems.add(Problem.ofFile(file, ProblemKind.UNREADABLE_FILE, "broken symbolic link: its target does not exist"));
                } else if (!attrs.isDirectory()) {
                    problems.add(Problem.ofFile(file, ProblemKind.UNKNOWN_FORMAT, "not a regular file (a device, pipe or socket)"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (!isPassedOver(file)) {
                    String why = e instanceof FileSystemLoopException
                            ? "symbolic link cycle: this folder links to one of its parents; not read again"
                            : "cannot list: " + ShardStreams.describe(e);
                    problems.add(Problem.ofFile(file, ProblemKind.UNREADABLE_FILE, why));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(p -> relative(root, p)));
        return files;
    }

    /** What one file is: a shard, or a problem. */
    private record Classified(List<Shard> shards, List<Problem> problems) { }

    private Classified classify(Path file, String relativePath) {
        List<Shard> shards = new ArrayList<>(1);
        List<Problem> problems = new ArrayList<>(1);
        classify(file, relativePath, shards, problems);
        return new Classified(shards, problems);
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
        if (size == 0 || head.length == 0) {
            problems.add(Problem.ofFile(file, ProblemKind.EMPTY_FILE, "the file is empty (0 bytes): no records"));
            return;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Compression compression = compressionOf(head);
        byte[] content = head;
        if (compression != Compression.NONE) {
            Head decompressed = decompressHead(compression, file);
            if (decompressed.bytes().length == 0 && decompressed.clean()) {
                problems.add(Problem.ofFile(file, ProblemKind.EMPTY_FILE, "the file is a " + compression.jsonName()
                        + " stream of nothing (" + size + " bytes that decompress to 0 bytes): no records"));
                return;
            }
            content = decompressed.bytes();
        }
        ShardFormat format = formatOf(content, compression == Compression.NONE ? head : null, name);
        if (format == ShardFormat.UNKNOWN && isJsonDocument(content)) {
            problems.add(Problem.ofFile(file, ProblemKind.UNKNOWN_FORMAT, "a single JSON document (an array, or a"
                    + " pretty-printed object), not JSON lines: Loupe reads one JSON object per line"
                    + " (name the file .jsonl to read it line by line anyway)"));
            return;
        }
        if (format == ShardFormat.UNKNOWN) {
            String why = "not a known shard format (JSONL, Parquet, WARC, WET; plain, gzip or zstd): first bytes "
                    + printable(compression == Compression.NONE ? head : content)
                    + (compression == Compression.NONE ? "" : " after " + compression.jsonName() + " decompression");
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

    /** The first decompressed bytes, and whether the stream ended cleanly (false when cut or corrupt). */
    private record Head(byte[] bytes, boolean clean) { }

    /** The first decompressed bytes; as many as could be decompressed when the file is cut or corrupt. */
    private static Head decompressHead(Compression compression, Path file) {
        // Decompress from the file, not the sniffed head, so that a small first block is not mistaken for a truncation.
        byte[] out = new byte[SNIFF];
        int n = 0;
        boolean clean = true;
        try (InputStream in = ShardStreams.decompressor(Files.newInputStream(file), compression)) {
            try {
                while (n < SNIFF) {
                    int r = in.read(out, n, SNIFF - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (IOException | RuntimeException e) {
                // Cut or corrupt: the reader reports it with its position; sniff what we have.
                clean = false;
            }
        } catch (IOException | RuntimeException e) {
            clean = false;
        }
        return new Head(java.util.Arrays.copyOf(out, n), clean);
    }

    static ShardFormat formatOf(byte[] content, byte[] rawHead, String lowerName) {
        if (rawHead != null && rawHead.length >= 4 && rawHead[0] == 'P' && rawHead[1] == 'A' && rawHead[2] == 'R' && rawHead[3] == '1') {
            return ShardFormat.PARQUET;
        }
        String start = new String(content, 0, Math.min(content.length, 16), StandardCharsets.ISO_8859_1);
        if (start.startsWith("WARC/")) {
            return isWet(content, lowerName) ? ShardFormat.WET : ShardFormat.WARC;
        }
        String base = stripCompression(lowerName);
        if (isJsonDocument(content) && !base.endsWith(".jsonl") && !base.endsWith(".ndjson")) {
            // A pretty-printed JSON object or a JSON array (dataset_info.json, manifest.json): not records.
            return ShardFormat.UNKNOWN;
        }
        int i = firstContentByte(content);
        if (i < content.length && content[i] == '{') {
            return ShardFormat.JSONL;
        }
        // Content not recognized (empty, cut, or garbage): trust an explicit extension, so that the
        // reader reports each bad record or the truncation with its position.
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

    /** The offset of the first byte after a UTF-8 byte order mark and whitespace. */
    private static int firstContentByte(byte[] content) {
        int i = 0;
        if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < content.length && (content[i] == ' ' || content[i] == '\n' || content[i] == '\r' || content[i] == '\t')) {
            i++;
        }
        return i;
    }

    /**
     * Whether the content is one JSON document rather than JSON lines: it starts with an array, or with an
     * object whose first line is only its opening brace (pretty-printed).
     */
    static boolean isJsonDocument(byte[] content) {
        int i = firstContentByte(content);
        if (i >= content.length) {
            return false;
        }
        if (content[i] == '[') {
            return true;
        }
        if (content[i] != '{') {
            return false;
        }
        int j = i + 1;
        while (j < content.length && (content[j] == ' ' || content[j] == '\t' || content[j] == '\r')) {
            j++;
        }
        return j < content.length && content[j] == '\n';
    }

    /**
     * WET is WARC with conversion records: told by a conversion record or a warcinfo file name ending in
     * ".wet" in the first bytes (Common Crawl's warcinfo says {@code WARC-Filename: ….warc.wet.gz}), or by
     * the file's own name.
     */
    private static boolean isWet(byte[] content, String lowerName) {
        String head = new String(content, StandardCharsets.ISO_8859_1);
        if (head.contains("\nWARC-Type: conversion")) {
            return true;
        }
        int at = head.indexOf("\nWARC-Filename:");
        if (at >= 0) {
            int end = head.indexOf('\n', at + 1);
            if (end > 0) {
                String filename = head.substring(at + "\nWARC-Filename:".length(), end).trim().toLowerCase(Locale.ROOT);
                if (stripCompression(filename).endsWith(".wet")) {
                    return true;
                }
            }
        }
        return stripCompression(lowerName).endsWith(".wet");
    }

    private static String stripCompression(String lowerName) {
        return lowerName.replaceAll("\\.(gz|gzip|zst|zstd)$", "");
    }

    private static String printable(byte[] head) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            sb.append(String.format("%02x ", head[i] & 0xFF));
        }
        return sb.toString().trim();
    }

}
