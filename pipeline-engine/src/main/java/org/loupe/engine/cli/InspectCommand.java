package org.loupe.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.loupe.engine.read.Inspector;
import org.loupe.engine.read.Problem;
import org.loupe.engine.read.ScanResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loupe inspect DIR [--json]}: what a folder holds, shard by shard, and every problem. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Read every shard of a folder: format, documents and problems per shard, and every problem with its position.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:at least one document was read", CliErrors.EXIT_NOTHING_READ, CliErrors.EXIT_USAGE})
public final class InspectCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder (or single shard file) to inspect.")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object: {shards:[{path,format,documents,problems,...}], problems:[{file,position,kind,message,...}]}.")
    boolean json;

    @Mixin
    ReaderOptionsMixin reader = new ReaderOptionsMixin();

    @Option(names = "--threads", paramLabel = "N", description = "Reading threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CommandSupport.threads(spec.commandLine(), "--threads", threads);
        reader.check(spec.commandLine());
        ScanResult scan = CommandSupport.scan(spec, dir);
        TerminalProgress progress = TerminalProgress.onStderr();
        Inspector.Report report = new Inspector(reader.toOptions(), threads).inspect(scan, progress);
        progress.finish(String.format("Read %,d shards: %,d documents, %,d problems", report.shards().size(),
                report.documents(), report.problems().size()));
        if (json) {
            out.println(JSON.writeValueAsString(toJson(report)));
        } else {
            printText(report, out);
        }
        out.flush();
        if (report.documents() == 0) {
            throw CliErrors.nothingRead(dir, String.format("%,d shards, %,d problems", report.shards().size(),
                    report.problems().size()));
        }
        return 0;
    }

    static ObjectNode toJson(Inspector.Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("folder", report.scan().root().toString());
        ArrayNode shards = root.putArray("shards");
        for (Inspector.ShardReport s : report.shards()) {
            ObjectNode n = shards.addObject();
            n.put("path", s.shard().relativePath());
            n.put("format", s.shard().format().jsonName());
            n.put("compression", s.shard().compression().jsonName());
            n.put("size_bytes", s.shard().sizeBytes());
            n.put("documents", s.counts().documents());
            n.put("problems", s.problems().size());
            n.put("records", s.counts().records());
            n.put("skipped", s.counts().skippedRecords());
            n.put("repaired", s.counts().repairedDocuments());
            n.put("ignored", s.counts().ignoredRecords());
        }
        ArrayNode problems = root.putArray("problems");
        for (Problem p : report.problems()) {
            ObjectNode n = problems.addObject();
            n.put("file", relative(report.scan().root(), p.file()));
            n.put("position", p.position());
            n.put("position_kind", p.positionKind().jsonName());
            n.put("kind", p.kind().jsonName());
            n.put("severity", p.severity().jsonName());
            n.put("message", p.message());
        }
        return root;
    }

    private static String relative(Path root, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.equals(root)) {
            return abs.getFileName().toString();
        }
        return abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    private static void printText(Inspector.Report report, PrintWriter out) {
        int width = Math.max(20, report.shards().stream().mapToInt(s -> s.shard().relativePath().length()).max().orElse(20));
        String row = "%-" + width + "s  %-14s %12s %10s %10s%n";
        out.printf(row, "shard", "format", "documents", "skipped", "problems");
        for (Inspector.ShardReport s : report.shards()) {
            out.printf(row, s.shard().relativePath(), s.shard().formatLabel(), String.format("%,d", s.counts().documents()),
                    String.format("%,d", s.counts().skippedRecords()), String.format("%,d", s.problems().size()));
        }
        List<Problem> problems = report.problems();
        out.printf("%n%,d documents in %,d shards; %,d problems%n", report.documents(), report.shards().size(), problems.size());
        for (Problem p : problems) {
            out.printf("  %s  %s (%s): %s%n", relativeWhere(report.scan().root(), p), p.kind().jsonName(),
                    p.severity().jsonName(), p.message());
        }
    }

    private static String relativeWhere(Path root, Problem p) {
        String file = relative(root, p.file());
        return p.position() < 0 ? file : file + p.positionKind().separator() + p.position();
    }
}
