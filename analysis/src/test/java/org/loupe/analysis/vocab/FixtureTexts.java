package org.loupe.analysis.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.loupe.engine.testing.Golden;

/** The texts of the 1,107 reference documents (C4, Dolma, HPLT), from the test resources (see {@link Golden}). */
public final class FixtureTexts {
    private static List<String> texts;

    private FixtureTexts() {
    }

    public static synchronized List<String> all() throws IOException {
        if (texts == null) {
            List<String> out = new ArrayList<>();
            for (JsonNode doc : Golden.read(Golden.FIXTURES)) {
                out.add(doc.path("text").asText());
            }
            texts = List.copyOf(out);
        }
        return texts;
    }
}
