package org.loupe.app.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.pipeline.ConfigException;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.workspace.Workspace;

/**
 * The session file of a folder: what the curator did to it, so that reopening the folder (or the demo)
 * comes back to it. One small JSON file per folder in the workspace ({@code sessions/<folder>-<hash>.json},
 * keyed like the labels), replaced atomically:
 *
 * <pre>{@code
 * {"format": 1, "folder": "/data/c4", "saved_at": "…",
 *  "pipeline": {…the config as `loupe export` writes it…},
 *  "origin": {"preset": "fineweb"} or {"file": "/x/my.yaml", "pipeline": {…as opened, when it differs…}},
 *  "modified": true,
 *  "baseline": {"name": "the preset gopher", "pipeline": {…}},
 *  "view": "TUNE",
 *  "choices": {"tune.step": "gopher_quality", "tune.metric": "n_words", …}}
 * }</pre>
 *
 * Pipelines go through the engine's {@link ConfigLoader}, so they are checked on reading as a config file
 * is. A file that cannot be used (not JSON, another format, a pipeline that does not check) is moved aside to
 * {@code <name>.damaged} and reported, never overwritten unseen.
 */
public final class SessionMemory {
    /** The format this Loupe writes and reads. */
    public static final int FORMAT = 1;
    /** The workspace area of session files. */
    static final String AREA = "sessions";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What is remembered of a folder.
     *
     * @param pipeline the pipeline as tuned (every step, enabled or not)
     * @param origin   the preset or file it came from
     * @param baseline the baseline pinned in Diffs, or null
     * @param view     the name of the selected view, or null
     * @param choices  small per-view choices by key ({@code tune.step}, {@code diffs.side}, …)
     */
    public record State(PipelineConfig pipeline, PipelineOrigin origin, PinnedBaseline baseline, String view,
                        Map<String, String> choices) {
        public State {
            choices = choices == null ? Map.of() : Map.copyOf(choices);
        }

        /** Whether the pipeline differs from its origin. */
        public boolean modified() {
            return !pipeline.equals(origin.config());
        }
    }

    /** What reading a folder's session file gave. */
    public sealed interface Loaded permits Missing, Restored, Damaged { }

    /** No session file: the folder was never opened (or nothing was changed). */
    public record Missing() implements Loaded { }

    public record Restored(State state) implements Loaded { }

    /**
     * A session file that cannot be used.
     *
     * @param file    the file as it was
     * @param problem what is wrong, in a sentence
     * @param keptAs  where the file was moved aside, or null when it could not be
     */
    public record Damaged(Path file, String problem, Path keptAs) implements Loaded {
        /** The notice the workbench shows, once. */
        public String message() {
            return "The session file " + file + " is damaged (" + problem + "); "
                    + (keptAs != null ? "it was kept as " + keptAs.getFileName() : "it could not be moved aside")
                    + " and the default pipeline is used.";
        }
    }

    private final ConfigLoader loader;

    public SessionMemory(ConfigLoader loader) {
        this.loader = loader;
    }

    /** The session file of a folder. */
    public static Path file(Workspace workspace, Path folder) {
        return workspace.folderFile(AREA, folder, ".json");
    }

