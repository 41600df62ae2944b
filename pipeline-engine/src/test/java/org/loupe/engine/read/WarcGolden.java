package org.loupe.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.loupe.engine.model.Document;

/**
 * Golden files for the WARC reader: per real fixture, what each document looks like in a few fields, so
 * that any change in what the reader or the default extractor yields shows up as a reviewed diff.
 * Regenerate with {@code mvn -pl pipeline-engine test -Dgolden.update=true}; the files are written
 * under {@code src/test/resources/golden/read/}, relative to the module folder (surefire's working
 * directory).
 */
final class WarcGolden {
    static final Path DIR = Path.of("src", "test", "resources", "golden", "read");
    private static final int START_CHARS = 80;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private WarcGolden() {
    }

    /**
     * One document in the golden file.
     *
     * @param textLength length of the text in UTF-16 chars ({@link String#length()})
     * @param textStart  the first {@value #START_CHARS} chars of the text (one fewer rather than half a surrogate pair)
     */
    record Entry(String id, String url, long position, int textLength, String textStart) {
    }

    static List<Entry> entries(List<Document> documents) {
        return documents.stream().map(d -> new Entry(d.id(), d.url(), d.source().position(), d.text().length(),
                start(d.text()))).toList();
    }

    /** The first {@value #START_CHARS} chars, not splitting a surrogate pair. */
    static String start(String text) {
        int end = Math.min(START_CHARS, text.length());
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    static void check(String fixture, List<Entry> actual) throws IOException {
        Path file = DIR.resolve(fixture + ".json");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, MAPPER.writeValueAsString(actual) + "\n", StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s is missing; run the tests once with -Dgolden.update=true", file)
                .isRegularFile();
        List<Entry> expected = MAPPER.readValue(file.toFile(), new TypeReference<List<Entry>>() { });
        assertThat(actual).as("documents of %s against %s (regenerate with -Dgolden.update=true when the change is"
                + " intended)", fixture, file).containsExactlyElementsOf(expected);
    }
}
