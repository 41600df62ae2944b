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
 * application here. Needs a display (Xvfb is fine). Prints JSON.
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
            Map<String, List<Long>> loupe = new LinkedHashMap<>();
            List<Long> baseline = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Path ws = warmWorkspace ? workspaces.resolve("ws") : workspaces.resolve("ws-" + i);
                if (warmWorkspace && i == 0) {
                    run(jar, "org.loupe.app.Main", ws, "first-rows"); // fills the workspace; not counted
                }
                run(jar, "org.loupe.app.Main", ws, "first-rows").forEach((k, v) -> loupe.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                baseline.add(run(jar, EmptyWindow.class.getName(), workspaces.resolve("empty"), "shown").get("shown"));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("runs", runs);
            out.put("workspace", warmWorkspace ? "kept (demo sample stored)" : "new per run (demo extracted, sample drawn)");
            Map<String, Long> medians = new LinkedHashMap<>();
            loupe.forEach((k, v) -> medians.put(k, median(v)));
            out.put("loupe_ms", medians);
            out.put("loupe_first_rows_ms_all", loupe.get("first-rows"));
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

    /** One cold run: a new JVM, its milestones (ms since its start) until {@code last} is printed. */
    private Map<String, Long> run(Path jar, String mainClass, Path workspace, String last) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Dloupe.timing=1", "-cp", jar.toString(), mainClass);
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
