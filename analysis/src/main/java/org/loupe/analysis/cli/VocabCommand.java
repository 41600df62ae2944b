package org.loupe.analysis.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.loupe.analysis.vocab.BpeModel;
import org.loupe.analysis.vocab.BpeTrainer;
import org.loupe.analysis.vocab.PreTokenizer;
import org.loupe.analysis.vocab.VocabReport;
import org.loupe.engine.cli.CommandSupport;
import org.loupe.engine.cli.ConfigSource;
import org.loupe.engine.cli.DecidedSampleOpener;
import org.loupe.engine.cli.ReaderOptionsMixin;
import org.loupe.engine.cli.SampleSpecMixin;
import org.loupe.engine.cli.TerminalProgress;
import org.loupe.engine.cli.WorkspaceMixin;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.sample.Sample;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loupe vocab DIR --vocab-size N --on kept|removed|all --out tokenizer.json [--report FILE.json]}: trains
 * a byte-level BPE tokenizer on the sample's kept, removed or all documents, writes it as a Hugging Face
 * {@code tokenizer.json}, and reports its longest, rarest and junk-looking tokens.
 */
@Command(name = "vocab", mixinStandardHelpOptions = true,
        description = {"Trains a byte-level BPE tokenizer on a sample's kept, removed or all documents and writes it as a "
                + "Hugging Face tokenizer.json; prints (or writes with --report) its longest, rarest and junk-looking tokens.",
            "The report is {\"vocab_size\", \"pre_tokenizer\", \"longest\": [{\"id\", \"token\", \"text\", \"display\", \"bytes\", "
                + "\"chars\", \"count\", \"rank\"}], \"longest_by_chars\", \"rarest\", \"flagged\": [{..., \"flags\"}]}.",
            "Never writes into the input folder: --out and --report must be outside DIR."})
public final class VocabCommand implements Callable<Integer> {

    /** Which documents to train on. */
    public enum On { kept, removed, all }

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder (or single shard file) to sample.")
    Path dir;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ConfigSource source;

    @Option(names = "--vocab-size", paramLabel = "N", description = "Tokens, the 256 bytes included (default: ${DEFAULT-VALUE}).")
    int vocabSize = 32_000;

    @Option(names = "--on", paramLabel = "WHICH", description = "kept, removed or all documents (default: ${DEFAULT-VALUE}).")
    On on = On.kept;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write tokenizer.json.")
    Path out;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON here.")
    Path report;

    @Option(names = "--style", paramLabel = "STYLE", description = "Pre-tokenizer expression: gpt2 or llama3 (default: ${DEFAULT-VALUE}).")
    String style = "gpt2";

    @Option(names = "--split-digits", description = "Every digit its own piece (Llama).")
    boolean splitDigits;

    @Option(names = "--no-whitespace-runs", negatable = true, description = "Keep runs of spaces and tabs as pieces (default: true).")
    boolean whitespaceRuns = true;

    @Option(names = "--min-frequency", paramLabel = "N", description = "Pairs seen fewer times are not merged (default: ${DEFAULT-VALUE}).")
    long minFrequency = 2;

    @Option(names = "--limit", paramLabel = "K", description = "Tokens per report list (default: ${DEFAULT-VALUE}).")
    int limit = 100;

    @Mixin
    SampleSpecMixin sample = new SampleSpecMixin();

    @Mixin
    ReaderOptionsMixin reader = new ReaderOptionsMixin();

    @Mixin
    WorkspaceMixin workspace = new WorkspaceMixin();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        CommandSupport.range(cli, "--vocab-size", vocabSize, 256, 1 << 20);
        CommandSupport.range(cli, "--min-frequency", minFrequency, 1, Long.MAX_VALUE);
        CommandSupport.range(cli, "--limit", limit, 0, Integer.MAX_VALUE);
        PreTokenizer pre;
        BpeTrainer.Options options;
        try {
            pre = new PreTokenizer(PreTokenizer.Style.parse(style), splitDigits, whitespaceRuns);
            options = new BpeTrainer.Options(vocabSize, pre, minFrequency);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().startsWith("No enum")
                    ? "--style is gpt2 or llama3, not " + style : e.getMessage());
        }
        DecidedSampleOpener.check(cli, dir, sample, reader, workspace);
        Path input = CommandSupport.base(dir);
        CommandSupport.writable(cli, "--out", out, input, false);
        if (report != null) {
            CommandSupport.writable(cli, "--report", report, input, false);
        }
        TerminalProgress progress = TerminalProgress.onStderr();
        try (DecidedSampleOpener.Opened opened = DecidedSampleOpener.open(spec.commandLine(), dir, sample, reader, workspace,
                source, progress)) {
            Sample s = opened.sample();
            int[] rows = rows(s.size(), opened.decided().decisions(), on);
            if (rows.length == 0) {
                throw new ParameterException(spec.commandLine(), "the pipeline leaves no " + on + " documents to train on");
            }
            BpeTrainer trainer = new BpeTrainer(options, opened.threads());
            BpeModel model = trainer.train(rows.length, i -> s.document(rows[i]).text(), progress);
            BpeTrainer.Stats st = trainer.stats();
            AtomicFiles.writeString(out, model.toHuggingFaceJson());
            VocabReport r = new VocabReport(model);
            if (report != null) {
                AtomicFiles.writeString(report, r.toJson(limit));
            }
            progress.finish(String.format("%,d tokens trained on %,d %s documents (%,d characters, %,d distinct pieces) in %.1f s",
                    model.size(), rows.length, on, st.bytes(), st.distinctPieces(),
                    (st.countMillis() + st.mergeMillis()) / 1000.0));
            PrintWriter w = spec.commandLine().getOut();
            print(w, "Longest tokens (bytes)", r.longestByBytes(Math.min(limit, 20)));
            print(w, "Rarest tokens (count in the training text; last merges first on ties)", r.rarest(Math.min(limit, 20)));
            print(w, "Junk-looking tokens (most frequent first)", r.flagged().stream().limit(Math.min(limit, 20)).toList());
            w.printf("%nWrote %s%s%n", out, report == null ? "" : " and " + report);
            w.flush();
            return 0;
        }
    }

    /** The rows to train on. */
    public static int[] rows(int size, Decisions decisions, On on) {
        java.util.stream.IntStream all = java.util.stream.IntStream.range(0, size);
        return switch (on) {
            case all -> all.toArray();
            case kept -> all.filter(decisions::kept).toArray();
            case removed -> all.filter(r -> !decisions.kept(r)).toArray();
        };
    }

    private static void print(PrintWriter w, String title, java.util.List<VocabReport.Token> tokens) {
        w.printf("%n%s%n%-32s %6s %6s %10s %7s  %s%n", title, "token", "bytes", "chars", "count", "rank", "flags");
        for (VocabReport.Token t : tokens) {
            w.printf("%-32s %6d %6d %,10d %7d  %s%n", t.display(), t.bytes(), t.chars(), t.count(), t.rank(),
                    String.join(", ", t.flags().stream().map(f -> f.label()).toList()));
        }
    }
}
