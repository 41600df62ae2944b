package org.loupe.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loupe.engine.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code loupe bench startup}: cold start of the workbench, a new JVM per run, from the process start to the
 * demo's first documents on screen (the milestones {@code -Dloupe.timing=1} prints: main, JavaFX started,
 * window shown, first rows). Each run uses a new, empty workspace ("first run": the demo is extracted and
 * previewed while its sample is drawn) or, with {@code --warm-workspace}, one workspace kept across runs
 * (the demo opened again: the stored sample). The baseline, run alternately in the same session, is the same
 * JVM and JavaFX showing an empty window of the same size ({@link EmptyWindow}): the floor of any JavaFX
 * application here. When the build's class-data-sharing archive ({@code loupe.jsa}) lies beside the jar, each run
 * is also timed with it, as the README's run command starts the workbench. With {@code --class-list FILE} it makes
 * one start instead and writes the classes it loads: the class list the build dumps that archive from.
 * Needs a display (Xvfb is fine). Prints JSON.
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
        description = {"Time the workbench's cold start to the demo's first documents on screen, a new JVM per run,",
            "against an empty JavaFX window started the same way. Needs a display (e.g. under Xvfb).",
            "Prints {\"runs\", \"loupe\": {milestone: median ms}, \"baseline\": {\"shown\"}, \"ratio_first_rows\"}."})
public final class BenchStartupCommand implements Callable<Integer> {
    private static final Pattern MARK = Pattern.compile("loupe\\.timing (\\S+) at=(\\d+)");

    @Option(names = "--runs", paramLabel = "N", description = "Runs of each (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--warm-workspace", description = "Keep one workspace across runs (the demo's sample is stored).")
    boolean warmWorkspace;

    @Option(names = "--timeout", paramLabel = "S", description = "Seconds a run may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 60;

    @Option(names = "--class-list", paramLabel = "FILE", description = {"Instead of timing: one start to the first documents "
            + "writing the classes it loads to FILE, the class list the build dumps the class-data-sharing archive from "
            + "(app/src/main/cds/loupe.classlist)."})
    Path classList;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--runs and --timeout must be positive");
        }
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !System.getProperty("os.name", "").startsWith("Windows") && !System.getProperty("os.name", "").startsWith("Mac")) {
            spec.commandLine().getErr().println("loupe bench startup: no display (DISPLAY is not set); run it under Xvfb, e.g. xvfb-run");
            return 2;
        }
        Path jar = Path.of(BenchStartupCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            spec.commandLine().getErr().println("loupe bench startup: run it from the packaged jar (java -jar app/target/loupe.jar bench startup)");
            return 2;
        }
        Path workspaces = Files.createTempDirectory("loupe-bench-startup");
        try {
            if (classList != null) {
                run(jar, "org.loupe.app.Main", workspaces.resolve("ws"), "first-rows",
                        List.of("-Xshare:off", "-XX:DumpLoadedClassList=" + classList.toAbsolutePath()));
                spec.commandLine().getOut().println("wrote " + classList);
                return 0;
            }
            Path archive = jar.resolveSibling("loupe.jsa");
            boolean cds = Files.isRegularFile(archive);
            Map<String, List<Long>> plain = new LinkedHashMap<>();
            Map<String, List<Long>> shared = new LinkedHashMap<>();
            List<Long> baseline = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Path ws = warmWorkspace ? workspaces.resolve("ws") : workspaces.resolve("ws-" + i);
                if (warmWorkspace && i == 0) {
                    run(jar, "org.loupe.app.Main", ws, "first-rows", List.of()); // fills the workspace; not counted
                }
                add(plain, run(jar, "org.loupe.app.Main", ws, "first-rows", List.of()));
                if (cds) {
                    Path wsShared = warmWorkspace ? ws : workspaces.resolve("ws-cds-" + i);
                    add(shared, run(jar, "org.loupe.app.Main", wsShared, "first-rows", List.of("-XX:SharedArchiveFile=" + archive)));
                }
                baseline.add(run(jar, EmptyWindow.class.getName(), workspaces.resolve("empty"), "shown", List.of()).get("shown"));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("runs", runs);
            out.put("workspace", warmWorkspace ? "kept (demo sample stored)" : "new per run (demo extracted, sample drawn)");
            Map<String, Long> medians = medians(plain);
            out.put("loupe_ms", medians);
            out.put("loupe_first_rows_ms_all", plain.get("first-rows"));
            if (cds) {
                out.put("loupe_cds_ms", medians(shared));
                out.put("loupe_cds_first_rows_ms_all", shared.get("first-rows"));
                out.put("ratio_first_rows_cds", Math.round(100.0 * medians(shared).get("first-rows") / median(baseline)) / 100.0);
            }
            out.put("baseline_shown_ms", median(baseline));
            out.put("baseline_shown_ms_all", baseline);
            out.put("ratio_first_rows", Math.round(100.0 * medians.get("first-rows") / median(baseline)) / 100.0);
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            AtomicFiles.deleteTree(workspaces);
        }
    }

    private static void add(Map<String, List<Long>> into, Map<String, Long> marks) {
        marks.forEach((k, v) -> into.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    private static Map<String, Long> medians(Map<String, List<Long>> marks) {
        Map<String, Long> medians = new LinkedHashMap<>();
        marks.forEach((k, v) -> medians.put(k, median(v)));
        return medians;
    }

    /** One cold run: a new JVM, its milestones (ms since its start) until {@code last} is printed. */
    private Map<String, Long> run(Path jar, String mainClass, Path workspace, String last, List<String> jvmOptions)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Dloupe.timing=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar.toString(), mainClass));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LOUPE_CACHE", workspace.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        Map<String, Long> marks = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
                Matcher m = MARK.matcher(line);
                if (m.find()) {
                    marks.put(m.group(1), Long.parseLong(m.group(2)));
                    if (m.group(1).equals(last)) {
                        break;
                    }
                }
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
        if (!marks.containsKey(last)) {
            throw new IOException(mainClass + " did not reach '" + last + "' within " + timeoutSeconds + " s (marks: " + marks + ")");
        }
        return marks;
    }

    static long median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
