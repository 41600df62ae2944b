package org.loupe.engine.measure.text;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.loupe.engine.testing.SharedData;

/**
 * Prints the tokenizer's throughput on the 1,107 golden fixture texts (about 2.6 MB of UTF-8), in MB of
 * UTF-8 per second of this thread's CPU time (so that other processes on the machine do not count). A
 * measurement, not a check: timings are printed, never asserted. "cold" is a new tokenizer (empty
 * chunk cache) per pass, as for the first documents of a run; "warm" reuses one, as in a long run.
 */
class EnglishTokenizerThroughputTest {

    @Test
    void printsWordsAndSentencesThroughputOnTheFixtureTexts() throws IOException {
        Path fixtures = SharedData.specDir().resolve("golden").resolve("fixtures_in.jsonl.gz");
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(fixtures)), UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                texts.add(json.readTree(line).get("text").asText());
            }
        }
        long bytes = texts.stream().mapToLong(t -> t.getBytes(UTF_8).length).sum();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        EnglishTokenizer warm = EnglishTokenizer.create();
        double bestWarmWords = 0;
        double bestWarmBoth = 0;
        double bestColdWords = 0;
        long sink = 0;
        for (int pass = 0; pass < 6; pass++) {
            EnglishTokenizer cold = EnglishTokenizer.create();
            long t0 = threads.getCurrentThreadCpuTime();
            for (String t : texts) {
                sink += cold.words(t).size();
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (String t : texts) {
                sink += warm.words(t).size();
            }
            long t2 = threads.getCurrentThreadCpuTime();
            for (String t : texts) {
                TokenizedText tt = warm.analyze(t);
                sink += tt.words().size() + tt.sentencePieces().size();
            }
            long t3 = threads.getCurrentThreadCpuTime();
            bestColdWords = Math.max(bestColdWords, bytes * 1e3 / (t1 - t0));
            bestWarmWords = Math.max(bestWarmWords, bytes * 1e3 / (t2 - t1));
            bestWarmBoth = Math.max(bestWarmBoth, bytes * 1e3 / (t3 - t2));
        }
        System.out.printf("EnglishTokenizer on %d texts, %.2f MB UTF-8 (best of 6 passes, CPU time):%n", texts.size(), bytes / 1e6);
        System.out.printf("  words, cold cache:              %6.1f MB/s%n", bestColdWords);
        System.out.printf("  words, warm cache:              %6.1f MB/s%n", bestWarmWords);
        System.out.printf("  words + sentences, warm cache:  %6.1f MB/s%n", bestWarmBoth);
        assertThat(sink).isPositive();
    }
}
