package org.loupe.index;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.loupe.engine.io.AtomicFiles;

/**
 * {@code index/loupe-index.json}, written last when an index is complete: what it was built with, and the
 * length of every index file (a file cut short or swapped is noticed before Lucene reads it).
 *
 * @param format        {@link SampleIndex#FORMAT}
 * @param lucene        the Lucene version that wrote it
 * @param documents     the number of documents (= sample rows)
 * @param languagesHash a hash of the languages indexed, or null when none were given
 * @param files         index file name to length in bytes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record IndexMarker(@JsonProperty("format") int format, @JsonProperty("lucene") String lucene,
                   @JsonProperty("documents") int documents, @JsonProperty("languages_hash") String languagesHash,
                   @JsonProperty("files") Map<String, Long> files) {
    static final String FILE = "loupe-index.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The marker of an index folder, or null when it is missing or unreadable. */
    static IndexMarker read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            IndexMarker m = JSON.readValue(f.toFile(), IndexMarker.class);
            return m.lucene() == null || m.files() == null ? null : m;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    void write(Path dir) throws IOException {
        AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(this));
    }
}
