package org.loupe.engine.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.loupe.engine.io.AtomicFiles;

/**
 * Good / bad labels a curator gives documents of one folder, kept in the workspace (not in the sample,
 * so that a new sample of the same folder keeps them). The file is an append-only log of JSON lines
 * ({@code {"id", "url", "label", "at"}}, label null = cleared), replayed on open: a crash loses at most
 * the line being written, and a damaged line is skipped with its line number reported.
 */
public final class Labels {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A label. */
    public enum Label {
        GOOD, BAD;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One labelled document. */
    public record Entry(String id, String url, Label label, Instant at) { }

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> problems;

    private Labels(Path file, List<String> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The labels file of a folder in a workspace. */
    public static Path file(Workspace workspace, Path folder) {
        return workspace.folderFile("labels", folder, ".jsonl");
    }

    /** Opens (replays) a labels file; a missing file is an empty store. */
    public static Labels open(Path file) throws IOException {
        List<String> problems = new java.util.ArrayList<>();
        Labels labels = new Labels(file, problems);
        if (Files.isRegularFile(file)) {
            int line = 0;
            for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (s.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = JSON.readTree(s);
                    String id = n.get("id").asText();
                    JsonNode l = n.get("label");
                    if (l == null || l.isNull()) {
                        labels.entries.remove(id);
                    } else {
                        labels.entries.put(id, new Entry(id, n.hasNonNull("url") ? n.get("url").asText() : null,
                                Label.valueOf(l.asText().toUpperCase(java.util.Locale.ROOT)),
                                n.hasNonNull("at") ? Instant.parse(n.get("at").asText()) : null));
                    }
                } catch (IOException | RuntimeException e) {
                    problems.add(file + ":" + line + ": skipped a damaged label line (" + e.getMessage() + ")");
                }
            }
        }
        return labels;
    }

    /** Lines of the file that could not be read. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    public synchronized Label get(String id) {
        Entry e = entries.get(id);
        return e == null ? null : e.label();
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Every label, in the order first given. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Sets (or with null clears) a document's label and appends it to the log. */
    public synchronized void set(String id, String url, Label label) throws IOException {
        Instant now = Instant.now();
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("url", url);
        n.put("label", label == null ? null : label.json());
        n.put("at", now.toString());
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            w.write(JSON.writeValueAsString(n));
            w.write('\n');
        }
        if (label == null) {
            entries.remove(id);
        } else {
            entries.put(id, new Entry(id, url, label, now));
        }
    }

    /**
     * Writes every label as JSON lines ({@code id, url, label, labelled_at}, plus whatever {@code extra}
     * adds for a document, e.g. its text and the pipeline's decision), atomically.
     */
    public void export(Path out, Function<Entry, Map<String, Object>> extra) throws IOException {
        List<Entry> all = entries();
        AtomicFiles.write(out, stream -> {
            for (Entry e : all) {
                ObjectNode n = JSON.createObjectNode();
                n.put("id", e.id());
                n.put("url", e.url());
                n.put("label", e.label().json());
                n.put("labelled_at", e.at() == null ? null : e.at().toString());
                Map<String, Object> more = extra.apply(e);
                if (more != null) {
                    more.forEach((k, v) -> n.set(k, JSON.valueToTree(v)));
                }
                stream.write(JSON.writeValueAsBytes(n));
                stream.write('\n');
            }
        });
    }
}
