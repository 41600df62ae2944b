package org.loupe.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The reference outputs of datatrove, spaCy and fastText on the 1,107 fixture documents (the shared spec's
 * {@code golden/} folder), bundled as test resources under {@code golden/reference/} of this module: see the
 * README.md and LICENSES.md there. Other modules read them through this module's test-jar. They are always
 * present, so the tests that compare against them never skip; a missing file fails the test.
 */
public final class Golden {
    /** The 1,107 input documents, {@code {"id","text","url"}}, gzip JSONL. */
    public static final String FIXTURES = "fixtures_in.jsonl.gz";
    /** datatrove's verdicts, metrics, rewritten texts, spaCy words and sentences, one line per fixture id. */
    public static final String DATATROVE = "datatrove_ref.jsonl.gz";
    /** fastText lid.176's top 5 labels and probabilities, one line per fixture id. */
    public static final String LID176 = "lid176_ref.jsonl.gz";

    private static final String ROOT = "/golden/reference/";

    private Golden() {
    }

    /** The raw bytes of one reference file ({@code name} relative to the folder, e.g. {@code dedup/dedup_in.jsonl.gz}). */
    public static InputStream open(String name) {
        InputStream in = Golden.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IllegalStateException("reference file " + name + " is not on the test classpath (expected the"
                    + " resource " + ROOT + name + " of the pipeline-engine test resources)");
        }
        return in;
    }

    /** The lines of a JSONL reference file (plain or .gz). */
    public static List<JsonNode> read(String name) {
        return Jsonl.read(open(name), name.endsWith(".gz"));
    }

    /** The lines of a JSONL reference file by their "id" field. */
    public static Map<String, JsonNode> byId(String name) {
        return Jsonl.byId(read(name));
    }

    /**
     * Copies one reference file into {@code dir} (created when missing), under its own name, and returns the copy.
     * A copy already there is kept as it is, so that a folder opened twice is the same, unchanged file.
     */
    public static Path copy(String name, Path dir) {
        Path target = dir.resolve(name);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (InputStream in = open(name)) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * The 1,107 fixture documents as a file on disk, for tests that open them as a sample or pass them to a
     * command: a copy of {@value #FIXTURES} in {@code dir}, usually a {@code @TempDir} or a folder under it.
     */
    public static Path fixtures(Path dir) {
        return copy(FIXTURES, dir);
    }
}
