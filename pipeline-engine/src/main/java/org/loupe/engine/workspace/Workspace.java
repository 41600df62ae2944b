package org.loupe.engine.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.Shard;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.sample.SampleManifest;
import org.loupe.engine.sample.SampleSpec;
import org.loupe.engine.sample.Sampler;
import org.loupe.engine.task.TaskContext;

/**
 * Where everything derived from a folder lives: one directory per (folder, shard contents, sample spec,
 * reader options) under the user's cache directory, never inside the input folder. Reopening the same
 * folder with the same spec finds the finished sample and loads it without reading the shards again.
 * A sample is drawn into a temporary sibling directory and moved into place when complete.
 */
public final class Workspace {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public Workspace(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The default root: {@code $LOUPE_CACHE}, else the platform's user cache directory
     * ({@code $XDG_CACHE_HOME/loupe} or {@code ~/.cache/loupe} on Linux, {@code ~/Library/Caches/loupe} on
     * macOS, {@code %LOCALAPPDATA%\loupe\cache} on Windows).
     */
    public static Path defaultRoot(Map<String, String> env) {
        String explicit = env.get("LOUPE_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return Path.of(local != null ? local : home, "loupe", "cache");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", "loupe");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        return Path.of(xdg != null && !xdg.isBlank() ? xdg : Path.of(home, ".cache").toString(), "loupe");
    }

    public Path root() {
        return root;
    }

    /**
     * A file the workbench keeps about a folder (its labels, its session), whatever its sample:
     * {@code <root>/<area>/<folder name>-<hash of the folder's absolute path><suffix>}. Reopening the same
     * folder finds the same file.
     */
    public Path folderFile(String area, Path folder, String suffix) {
        Path f = folder.toAbsolutePath().normalize();
        String name = f.getFileName() == null ? "root" : f.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        String hash = Long.toHexString(org.loupe.engine.sample.SampleKeys.shardHash(f.toString()));
        return root.resolve(area).resolve(name + "-" + hash + suffix);
    }

    /** The directory of a sample of a scanned folder (whether or not it exists yet). */
    public Path sampleDir(ScanResult scan, SampleSpec spec, ReaderOptions options) {
        guardOutside(scan.root());
        String name = scan.root().getFileName() == null ? "root" : scan.root().getFileName().toString();
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return root.resolve("samples").resolve(name + "-" + key(scan, spec, options));
    }

    /** Loads the finished sample of this folder and spec, or draws it (with progress and cancel) and then loads it. */
    public Sample openOrDraw(ScanResult scan, SampleSpec spec, ReaderOptions options, int threads, TaskContext ctx)
            throws IOException {
        Path dir = sampleDir(scan, spec, options);
        if (Files.isRegularFile(dir.resolve(Sampler.MANIFEST))) {
            try {
                ctx.message("Opening the stored sample");
                return Sample.open(dir);
            } catch (IOException | RuntimeException e) {
                // A damaged or older store: draw again.
                AtomicFiles.deleteTree(dir);
            }
        } else if (Files.exists(dir)) {
            // A store without its manifest is not a sample (finished samples are moved into place whole):
            // it would block the move of the new one.
            AtomicFiles.deleteTree(dir);
        }
        Path tmp = dir.resolveSibling("." + dir.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            new Sampler(threads).draw(scan, spec, options, tmp, ctx);
            Files.createDirectories(dir.getParent());
            try {
                AtomicFiles.move(tmp, dir);
            } catch (IOException e) {
                // Another process finished the same sample first: use theirs.
                if (!Files.isRegularFile(dir.resolve(Sampler.MANIFEST))) {
                    throw e;
                }
            }
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
        return Sample.open(dir);
    }

    /** Whether a finished sample of this folder and spec is stored. */
    public boolean hasSample(ScanResult scan, SampleSpec spec, ReaderOptions options) {
        return Files.isRegularFile(sampleDir(scan, spec, options).resolve(Sampler.MANIFEST));
    }

    private void guardOutside(Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        Path base = Files.isRegularFile(f) ? f.getParent() : f;
        if (root.startsWith(base)) {
            throw new IllegalStateException("the workspace " + root + " is inside the input folder " + base
                    + "; Loupe never writes into an input folder. Choose another cache directory (LOUPE_CACHE).");
        }
    }

    static String key(ScanResult scan, SampleSpec spec, ReaderOptions options) {
        ObjectNode k = JSON.createObjectNode();
        k.put("format", SampleManifest.FORMAT_VERSION);
        k.put("folder", scan.root().toString());
        ArrayNode shards = k.putArray("shards");
        for (Shard s : scan.shards()) {
            long mtime;
            try {
                mtime = Files.getLastModifiedTime(s.path()).toMillis();
            } catch (IOException e) {
                mtime = -1;
            }
            shards.addObject().put("path", s.relativePath()).put("size", s.sizeBytes()).put("mtime", mtime);
        }
        k.set("spec", JSON.valueToTree(spec));
        k.put("text", options.fieldMapping().textKey());
        k.put("id", options.fieldMapping().idKey());
        k.put("url", options.fieldMapping().urlKey());
        k.put("max", options.maxRecordBytes());
        k.put("extractor", options.htmlExtractor().getClass().getName());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(k.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
