package org.loupe.engine.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loupe.engine.io.Bytes;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.Hosts;

/**
 * A drawn sample, addressed by row {@code 0..size()-1} (rows are in shard order, then position order).
 *
 * <p>The per-row summary (id, URL, host, shard, position, characters, words) is held in memory in
 * primitive columns; texts stay on disk in the compressed store and are read on demand, a block of
 * {@value SampleStoreWriter#BLOCK_ROWS} documents at a time. Thread-safe for reading.
 */
public final class Sample implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final SampleManifest manifest;
    private final List<Path> shardPaths;
    private final String[] ids;
    private final String[] urls;
    private final String[] hosts;
    private final int[] shardIndex;
    private final long[] positions;
    private final int[] chars;
    private final int[] words;
    private final long[] blockOffsets;
    private final int[] blockCompressed;
    private final int[] blockRaw;
    private final FileChannel docs;
    private final Map<Integer, byte[]> blockCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
            return size() > 8;
        }
    };

    private Sample(Path dir, SampleManifest manifest) throws IOException {
        this.dir = dir;
        this.manifest = manifest;
        Path folder = Path.of(manifest.folder());
        // A sample of a single file has that file as its "folder", and the file's name as its relative path
        // (told apart from a folder without asking the file system, which may no longer hold the file).
        boolean singleFile = Files.isRegularFile(folder) || !Files.isDirectory(folder) && manifest.shards().size() == 1
                && folder.getFileName() != null
                && folder.getFileName().toString().equals(manifest.shards().get(0).relativePath());
        List<Path> paths = new ArrayList<>();
        for (SampleManifest.ShardEntry s : manifest.shards()) {
            paths.add(s.relativePath().isEmpty() || singleFile ? folder : folder.resolve(s.relativePath()));
        }
        this.shardPaths = List.copyOf(paths);
        int n = manifest.rows();
        ids = new String[n];
        urls = new String[n];
        hosts = new String[n];
        shardIndex = new int[n];
        positions = new long[n];
        chars = new int[n];
        words = new int[n];
        byte[] rowBytes = Files.readAllBytes(dir.resolve(SampleStoreWriter.ROWS));
        Bytes.Reader r = new Bytes.Reader(rowBytes, 0, rowBytes.length);
        Map<String, String> hostIntern = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            ids[i] = r.getString();
            urls[i] = r.getNullableString();
            String h = Hosts.host(urls[i]);
            hosts[i] = h == null ? null : hostIntern.computeIfAbsent(h, k -> k);
            shardIndex[i] = r.getVarInt();
            positions[i] = r.getVarLong();
            chars[i] = r.getVarInt();
            words[i] = r.getVarInt();
        }
        int blocks = (n + SampleStoreWriter.BLOCK_ROWS - 1) / SampleStoreWriter.BLOCK_ROWS;
        blockOffsets = new long[blocks];
        blockCompressed = new int[blocks];
        blockRaw = new int[blocks];
        try (InputStream in = Files.newInputStream(dir.resolve(SampleStoreWriter.BLOCKS));
             DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in))) {
            for (int b = 0; b < blocks; b++) {
                blockOffsets[b] = data.readLong();
                blockCompressed[b] = data.readInt();
                blockRaw[b] = data.readInt();
            }
        }
        docs = FileChannel.open(dir.resolve(SampleStoreWriter.DOCS), StandardOpenOption.READ);
    }

    /** Opens a complete sample folder; fails when the folder holds no complete sample of this format version. */
    public static Sample open(Path dir) throws IOException {
        SampleManifest manifest = readManifest(dir);
        if (manifest == null) {
            throw new IOException("no complete sample in " + dir);
        }
        return new Sample(dir, manifest);
    }

    /** The manifest of a complete sample of the current format, or null. */
    static SampleManifest readManifest(Path dir) {
        Path file = dir.resolve(Sampler.MANIFEST);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            SampleManifest m = JSON.readValue(file.toFile(), SampleManifest.class);
            return m.formatVersion() == SampleManifest.FORMAT_VERSION ? m : null;
        } catch (IOException e) {
            return null;
        }
    }

    public Path directory() {
        return dir;
    }

    public SampleManifest manifest() {
        return manifest;
    }

    public SampleSpec spec() {
        return manifest.spec();
    }

    public int size() {
        return ids.length;
    }

    public String id(int row) {
        return ids[row];
    }

    /** The URL, or null. */
    public String url(int row) {
        return urls[row];
    }

    /** The URL's host without "www.", or null. */
    public String host(int row) {
        return hosts[row];
    }

    public int shardIndex(int row) {
        return shardIndex[row];
    }

    public Path shardPath(int row) {
        return shardPaths.get(shardIndex[row]);
    }

    public String shardRelativePath(int row) {
        return manifest.shards().get(shardIndex[row]).relativePath();
    }

    public long position(int row) {
        return positions[row];
    }

    public int chars(int row) {
        return chars[row];
    }

    public int words(int row) {
        return words[row];
    }

    public List<Path> shardPaths() {
        return shardPaths;
    }

    /** The whole document of a row, read from the store. */
    public Document document(int row) {
        int block = row / SampleStoreWriter.BLOCK_ROWS;
        byte[] raw = block(block);
        Bytes.Reader in = new Bytes.Reader(raw, 0, raw.length);
        for (int i = block * SampleStoreWriter.BLOCK_ROWS; i < row; i++) {
            DocumentCodec.skip(in);
        }
        return DocumentCodec.decode(in, shardPaths);
    }

    private byte[] block(int b) {
        synchronized (blockCache) {
            byte[] cached = blockCache.get(b);
            if (cached != null) {
                return cached;
            }
        }
        try {
            ByteBuffer buf = ByteBuffer.allocate(blockCompressed[b]);
            long at = blockOffsets[b];
            while (buf.hasRemaining()) {
                int n = docs.read(buf, at + buf.position());
                if (n < 0) {
                    throw new IOException("sample store is cut short: " + dir.resolve(SampleStoreWriter.DOCS));
                }
            }
            byte[] raw = Zstd.decompress(buf.array(), blockRaw[b]);
            synchronized (blockCache) {
                blockCache.put(b, raw);
            }
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Problems met while drawing this sample (all of them, streamed from the workspace). */
    public ProblemLog.Reader problems() {
        return new ProblemLog.Reader(dir.resolve(ProblemLog.FILE));
    }

    @Override
    public void close() throws IOException {
        docs.close();
    }
}
