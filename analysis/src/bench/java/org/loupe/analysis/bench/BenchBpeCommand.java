package org.loupe.analysis.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.loupe.analysis.vocab.BpeModel;
import org.loupe.analysis.vocab.BpeTrainer;
import org.loupe.analysis.vocab.PreTokenizer;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.model.Document;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.ProblemSink;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.task.TaskContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code loupe bench bpe --input FILE --vocab-size N}: our BPE trainer against sentencepiece's
 * {@code spm_train --model_type=bpe} on the same lines in the same run, as JSON figures.
 */
@Command(name = "bpe", mixinStandardHelpOptions = true,
        description = {"Time Loupe's byte-level BPE trainer against sentencepiece's spm_train --model_type=bpe on the same text "
                + "in the same run (spm_train from PATH or --spm; the baseline is skipped, and said so, when it is missing).",
            "The text is the non-empty lines of a UTF-8 text file, or of the documents of a shard or folder, up to --mb."})
public final class BenchBpeCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "A text file, or a shard or folder of documents.")
    Path input;

    @Option(names = "--vocab-size", paramLabel = "N", description = "Vocabulary size for both (default: ${DEFAULT-VALUE}).")
    int vocabSize = 32_000;

    @Option(names = "--mb", paramLabel = "MB", description = "At most this much text, in MB of UTF-8 (default: ${DEFAULT-VALUE}).")
    double mb = 50;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for both (default: the machine's cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--spm", paramLabel = "PROGRAM", description = "The spm_train program (default: ${DEFAULT-VALUE}).")
    String spm = "spm_train";

    @Option(names = "--style", paramLabel = "STYLE", description = "Our pre-tokenizer: gpt2 or llama3 (default: ${DEFAULT-VALUE}).")
    String style = "gpt2";

    @Option(names = "--work", paramLabel = "DIR", description = "Where the text and models go (default: a temporary folder, deleted).")
    Path work;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (vocabSize < 300 || mb <= 0 || threads < 1) {
            throw new ParameterException(spec.commandLine(), "--vocab-size must be at least 300, --mb and --threads positive");
        }
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("loupe-bench-bpe") : Files.createDirectories(work);
        try {
            List<String> lines = lines(input, (long) (mb * 1_000_000));
            Path text = dir.resolve("text.txt");
            long bytes = 0;
            int longest = 0;
            try (BufferedWriter w = Files.newBufferedWriter(text, StandardCharsets.UTF_8)) {
                for (String l : lines) {
                    w.write(l);
                    w.write('\n');
                    int b = l.getBytes(StandardCharsets.UTF_8).length;
                    bytes += b + 1;
                    longest = Math.max(longest, b);
                }
            }
            ObjectNode out = new ObjectMapper().createObjectNode();
            out.put("input", input.getFileName().toString());
            out.put("lines", lines.size());
            out.put("bytes", bytes);
            out.put("vocab_size", vocabSize);
            out.put("threads", threads);

            PreTokenizer pre = new PreTokenizer(PreTokenizer.Style.parse(style), false, true);
            BpeTrainer trainer = new BpeTrainer(new BpeTrainer.Options(vocabSize, pre), threads);
            long t0 = System.nanoTime();
            BpeModel model = trainer.train(lines.size(), lines::get, TaskContext.NONE);
            double loupeSeconds = (System.nanoTime() - t0) / 1e9;
            AtomicFiles.writeString(dir.resolve("tokenizer.json"), model.toHuggingFaceJson());
            ObjectNode loupe = out.putObject("loupe");
            loupe.put("seconds", round(loupeSeconds));
            loupe.put("split_and_count_seconds", round(trainer.stats().countMillis() / 1000.0));
            loupe.put("merge_seconds", round(trainer.stats().mergeMillis() / 1000.0));
            loupe.put("distinct_pieces", trainer.stats().distinctPieces());
            loupe.put("vocab", model.size());
            loupe.put("pre_tokenizer", pre.describe());

            ObjectNode base = out.putObject("spm_train");
            List<String> command = List.of(spm, "--input=" + text, "--model_prefix=" + dir.resolve("spm"),
                    "--vocab_size=" + vocabSize, "--model_type=bpe", "--num_threads=" + threads, "--input_sentence_size=0",
                    "--max_sentence_length=" + Math.max(4192, longest + 1), "--minloglevel=1");
            base.put("command", String.join(" ", command).replace(dir.toString(), "WORK"));
            Double spmSeconds = runSpm(command, dir, base);
            if (spmSeconds != null) {
                base.put("seconds", round(spmSeconds));
                out.put("ratio", round(loupeSeconds / spmSeconds));
            }
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            if (temporary) {
                AtomicFiles.deleteTree(dir);
            }
        }
    }

    private static Double runSpm(List<String> command, Path dir, ObjectNode base) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("spm.log").toFile()).start();
        } catch (IOException e) {
            base.put("skipped", "could not start " + command.get(0) + " (" + e.getMessage()
                    + "); install sentencepiece (Debian: apt-get install sentencepiece) or pass --spm");
            return null;
        }
        long t0 = System.nanoTime();
        if (!p.waitFor(6, TimeUnit.HOURS)) {
            p.destroyForcibly();
            base.put("skipped", "spm_train did not finish in 6 hours");
            return null;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            List<String> log = Files.readAllLines(dir.resolve("spm.log"));
            base.put("skipped", "spm_train exited with " + p.exitValue() + ": "
                    + String.join(" | ", log.subList(Math.max(0, log.size() - 3), log.size())));
            return null;
        }
        return seconds;
    }

    /** The non-empty lines of a text file or of the documents of a shard/folder, up to {@code maxBytes} of UTF-8. */
    static List<String> lines(Path input, long maxBytes) throws IOException {
        List<String> out = new ArrayList<>();
        long[] bytes = {0};
        if (Files.isRegularFile(input) && input.getFileName().toString().endsWith(".txt")) {
            try (var r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                String l;
                while (bytes[0] < maxBytes && (l = r.readLine()) != null) {
                    add(out, l, bytes);
                }
            }
            return out;
        }
        for (Shard shard : new ShardScanner().scan(input).shards()) {
            try (DocumentReader r = ShardReaders.open(shard, ReaderOptions.defaults(), ProblemSink.IGNORE)) {
                Document d;
                while (bytes[0] < maxBytes && (d = r.next()) != null) {
                    for (String l : d.text().split("\n")) {
                        add(out, l, bytes);
                    }
                }
            }
            if (bytes[0] >= maxBytes) {
                break;
            }
        }
        return out;
    }

    private static void add(List<String> out, String line, long[] bytes) {
        String l = line.strip();
        if (!l.isEmpty()) {
            out.add(l);
            bytes[0] += l.getBytes(StandardCharsets.UTF_8).length + 1;
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
