package org.loupe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.LoupeCommand;
import org.loupe.engine.testing.FolderListing;
import picocli.CommandLine;

/**
 * Every command of {@code loupe} against every class of user mistake that applies to it: the exit code (2 for bad
 * arguments, 1 when nothing could be read), exactly one line on stderr naming the culprit (the file, option or
 * field), no stack trace, no usage text, and the input folder unchanged. The table is exhaustive over the
 * commands: a new command fails {@link #theTableCoversEveryCommand} until its rows are added.
 */
class UserMistakesTest {

    /** The classes of mistakes. */
    enum Mistake {
        MISSING_INPUT, NOTHING_READABLE, MISSING_CONFIG, CONFIG_NOT_UTF8, UNKNOWN_STEP, UNKNOWN_TOKEN_ENCODING,
        UNKNOWN_PRESET, OUTPUT_INSIDE_INPUT, OUTPUT_NOT_WRITABLE, NEGATIVE_VALUE, ABSURD_VALUE, UNKNOWN_OPTION,
        UNKNOWN_SUBCOMMAND
    }

    /**
     * One row: the command, the mistake, the arguments (placeholders {@code {in}} the input folder, {@code {garbage}}
     * a folder of unreadable files, {@code {out}} a writable folder outside the input, {@code {ws}} a workspace,
     * {@code {blocked}} a path under a regular file, {@code {missing}}, {@code {latin1}}, {@code {badstep}},
     * {@code {badenc}} configs), the exit code and what the one line must name.
     */
    record Row(String command, Mistake mistake, int exit, String culprit, String... args) {
        @Override
        public String toString() {
            return command + " × " + mistake;
        }
    }

