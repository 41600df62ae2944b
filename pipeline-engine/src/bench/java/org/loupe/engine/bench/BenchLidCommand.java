package org.loupe.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.measure.lid.FastTextModel;
import org.loupe.engine.measure.lid.LanguageIdentifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code loupe bench lid --input PATH}: throughput of {@link FastTextModel#predict} against fastText's own
 * command-line binary, in the same run, on the same text: the documents' texts with {@code "\n"} replaced by a
 * space, one per line, repeated. Both sides run on one thread. fastText's time is measured as a whole process
 * (reading the model, the input file and printing), so a one-line run is timed too and its start-up cost
 * subtracted. The Java side is timed after a warm-up of the same work, with the texts already in memory, and
 * checks its top labels against fastText's output. Without the fastText binary the baseline is skipped, and
 * said so.
 */
@Command(name = "lid", mixinStandardHelpOptions = true,
        description = {"Time Loupe's fastText language identifier against fastText's own binary (fasttext predict-prob) "
                + "on the same text in the same run, for k = 1 and k = -1 (fasttext from PATH or --fasttext; the baseline "
                + "is skipped, and said so, when it is missing). Prints one JSON object."})
public final class BenchLidCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "PATH", description = "A shard or folder of real text.")
    Path input;

    @Option(names = "--model", paramLabel = "FILE", description = "The fastText model (default: the bundled lid.176.ftz).")
    Path model;

    @Option(names = "--passes", paramLabel = "N", description = "Passes over the text per timed run; best of 3 runs (default: ${DEFAULT-VALUE}).")
    int passes = 20;

    @Option(names = "--limit", paramLabel = "DOCS", description = "At most this many documents (default: ${DEFAULT-VALUE}).")
    int limit = 20_000;

    @Option(names = "--fasttext", paramLabel = "PROGRAM", description = "The fastText program (default: ${DEFAULT-VALUE}).")
    String fasttext = "fasttext";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (passes <= 0 || limit <= 0) {
            throw new ParameterException(spec.commandLine(), "--passes and --limit must be positive");
        }
        List<String> texts = new ArrayList<>();
        for (String t : BenchMeasureCommand.texts(input, limit)) {
            texts.add(t.replace("\n", " "));
        }
        if (texts.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--input " + input + " holds no documents");
        }
        long bytesOnce = 0;
        for (String t : texts) {
            bytesOnce += t.getBytes(StandardCharsets.UTF_8).length;
        }
        double mbOnce = bytesOnce / 1e6;

        Path dir = Files.createTempDirectory("loupe-bench-lid");
        try {
            Path modelFile = model != null ? model : bundledModel(dir);
            FastTextModel m = FastTextModel.load(modelFile);
            Path in = dir.resolve("input.txt");
            Path one = dir.resolve("one.txt");
            try (Writer w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
                for (int r = 0; r < passes; r++) {
                    for (String t : texts) {
                        w.write(t);
                        w.write('\n');
                    }
                }
            }
            Files.writeString(one, texts.get(0) + "\n", StandardCharsets.UTF_8);

            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode out = json.createObjectNode();
            out.put("benchmark", "lid");
            out.put("model", model != null ? modelFile.getFileName().toString() : "bundled lid.176.ftz");
            out.put("texts", texts.size());
            out.put("megabytes_per_pass", Math.round(bytesOnce / 1e4) / 100.0);
            out.put("passes", passes);
            out.put("baseline", fasttext + " predict-prob MODEL INPUT k > FILE, one process, minus the same on one line");
            out.put("timing", "best of 3 runs of all passes, wall time, one thread");
            ArrayNode runs = out.putArray("runs");
            for (int k : new int[] {1, -1}) {
                ObjectNode run = runs.addObject();
                run.put("k", k);
                // fastText: start-up (one line) and the full run, best of 3 each.
                double startup = Double.MAX_VALUE;
                double full = Double.MAX_VALUE;
                List<String> firstLabels = null;
                String skipped = null;
                for (int i = 0; i < 3 && skipped == null; i++) {
                    try {
                        startup = Math.min(startup, runFastText(modelFile, one, k, dir.resolve("out1.txt")));
                        Path ftOut = dir.resolve("out.txt");
                        full = Math.min(full, runFastText(modelFile, in, k, ftOut));
                        if (firstLabels == null) {
                            firstLabels = firstLabels(ftOut, texts.size());
                        }
                    } catch (IOException e) {
                        skipped = e.getMessage() + "; install fastText (Debian: apt-get install fasttext) or pass --fasttext";
                    }
                }

                // Java: warm-up, then the same passes, best of 3.
                long sink = 0;
                for (int w = 0; w < Math.max(3, passes / 2); w++) {
                    sink += pass(m, texts, k);
                }
                double javaSeconds = Double.MAX_VALUE;
                for (int i = 0; i < 3; i++) {
                    long t0 = System.nanoTime();
                    for (int r = 0; r < passes; r++) {
                        sink += pass(m, texts, k);
                    }
                    javaSeconds = Math.min(javaSeconds, (System.nanoTime() - t0) / 1e9);
                }
                double javaMbps = mbOnce * passes / javaSeconds;
                run.put("java_seconds", round(javaSeconds));
                run.put("java_MB_per_s", round(javaMbps));
                if (skipped != null) {
                    run.put("fasttext_skipped", skipped);
                } else {
                    double ftSeconds = full - startup;
                    double ftMbps = mbOnce * passes / ftSeconds;
                    int agree = 0;
                    for (int i = 0; i < texts.size(); i++) {
                        if (i < firstLabels.size() && m.predict(texts.get(i), k).get(0).label().equals(firstLabels.get(i))) {
                            agree++;
                        }
                    }
                    run.put("fasttext_seconds", round(ftSeconds));
                    run.put("fasttext_startup_seconds", round(startup));
                    run.put("fasttext_MB_per_s", round(ftMbps));
                    run.put("ratio", round(javaMbps / ftMbps));
                    run.put("top1_agreement", agree);
                }
                run.put("checksum", sink);
            }
            spec.commandLine().getOut().println(json.writeValueAsString(out));
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    /** The bundled lid.176.ftz, copied to a file (the fastText binary reads a file). */
    private Path bundledModel(Path dir) throws IOException {
        try (InputStream in = LanguageIdentifier.class.getResourceAsStream(LanguageIdentifier.LID176_RESOURCE)) {
            if (in == null) {
                throw new ParameterException(spec.commandLine(), "no bundled lid.176.ftz on the class path; pass --model");
            }
            Path file = dir.resolve("lid.176.ftz");
            Files.copy(in, file);
            return file;
        }
    }

    private static long pass(FastTextModel m, List<String> texts, int k) {
        long n = 0;
        for (String t : texts) {
            n += m.predict(t, k).size();
        }
        return n;
    }

    /** Seconds for one fastText process to predict every line of {@code input}. */
    private double runFastText(Path modelFile, Path input, int k, Path out)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(fasttext, "predict-prob", modelFile.toString(), input.toString(),
                Integer.toString(k));
        pb.redirectOutput(out.toFile());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("could not start " + fasttext + " (" + e.getMessage() + ")", e);
        }
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

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
