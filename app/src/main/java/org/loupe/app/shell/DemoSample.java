package org.loupe.app.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.loupe.engine.io.AtomicFiles;

/**
 * The bundled demo sample (module {@code assets}): its shards are class-path resources, listed in
 * {@code demo/manifest.json}. Readers need files, so the shards are copied once into the workspace
 * (a folder per manifest version) and opened from there like any other folder.
 */
public final class DemoSample {
    static final String BASE = "/org/loupe/assets/demo/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoSample() {
    }

    /** Whether the demo is on the class path. */
    public static boolean available() {
        return DemoSample.class.getResource(BASE + "manifest.json") != null;
    }

    /** The folder holding the demo shards, extracted into {@code workspaceRoot/demo/…} when needed. */
    public static Path extract(Path workspaceRoot) throws IOException {
        byte[] manifest;
        try (InputStream in = DemoSample.class.getResourceAsStream(BASE + "manifest.json")) {
            if (in == null) {
                throw new IOException("the demo sample is not bundled (no " + BASE + "manifest.json on the class path)");
            }
            manifest = in.readAllBytes();
        }
        Path dir = workspaceRoot.resolve("demo").resolve("demo-" + hash(manifest));
        if (Files.isRegularFile(dir.resolve(".complete"))) {
            return dir;
        }
        Path tmp = Files.createDirectories(workspaceRoot.resolve("demo")).resolve(".extract-" + System.nanoTime());
        try {
            Files.createDirectories(tmp);
            for (String name : shardNames(JSON.readTree(manifest))) {
                try (InputStream in = DemoSample.class.getResourceAsStream(BASE + name)) {
                    if (in == null) {
                        throw new IOException("demo manifest lists " + name + " but it is not bundled");
                    }
                    Path target = tmp.resolve(name).normalize();
                    if (!target.startsWith(tmp)) {
                        throw new IOException("demo manifest names a file outside its folder: " + name);
                    }
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
            Files.writeString(tmp.resolve(".complete"), "ok");
            AtomicFiles.deleteTree(dir);
            AtomicFiles.move(tmp, dir);
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
        return dir;
    }

    static List<String> shardNames(JsonNode manifest) throws IOException {
        JsonNode shards = manifest.get("shards");
        if (shards == null || !shards.isArray()) {
            throw new IOException("demo manifest has no 'shards' list");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode s : shards) {
            if (s.isTextual()) {
                names.add(s.asText());
            } else {
                for (String key : List.of("file", "name", "path")) {
                    if (s.hasNonNull(key)) {
                        names.add(s.get(key).asText());
                        break;
                    }
                }
            }
        }
        return names;
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
