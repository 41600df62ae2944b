package org.loupe.engine.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.model.Document;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.sample.SampleManifest;
import org.loupe.engine.sample.SampleSpec;
import org.loupe.engine.sample.Sampler;
import org.loupe.engine.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loupe sample DIR --size N --seed S --out FILE.jsonl.gz}: draw a reproducible sample and write it as JSONL. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw a reproducible sample of a folder and write it as JSONL (id, text, url, source, metadata). "
                + "Compression follows the file name (.gz, .zst, or none).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the sample was written", CliErrors.EXIT_NOTHING_READ, CliErrors.EXIT_USAGE})
public final class SampleCommand implements Callable<Integer> {
    /** One JSON value per line into a compressing stream: no close, and no flush per line (a zstd flush ends a block). */
    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder (or single shard file) to sample.")
    Path dir;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Output JSONL file (.jsonl, .jsonl.gz or .jsonl.zst); never inside DIR.")
    Path out;

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
        PrintWriter stdout = spec.commandLine().getOut();
        // Every mistake in the arguments is reported before anything is read or written.
        ScanResult scan = DecidedSampleOpener.check(spec.commandLine(), dir, sample, reader, workspace);
        Path target = out.toAbsolutePath().normalize();
        CommandSupport.writable(spec.commandLine(), "--out", out, CommandSupport.base(dir), false);
        SampleSpec sampleSpec;
        ReaderOptions options;
        Workspace ws = workspace.toWorkspace();
        try {
            sampleSpec = sample.toSpec();
            options = reader.toOptions();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            Sampler.select(scan, sampleSpec);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--shards: " + e.getMessage(), e);
        }
        TerminalProgress progress = TerminalProgress.onStderr();
        try (Sample s = ws.openOrDraw(scan, sampleSpec, options, workspace.threads(), progress)) {
            progress.message("Writing " + target.getFileName());
            AtomicFiles.write(target, raw -> write(s, raw, target.getFileName().toString()));
            SampleManifest.ReadStats stats = s.manifest().stats();
            progress.finish(String.format("Sampled %,d of %,d documents (%,d records, %,d problems)", s.size(),
                    stats.documents(), stats.records(), stats.problems()));
            stdout.printf("%,d documents written to %s (%s); %,d documents and %,d problems in %,d shards%n",
                    s.size(), target, s.spec().describe(), stats.documents(), stats.problems(), s.manifest().shards().size());
            stdout.flush();
            if (s.size() == 0) {
                throw CliErrors.nothingRead(dir, String.format("%,d shards, %,d files not shards, %,d problems "
                        + "(see loupe inspect %s)", scan.shards().size(), scan.problems().size(), stats.problems(), dir));
            }
            return 0;
        }
    }

    private static void write(Sample s, OutputStream raw, String fileName) throws java.io.IOException {
        try (OutputStream o = compressed(new BufferedOutputStream(raw, 1 << 16), fileName)) {
            for (int row = 0; row < s.size(); row++) {
                Document d = s.document(row);
                Map<String, Object> source = new LinkedHashMap<>();
                source.put("shard", s.shardRelativePath(row));
                source.put("position", d.source().position());
                source.put("position_kind", d.source().kind().jsonName());
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", d.id());
                line.put("text", d.text());
                line.put("url", d.url());
                line.put("source", source);
                line.put("metadata", d.metadata());
                JSON.writeValue(o, line);
                o.write('\n');
            }
        }
    }

    /** Compression from the output file name: .gz → gzip, .zst → zstd, else plain. */
    static OutputStream compressed(OutputStream sink, String fileName) throws java.io.IOException {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) {
            return new GZIPOutputStream(sink, 1 << 16);
        }
        if (lower.endsWith(".zst") || lower.endsWith(".zstd")) {
            return new ZstdOutputStream(sink, 3);
        }
        return sink;
    }
}
