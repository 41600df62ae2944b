package org.loupe.engine.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
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
        exitCodeList = {"0:the sample was written", "1:nothing could be read", "2:bad arguments"})
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
        ScanResult scan = CommandSupport.scan(spec, dir);
        Path target = out.toAbsolutePath().normalize();
        Path base = Files.isRegularFile(scan.root()) ? scan.root().getParent() : scan.root();
        if (target.startsWith(base)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is inside the input folder " + base
                    + "; Loupe never writes into an input folder");
        }
        // Every mistake in the arguments is reported before anything is read or written.
        SampleSpec sampleSpec;
        ReaderOptions options;
        Workspace ws = workspace.toWorkspace();
        try {
            sampleSpec = sample.toSpec();
            options = reader.toOptions();
            Sampler.select(scan, sampleSpec);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            ws.sampleDir(scan, sampleSpec, options);
        } catch (IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "--workspace: " + e.getMessage(), e);
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
            return s.size() > 0 ? 0 : 1;
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