    private static final List<Row> TABLE = List.of(
            // inspect
            new Row("inspect", Mistake.MISSING_INPUT, 2, "absent", "inspect", "{tmp}/absent"),
            new Row("inspect", Mistake.NOTHING_READABLE, 1, "garbage", "inspect", "{garbage}"),
            new Row("inspect", Mistake.NEGATIVE_VALUE, 2, "--threads", "inspect", "{in}", "--threads", "-2"),
            new Row("inspect", Mistake.ABSURD_VALUE, 2, "--max-record-bytes", "inspect", "{in}", "--max-record-bytes", "0"),
            new Row("inspect", Mistake.UNKNOWN_OPTION, 2, "--frobnicate", "inspect", "{in}", "--frobnicate"),
            // sample
            new Row("sample", Mistake.MISSING_INPUT, 2, "absent", "sample", "{tmp}/absent", "--out", "{out}/s.jsonl", "--workspace", "{ws}"),
            new Row("sample", Mistake.NOTHING_READABLE, 1, "garbage", "sample", "{garbage}", "--out", "{out}/s.jsonl", "--workspace", "{ws}"),
            new Row("sample", Mistake.OUTPUT_INSIDE_INPUT, 2, "--out", "sample", "{in}", "--out", "{in}/s.jsonl", "--workspace", "{ws}"),
            new Row("sample", Mistake.OUTPUT_NOT_WRITABLE, 2, "--out", "sample", "{in}", "--out", "{blocked}/s.jsonl", "--workspace", "{ws}"),
            new Row("sample", Mistake.NEGATIVE_VALUE, 2, "--size", "sample", "{in}", "--out", "{out}/s.jsonl", "--workspace", "{ws}", "--size", "-5"),
            new Row("sample", Mistake.ABSURD_VALUE, 2, "--threads", "sample", "{in}", "--out", "{out}/s.jsonl", "--workspace", "{ws}", "--threads", "100000"),
            new Row("sample", Mistake.UNKNOWN_OPTION, 2, "--frobnicate", "sample", "{in}", "--out", "{out}/s.jsonl", "--frobnicate"),
            // explain
            new Row("explain", Mistake.MISSING_INPUT, 2, "absent", "explain", "--preset", "gopher", "--input", "{tmp}/absent", "--out", "{out}/e.jsonl"),
            new Row("explain", Mistake.NOTHING_READABLE, 1, "garbage", "explain", "--preset", "gopher", "--input", "{garbage}", "--out", "{out}/e.jsonl"),
            new Row("explain", Mistake.MISSING_CONFIG, 2, "missing.yaml", "explain", "--config", "{missing}", "--input", "{in}", "--out", "{out}/e.jsonl"),
            new Row("explain", Mistake.CONFIG_NOT_UTF8, 2, "latin1.yaml", "explain", "--config", "{latin1}", "--input", "{in}", "--out", "{out}/e.jsonl"),
            new Row("explain", Mistake.UNKNOWN_STEP, 2, "steps[0].type", "explain", "--config", "{badstep}", "--input", "{in}", "--out", "{out}/e.jsonl"),
            new Row("explain", Mistake.UNKNOWN_TOKEN_ENCODING, 2, "token_encoding", "explain", "--config", "{badenc}", "--input", "{in}", "--out", "{out}/e.jsonl"),
            new Row("explain", Mistake.UNKNOWN_PRESET, 2, "nope", "explain", "--preset", "nope", "--input", "{in}", "--out", "{out}/e.jsonl"),
            new Row("explain", Mistake.OUTPUT_INSIDE_INPUT, 2, "--out", "explain", "--preset", "gopher", "--input", "{in}", "--out", "{in}/e.jsonl"),
            new Row("explain", Mistake.OUTPUT_NOT_WRITABLE, 2, "--out", "explain", "--preset", "gopher", "--input", "{in}", "--out", "{blocked}/e.jsonl"),
            new Row("explain", Mistake.NEGATIVE_VALUE, 2, "--threads", "explain", "--preset", "gopher", "--input", "{in}", "--out", "{out}/e.jsonl", "--threads", "-1"),
            new Row("explain", Mistake.UNKNOWN_OPTION, 2, "--frobnicate", "explain", "--preset", "gopher", "--input", "{in}", "--out", "{out}/e.jsonl", "--frobnicate"),
            // dedup
            new Row("dedup", Mistake.MISSING_INPUT, 2, "absent", "dedup", "{tmp}/absent", "--workspace", "{ws}"),
            new Row("dedup", Mistake.NOTHING_READABLE, 1, "garbage", "dedup", "{garbage}", "--workspace", "{ws}"),
            new Row("dedup", Mistake.MISSING_CONFIG, 2, "missing.yaml", "dedup", "{in}", "--config", "{missing}", "--workspace", "{ws}"),
            new Row("dedup", Mistake.CONFIG_NOT_UTF8, 2, "latin1.yaml", "dedup", "{in}", "--config", "{latin1}", "--workspace", "{ws}"),
            new Row("dedup", Mistake.UNKNOWN_STEP, 2, "steps[0].type", "dedup", "{in}", "--config", "{badstep}", "--workspace", "{ws}"),
            new Row("dedup", Mistake.UNKNOWN_TOKEN_ENCODING, 2, "token_encoding", "dedup", "{in}", "--config", "{badenc}", "--workspace", "{ws}"),
            new Row("dedup", Mistake.UNKNOWN_PRESET, 2, "nope", "dedup", "{in}", "--preset", "nope", "--workspace", "{ws}"),
            new Row("dedup", Mistake.OUTPUT_INSIDE_INPUT, 2, "--workspace", "dedup", "{in}", "--workspace", "{in}/ws"),
            new Row("dedup", Mistake.OUTPUT_NOT_WRITABLE, 2, "--workspace", "dedup", "{in}", "--workspace", "{blocked}/ws"),
            new Row("dedup", Mistake.NEGATIVE_VALUE, 2, "--limit", "dedup", "{in}", "--workspace", "{ws}", "--limit", "-1"),
            new Row("dedup", Mistake.ABSURD_VALUE, 2, "--fraction", "dedup", "{in}", "--workspace", "{ws}", "--fraction", "7"),
            new Row("dedup", Mistake.UNKNOWN_OPTION, 2, "--frobnicate", "dedup", "{in}", "--frobnicate"),
            // run
            new Row("run", Mistake.MISSING_INPUT, 2, "absent", "run", "--preset", "gopher", "--input", "{tmp}/absent", "--output", "{out}/run"),
            new Row("run", Mistake.NOTHING_READABLE, 1, "garbage", "run", "--preset", "gopher", "--input", "{garbage}", "--output", "{out}/run"),
            new Row("run", Mistake.MISSING_CONFIG, 2, "missing.yaml", "run", "--config", "{missing}", "--input", "{in}", "--output", "{out}/run"),
            new Row("run", Mistake.CONFIG_NOT_UTF8, 2, "latin1.yaml", "run", "--config", "{latin1}", "--input", "{in}", "--output", "{out}/run"),
            new Row("run", Mistake.UNKNOWN_STEP, 2, "steps[0].type", "run", "--config", "{badstep}", "--input", "{in}", "--output", "{out}/run"),
            new Row("run", Mistake.UNKNOWN_TOKEN_ENCODING, 2, "token_encoding", "run", "--config", "{badenc}", "--input", "{in}", "--output", "{out}/run"),
            new Row("run", Mistake.UNKNOWN_PRESET, 2, "nope", "run", "--preset", "nope", "--input", "{in}", "--output", "{out}/run"),
            new Row("run", Mistake.OUTPUT_INSIDE_INPUT, 2, "--output", "run", "--preset", "gopher", "--input", "{in}", "--output", "{in}/run"),
            new Row("run", Mistake.OUTPUT_NOT_WRITABLE, 2, "--output", "run", "--preset", "gopher", "--input", "{in}", "--output", "{blocked}/run"),
            new Row("run", Mistake.NEGATIVE_VALUE, 2, "--threads", "run", "--preset", "gopher", "--input", "{in}", "--output", "{out}/run", "--threads", "-4"),
            new Row("run", Mistake.ABSURD_VALUE, 2, "--threads", "run", "--preset", "gopher", "--input", "{in}", "--output", "{out}/run", "--threads", "99999"),
            new Row("run", Mistake.UNKNOWN_OPTION, 2, "--frobnicate", "run", "--preset", "gopher", "--input", "{in}", "--output", "{out}/run", "--frobnicate"),
            // presets
            new Row("presets", Mistake.UNKNOWN_PRESET, 2, "nope", "presets", "nope"),
            new Row("presets", Mistake.UNKNOWN_OPTION, 2, "--frobnicate", "presets", "--frobnicate"),
            // export
            new Row("export", Mistake.MISSING_CONFIG, 2, "missing.yaml", "export", "--config", "{missing}"),
            new Row("export", Mistake.CONFIG_NOT_UTF8, 2, "latin1.yaml", "export", "--config", "{latin1}"),
            new Row("export", Mistake.UNKNOWN_STEP, 2, "steps[0].type", "export", "--config", "{badstep}"),
            new Row("export", Mistake.UNKNOWN_TOKEN_ENCODING, 2, "token_encoding", "export", "--config", "{badenc}"),
            new Row("export", Mistake.UNKNOWN_PRESET, 2, "nope", "export", "--preset", "nope"),
            new Row("export", Mistake.OUTPUT_NOT_WRITABLE, 2, "--datatrove", "export", "--preset", "gopher", "--datatrove", "{blocked}/p.py"),
            new Row("export", Mistake.UNKNOWN_OPTION, 2, "--frobnicate", "export", "--preset", "gopher", "--frobnicate"),
            // help
            new Row("help", Mistake.UNKNOWN_SUBCOMMAND, 2, "nope", "help", "nope"),
            // search
            new Row("search", Mistake.MISSING_INPUT, 2, "absent", "search", "{tmp}/absent", "text", "--workspace", "{ws}"),
            new Row("search", Mistake.NOTHING_READABLE, 1, "garbage", "search", "{garbage}", "text", "--workspace", "{ws}"),
            new Row("search", Mistake.MISSING_CONFIG, 2, "missing.yaml", "search", "{in}", "text", "--config", "{missing}", "--workspace", "{ws}"),
            new Row("search", Mistake.CONFIG_NOT_UTF8, 2, "latin1.yaml", "search", "{in}", "text", "--config", "{latin1}", "--workspace", "{ws}"),
            new Row("search", Mistake.UNKNOWN_STEP, 2, "steps[0].type", "search", "{in}", "text", "--config", "{badstep}", "--workspace", "{ws}"),
            new Row("search", Mistake.UNKNOWN_TOKEN_ENCODING, 2, "token_encoding", "search", "{in}", "text", "--config", "{badenc}", "--workspace", "{ws}"),
            new Row("search", Mistake.UNKNOWN_PRESET, 2, "nope", "search", "{in}", "text", "--preset", "nope", "--workspace", "{ws}"),
            new Row("search", Mistake.OUTPUT_INSIDE_INPUT, 2, "--workspace", "search", "{in}", "text", "--workspace", "{in}/ws"),
            new Row("search", Mistake.OUTPUT_NOT_WRITABLE, 2, "--workspace", "search", "{in}", "text", "--workspace", "{blocked}/ws"),
            new Row("search", Mistake.NEGATIVE_VALUE, 2, "--offset", "search", "{in}", "text", "--workspace", "{ws}", "--offset", "-3"),
            new Row("search", Mistake.ABSURD_VALUE, 2, "--size", "search", "{in}", "text", "--workspace", "{ws}", "--size", "0"),
            new Row("search", Mistake.UNKNOWN_OPTION, 2, "--frobnicate", "search", "{in}", "--frobnicate"),
            // domains
            new Row("domains", Mistake.MISSING_INPUT, 2, "absent", "domains", "{tmp}/absent", "--workspace", "{ws}"),
            new Row("domains", Mistake.NOTHING_READABLE, 1, "garbage", "domains", "{garbage}", "--workspace", "{ws}"),
            new Row("domains", Mistake.MISSING_CONFIG, 2, "missing.yaml", "domains", "{in}", "--config", "{missing}", "--workspace", "{ws}"),
            new Row("domains", Mistake.CONFIG_NOT_UTF8, 2, "latin1.yaml", "domains", "{in}", "--config", "{latin1}", "--workspace", "{ws}"),
            new Row("domains", Mistake.UNKNOWN_STEP, 2, "steps[0].type", "domains", "{in}", "--config", "{badstep}", "--workspace", "{ws}"),
            new Row("domains", Mistake.UNKNOWN_TOKEN_ENCODING, 2, "token_encoding", "domains", "{in}", "--config", "{badenc}", "--workspace", "{ws}"),
            new Row("domains", Mistake.UNKNOWN_PRESET, 2, "nope", "domains", "{in}", "--preset", "nope", "--workspace", "{ws}"),
            new Row("domains", Mistake.OUTPUT_INSIDE_INPUT, 2, "--workspace", "domains", "{in}", "--workspace", "{in}/ws"),
            new Row("domains", Mistake.OUTPUT_NOT_WRITABLE, 2, "--workspace", "domains", "{in}", "--workspace", "{blocked}/ws"),
            new Row("domains", Mistake.NEGATIVE_VALUE, 2, "--limit", "domains", "{in}", "--workspace", "{ws}", "--limit", "-1"),
            new Row("domains", Mistake.ABSURD_VALUE, 2, "--threads", "domains", "{in}", "--workspace", "{ws}", "--threads", "0"),
            new Row("domains", Mistake.UNKNOWN_OPTION, 2, "--frobnicate", "domains", "{in}", "--frobnicate"),
            // vocab
            new Row("vocab", Mistake.MISSING_INPUT, 2, "absent", "vocab", "{tmp}/absent", "--out", "{out}/t.json", "--workspace", "{ws}"),
            new Row("vocab", Mistake.NOTHING_READABLE, 1, "garbage", "vocab", "{garbage}", "--out", "{out}/t.json", "--workspace", "{ws}"),
            new Row("vocab", Mistake.MISSING_CONFIG, 2, "missing.yaml", "vocab", "{in}", "--config", "{missing}", "--out", "{out}/t.json", "--workspace", "{ws}"),
            new Row("vocab", Mistake.CONFIG_NOT_UTF8, 2, "latin1.yaml", "vocab", "{in}", "--config", "{latin1}", "--out", "{out}/t.json", "--workspace", "{ws}"),
            new Row("vocab", Mistake.UNKNOWN_STEP, 2, "steps[0].type", "vocab", "{in}", "--config", "{badstep}", "--out", "{out}/t.json", "--workspace", "{ws}"),
            new Row("vocab", Mistake.UNKNOWN_TOKEN_ENCODING, 2, "token_encoding", "vocab", "{in}", "--config", "{badenc}", "--out", "{out}/t.json", "--workspace", "{ws}"),
            new Row("vocab", Mistake.UNKNOWN_PRESET, 2, "nope", "vocab", "{in}", "--preset", "nope", "--out", "{out}/t.json", "--workspace", "{ws}"),
            new Row("vocab", Mistake.OUTPUT_INSIDE_INPUT, 2, "--out", "vocab", "{in}", "--out", "{in}/t.json", "--workspace", "{ws}"),
            new Row("vocab", Mistake.OUTPUT_NOT_WRITABLE, 2, "--report", "vocab", "{in}", "--out", "{out}/t.json", "--report", "{blocked}/r.json", "--workspace", "{ws}"),
            new Row("vocab", Mistake.NEGATIVE_VALUE, 2, "--min-frequency", "vocab", "{in}", "--out", "{out}/t.json", "--workspace", "{ws}", "--min-frequency", "-1"),
            new Row("vocab", Mistake.ABSURD_VALUE, 2, "--vocab-size", "vocab", "{in}", "--out", "{out}/t.json", "--workspace", "{ws}", "--vocab-size", "2000000000"),
            new Row("vocab", Mistake.UNKNOWN_OPTION, 2, "--frobnicate", "vocab", "{in}", "--out", "{out}/t.json", "--frobnicate"),
            // clusters: every mistake is found before the embedding model is loaded
            new Row("clusters", Mistake.MISSING_INPUT, 2, "absent", "clusters", "{tmp}/absent", "--workspace", "{ws}"),
            new Row("clusters", Mistake.NOTHING_READABLE, 1, "garbage", "clusters", "{garbage}", "--workspace", "{ws}"),
            new Row("clusters", Mistake.MISSING_CONFIG, 2, "missing.yaml", "clusters", "{in}", "--config", "{missing}", "--workspace", "{ws}"),
            new Row("clusters", Mistake.CONFIG_NOT_UTF8, 2, "latin1.yaml", "clusters", "{in}", "--config", "{latin1}", "--workspace", "{ws}"),
            new Row("clusters", Mistake.UNKNOWN_STEP, 2, "steps[0].type", "clusters", "{in}", "--config", "{badstep}", "--workspace", "{ws}"),
            new Row("clusters", Mistake.UNKNOWN_TOKEN_ENCODING, 2, "token_encoding", "clusters", "{in}", "--config", "{badenc}", "--workspace", "{ws}"),
            new Row("clusters", Mistake.UNKNOWN_PRESET, 2, "nope", "clusters", "{in}", "--preset", "nope", "--workspace", "{ws}"),
            new Row("clusters", Mistake.OUTPUT_INSIDE_INPUT, 2, "--topic-config", "clusters", "{in}", "--workspace", "{ws}", "--drop", "0", "--topic-config", "{in}/t.yaml"),
            new Row("clusters", Mistake.OUTPUT_NOT_WRITABLE, 2, "--workspace", "clusters", "{in}", "--workspace", "{blocked}/ws"),
            new Row("clusters", Mistake.NEGATIVE_VALUE, 2, "--eps", "clusters", "{in}", "--workspace", "{ws}", "--eps", "-0.5"),
            new Row("clusters", Mistake.ABSURD_VALUE, 2, "--max-tokens", "clusters", "{in}", "--workspace", "{ws}", "--max-tokens", "100000"),
            new Row("clusters", Mistake.UNKNOWN_OPTION, 2, "--frobnicate", "clusters", "{in}", "--frobnicate"),
            // bench (from the bench source sets)
            new Row("bench", Mistake.MISSING_INPUT, 2, "absent", "bench", "minhash", "--input", "{tmp}/absent"),
            new Row("bench", Mistake.NEGATIVE_VALUE, 2, "--passes", "bench", "minhash", "--input", "{in}", "--passes", "-1"),
            new Row("bench", Mistake.UNKNOWN_SUBCOMMAND, 2, "nope", "bench", "nope"),
            new Row("bench", Mistake.UNKNOWN_OPTION, 2, "--frobnicate", "bench", "--frobnicate"));

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) { }

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersEveryMistakeWithOneSentence() {
        return TABLE.stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> check(row)));
    }

    private void check(Row row) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(row.command() + "-" + row.mistake()));
        Map<String, String> places = fixture(dir);
        Path in = Path.of(places.get("{in}"));
        Path garbage = Path.of(places.get("{garbage}"));
        List<String> inBefore = FolderListing.of(in);
        List<String> garbageBefore = FolderListing.of(garbage);
        String[] args = Arrays.stream(row.args()).map(a -> expand(a, places)).toArray(String[]::new);

        Run run = run(args);

        String what = String.join(" ", args) + "\nstdout: " + run.out() + "\nstderr: " + run.err();
        assertThat(run.exit()).as(what).isEqualTo(row.exit());
        List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(what).hasSize(1);
        assertThat(lines.get(0)).as(what).startsWith("loupe").contains(row.culprit());
        assertThat(run.out() + run.err()).as(what).doesNotContain("\tat ", "at org.", "Exception", "Usage:");
        assertThat(FolderListing.of(in)).as("the input folder is unchanged").isEqualTo(inBefore);
        assertThat(FolderListing.of(garbage)).as("the input folder is unchanged").isEqualTo(garbageBefore);
    }

    @Test
    void theTableCoversEveryCommand() {
        Set<String> commands = new TreeSet<>(LoupeCommand.commandLine().getSubcommands().keySet());
        Set<String> covered = new TreeSet<>();
        TABLE.forEach(r -> covered.add(r.command()));
        assertThat(covered).isEqualTo(commands);
        // Every command that takes files, options or a config meets every mistake that applies to it.
        Map<String, Set<Mistake>> byCommand = new TreeMap<>();
        TABLE.forEach(r -> byCommand.computeIfAbsent(r.command(), k -> EnumSet.noneOf(Mistake.class)).add(r.mistake()));
        for (String c : List.of("explain", "dedup", "run", "search", "domains", "vocab", "clusters")) {
            assertThat(byCommand.get(c)).as(c).containsAll(EnumSet.range(Mistake.MISSING_INPUT, Mistake.UNKNOWN_OPTION)
                    .stream().filter(m -> !(c.equals("explain") && m == Mistake.ABSURD_VALUE)).toList());
        }
    }

    @Test
    void aFirstArgumentThatIsNeitherACommandNorAFolderIsOneSentenceNotTheWorkbench() {
        assertThat(LoupeCommand.notACommand(new String[] {"inspcet", "x"}))
                .isEqualTo("loupe: 'inspcet' is not a command or a folder; see loupe --help");
        assertThat(LoupeCommand.notACommand(new String[] {tmp.toString()})).isNull();
        assertThat(LoupeCommand.notACommand(new String[] {"inspect", tmp.toString()})).isNull();
        assertThat(LoupeCommand.notACommand(new String[] {"--size=10"})).isNull();
        assertThat(LoupeCommand.notACommand(new String[0])).isNull();
    }

    @Test
    void everyCommandsHelpDocumentsTheExitCodes() {
        List<String> missing = new ArrayList<>();
        collectHelp(LoupeCommand.commandLine(), missing);
        assertThat(missing).as("commands whose --help lists no exit codes 1 and 2").isEmpty();
    }

    private static void collectHelp(CommandLine cli, List<String> missing) {
        String help = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
        if (!help.contains("Exit codes") || !help.contains("nothing could be read") && !help.contains("no document")
                || !help.contains("bad arguments")) {
            missing.add(cli.getCommandSpec().qualifiedName());
        }
        cli.getSubcommands().values().forEach(sub -> collectHelp(sub, missing));
    }

    private static String expand(String arg, Map<String, String> places) {
        String s = arg;
        for (Map.Entry<String, String> e : places.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    /** A small input folder, a folder of files that are not shards, configs with one mistake each, and a blocker. */
    private static Map<String, String> fixture(Path dir) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.jsonl"), "{\"id\":\"a1\",\"text\":\"The quick brown fox jumps over the lazy dog.\","
                + "\"url\":\"https://a.example/1\"}\n{\"id\":\"a2\",\"text\":\"Another short document about dogs.\"}\n");
        Files.writeString(in.resolve("b.jsonl"), "{\"id\":\"b1\",\"text\":\"A third document, with words in it.\"}\n");
        Path garbage = Files.createDirectories(dir.resolve("garbage"));
        Files.write(garbage.resolve("noise.bin"), new byte[] {1, 2, 3, (byte) 0xff, 0});
        Path out = Files.createDirectories(dir.resolve("out"));
        Path configs = Files.createDirectories(dir.resolve("configs"));
        Path latin1 = Files.write(configs.resolve("latin1.yaml"),
                "schema_version: 1\nname: caf\u00e9\nsteps: []\n".getBytes(StandardCharsets.ISO_8859_1));
        Path badStep = Files.writeString(configs.resolve("badstep.yaml"), "schema_version: 1\nname: x\nsteps:\n  - type: nope\n");
        Path badEnc = Files.writeString(configs.resolve("badenc.yaml"),
                "schema_version: 1\nname: x\ntoken_encoding: nope_base\nsteps:\n  - type: gopher_quality\n");
        Path blocker = Files.writeString(dir.resolve("blocker"), "a regular file where a folder is expected");
        Map<String, String> places = new TreeMap<>();
        places.put("{tmp}", dir.toString());
        places.put("{in}", in.toString());
        places.put("{garbage}", garbage.toString());
        places.put("{out}", out.toString());
        places.put("{ws}", dir.resolve("ws").toString());
        places.put("{blocked}", blocker.resolve("sub").toString());
        places.put("{missing}", configs.resolve("missing.yaml").toString());
        places.put("{latin1}", latin1.toString());
        places.put("{badstep}", badStep.toString());
        places.put("{badenc}", badEnc.toString());
        return places;
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LoupeCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
