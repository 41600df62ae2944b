package org.loupe.analysis.vocab;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.loupe.engine.testing.SharedData;

/** The texts of the 1,107 reference documents (C4, Dolma, HPLT, WET …), or a skipped test. */
public final class FixtureTexts {
    private static List<String> texts;

    private FixtureTexts() {
    }

    public static synchronized List<String> all() throws IOException {
        if (texts == null) {
            ObjectMapper json = new ObjectMapper();
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(SharedData.specDir().resolve("golden/fixtures_in.jsonl.gz"))), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(json.readTree(line).path("text").asText());
                }
            }
            texts = List.copyOf(out);
        }
        return texts;
    }
}