    /** Writes a folder's session atomically. */
    public void write(Path file, Path folder, State state) throws IOException {
        Path workspace = file.toAbsolutePath().getParent().getParent();
        if (workspace != null && !Files.isDirectory(workspace)) {
            // Not recreated behind the curator's back (a cache cleared while the window is open).
            throw new IOException("the workspace " + workspace + " no longer exists");
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("folder", folder.toAbsolutePath().normalize().toString());
        root.put("saved_at", Instant.now().toString());
        root.set("pipeline", tree(state.pipeline()));
        ObjectNode origin = root.putObject("origin");
        if (state.origin().preset() != null) {
            origin.put("preset", state.origin().preset());
        } else {
            origin.put("file", state.origin().file().toString());
        }
        if (state.modified()) {
            origin.set("pipeline", tree(state.origin().config()));
        }
        root.put("modified", state.modified());
        if (state.baseline() != null) {
            ObjectNode baseline = root.putObject("baseline");
            baseline.put("name", state.baseline().name());
            baseline.set("pipeline", tree(state.baseline().config()));
        }
        if (state.view() != null) {
            root.put("view", state.view());
        }
        ObjectNode choices = root.putObject("choices");
        new java.util.TreeMap<>(state.choices()).forEach(choices::put);
        AtomicFiles.write(file, out -> JSON.writeValue(out, root));
    }

    /**
     * Reads a folder's session file. A damaged one is moved aside ({@code .damaged}, replacing an older one)
     * and reported; the caller uses the defaults.
     */
    public Loaded read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return new Missing();
        } catch (IOException e) {
            if (!Files.exists(file)) {
                return new Missing();
            }
            return damaged(file, "cannot be read: " + e.getMessage());
        }
        try {
            return new Restored(parse(text));
        } catch (Problem e) {
            return damaged(file, e.getMessage());
        }
    }

    private static Loaded damaged(Path file, String problem) {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged");
        try {
            AtomicFiles.move(file, aside);
        } catch (IOException e) {
            aside = null;
        }
        return new Damaged(file, problem, aside);
    }

    /** What is wrong with a session file, in a few words. */
    private static final class Problem extends Exception {
        Problem(String message) {
            super(message);
        }
    }

    private State parse(String text) throws Problem {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Problem("not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        }
        if (root == null || !root.isObject()) {
            throw new Problem("not a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isInt()) {
            throw new Problem("no format number");
        }
        if (format.asInt() != FORMAT) {
            throw new Problem("format " + format.asInt() + " is not supported; this Loupe reads format " + FORMAT);
        }
        PipelineConfig pipeline = pipeline(root.get("pipeline"), "pipeline");
        JsonNode o = root.get("origin");
        if (o == null || !o.isObject()) {
            throw new Problem("origin: missing");
        }
        PipelineConfig originConfig = o.has("pipeline") ? pipeline(o.get("pipeline"), "origin.pipeline") : pipeline;
        PipelineOrigin origin;
        if (o.hasNonNull("preset") && o.get("preset").isTextual()) {
            origin = PipelineOrigin.preset(o.get("preset").asText(), originConfig);
        } else if (o.hasNonNull("file") && o.get("file").isTextual()) {
            try {
                origin = PipelineOrigin.file(Path.of(o.get("file").asText()), originConfig);
            } catch (java.nio.file.InvalidPathException e) {
                throw new Problem("origin.file: not a path: " + e.getMessage());
            }
        } else {
            throw new Problem("origin: expected a preset or a file");
        }
        PinnedBaseline baseline = null;
        JsonNode b = root.get("baseline");
        if (b != null && !b.isNull()) {
            if (!b.isObject() || !b.path("name").isTextual()) {
                throw new Problem("baseline: expected a name and a pipeline");
            }
            baseline = new PinnedBaseline(pipeline(b.get("pipeline"), "baseline.pipeline"), b.get("name").asText());
        }
        String view = root.path("view").isTextual() ? root.get("view").asText() : null;
        Map<String, String> choices = new LinkedHashMap<>();
        JsonNode c = root.get("choices");
        if (c != null && c.isObject()) {
            c.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    choices.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return new State(pipeline, origin, baseline, view, choices);
    }

    private PipelineConfig pipeline(JsonNode node, String at) throws Problem {
        if (node == null || !node.isObject()) {
            throw new Problem(at + ": missing");
        }
        try {
            PipelineConfig config = loader.parse(node.toString(), at);
            loader.check(config);
            return config;
        } catch (ConfigException e) {
            throw new Problem(at + ": " + String.join("; ", e.problems()));
        }
    }

    private JsonNode tree(PipelineConfig config) throws IOException {
        return JSON.readTree(loader.toJson(config));
    }
}
