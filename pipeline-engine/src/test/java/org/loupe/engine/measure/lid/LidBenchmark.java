package org.loupe.engine.measure.lid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Throughput of {@link FastTextModel#predict} against fastText's own command-line binary, in the same run, on the
 * same text: the 1,107 golden fixture texts with {@code "\n"} replaced by a space, one per line, repeated.
 *
 * <p>Not a JUnit test (a benchmark needs seconds of quiet machine and a native fastText): run it by hand, see
 * docs/benchmarks.md "Language ID". Arguments: {@code MODEL FIXTURES_JSONL_GZ [REPEAT] [FASTTEXT_BINARY]}. Both
 * sides run on one thread. fastText's time is measured as a whole process (reading the model, the input file and
 * printing), so a one-line run is timed too and its start-up cost subtracted. The Java side is timed after a
 * warm-up of the same work, with the texts already in memory, and checks its top labels against fastText's
 * output as it goes.
 */
public final class LidBenchmark {
    private LidBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LidBenchmark MODEL FIXTURES_JSONL_GZ [REPEAT=20] [FASTTEXT=fasttext]");
            System.exit(2);
        }
        Path model = Path.of(args[0]);
        Path fixtures = Path.of(args[1]);
        int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String fasttext = args.length > 3 ? args[3] : "fasttext";

        List<String> texts = readTexts(fixtures);
        long bytesOnce = 0;
        for (String t : texts) {
            bytesOnce += t.getBytes(StandardCharsets.UTF_8).length;
        }
        double mbOnce = bytesOnce / 1e6;
        System.out.printf(Locale.ROOT, "texts: %d, %.2f MB of UTF-8 per pass, %d passes%n", texts.size(), mbOnce, repeat);

        Path dir = Files.createTempDirectory("lid-bench");
        Path input = dir.resolve("input.txt");
        Path one = dir.resolve("one.txt");
        try (Writer w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int r = 0; r < repeat; r++) {
                for (String t : texts) {
                    w.write(t);
                    w.write('\n');
                }
            }
        }
        Files.writeString(one, texts.get(0) + "\n", StandardCharsets.UTF_8);

        FastTextModel m = FastTextModel.load(model);

        for (int k : new int[] {1, -1}) {
            // fastText: start-up (one line) and the full run, best of 3 each.
            double startup = Double.MAX_VALUE;
            double full = Double.MAX_VALUE;
            List<String> firstLabels = null;
            for (int i = 0; i < 3; i++) {
                startup = Math.min(startup, runFastText(fasttext, model, one, k, dir.resolve("out1.txt")));
                Path out = dir.resolve("out.txt");
                full = Math.min(full, runFastText(fasttext, model, input, k, out));
                if (firstLabels == null) {
                    firstLabels = firstLabels(out, texts.size());
                }
            }
            double ftSeconds = full - startup;
            double ftMbps = mbOnce * repeat / ftSeconds;

            // Java: warm-up, then the same passes, best of 3.
            int agree = 0;
            for (int i = 0; i < texts.size(); i++) {
                if (m.predict(texts.get(i), k).get(0).label().equals(firstLabels.get(i))) {
                    agree++;
                }
            }
            long sink = 0;
            for (int w = 0; w < Math.max(3, repeat / 2); w++) {
                sink += pass(m, texts, k);
            }
            double javaSeconds = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < repeat; r++) {
                    sink += pass(m, texts, k);
                }
                javaSeconds = Math.min(javaSeconds, (System.nanoTime() - t0) / 1e9);
            }
            double javaMbps = mbOnce * repeat / javaSeconds;
            System.out.printf(Locale.ROOT,
                    "k=%d: fastText %.2f s (+%.3f s start-up) = %.1f MB/s; Java %.2f s = %.1f MB/s; Java/fastText = %.2fx;"
                            + " top-1 agreement %d/%d (sink %d)%n",
                    k, ftSeconds, startup, ftMbps, javaSeconds, javaMbps, javaMbps / ftMbps, agree, texts.size(), sink);
        }
        for (String f : new String[] {"input.txt", "one.txt", "out.txt", "out1.txt"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Files.deleteIfExists(dir);
    }

    private static long pass(FastTextModel m, List<String> texts, int k) {
        long n = 0;
        for (String t : texts) {
            n += m.predict(t, k).size();
        }
        return n;
    }

    private static double runFastText(String fasttext, Path model, Path input, int k, Path out)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(fasttext, "predict-prob", model.toString(), input.toString(),
                Integer.toString(k));
        pb.redirectOutput(out.toFile());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        int rc = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (rc != 0) {
            throw new IOException(fasttext + " exited with " + rc);
        }
        return s;
    }

    private static List<String> firstLabels(Path out, int n) throws IOException {
        List<String> labels = new ArrayList<>(n);
        try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            String line;
            while (labels.size() < n && (line = r.readLine()) != null) {
                int sp = line.indexOf(' ');
                labels.add(sp < 0 ? line : line.substring(0, sp));
            }
        }
        return labels;
    }

    static List<String> readTexts(Path fixtures) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(fixtures)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode n = json.readTree(line);
                    texts.add(n.get("text").asText().replace("\n", " "));
                }
            }
        }
        return texts;
    }
}
