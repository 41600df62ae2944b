package org.loupe.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.task.ClockedTaskRunner;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.pipeline.steps.GopherQualityStep;
import org.loupe.engine.pipeline.steps.Presets;

/** Session files: written once per pause in the changes, read back as written, damaged ones set aside. */
class SessionAutosaveTest {
    private final ConfigLoader loader = new ConfigLoader(BuiltinSteps.catalog(java.util.Set.of()));
    private final SessionMemory memory = new SessionMemory(loader);

    @TempDir
    Path tmp;

    private static SessionMemory.State state(long minWords) {
        PipelineConfig c = Presets.require(Presets.FINEWEB);
        int g = c.indexOf(GopherQualityStep.NAME);
        PipelineConfig tuned = c.withStep(g, c.steps().get(g).withParam(GopherQualityStep.MIN_DOC_WORDS, minWords));
        return new SessionMemory.State(tuned, PipelineOrigin.preset(Presets.FINEWEB, c), null, "TUNE", Map.of("tune.step", "gopher_quality"));
    }

    @Test
    void aBurstOfChangesIsOneWriteOfTheLastState() throws Exception {
        List<String> failures = new ArrayList<>();
        Path file = tmp.resolve("sessions/f.json");
        ClockedTaskRunner tasks = new ClockedTaskRunner();
        try (SessionAutosave autosave = new SessionAutosave(tasks, memory, SessionAutosave.DELAY, failures::add)) {
            for (long words = 1; words <= 100; words++) {
                autosave.changed(file, tmp, state(words));
            }
            assertThat(file).doesNotExist();
            tasks.pass();
            assertThat(autosave.writes()).isEqualTo(1);
            tasks.pass();
            assertThat(autosave.writes()).isEqualTo(1);
        }
        assertThat(failures).isEmpty();
        SessionMemory.Loaded loaded = memory.read(file);
        assertThat(loaded).isInstanceOfSatisfying(SessionMemory.Restored.class,
                r -> assertThat(r.state()).isEqualTo(state(100)));
    }

    @Test
    void closingWritesWhatWaitsAtOnce() throws Exception {
        Path file = tmp.resolve("f.json");
        SessionAutosave autosave = new SessionAutosave(new ClockedTaskRunner(), memory, SessionAutosave.DELAY, m -> { });
        autosave.changed(file, tmp, state(9));
        assertThat(file).doesNotExist();
        autosave.close();
        assertThat(autosave.writes()).isEqualTo(1);
        assertThat(memory.read(file)).isEqualTo(new SessionMemory.Restored(state(9)));
    }

    @Test
    void aChangeForAnotherFolderWritesThePreviousFolderFirst() throws Exception {
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        ClockedTaskRunner tasks = new ClockedTaskRunner();
        try (SessionAutosave autosave = new SessionAutosave(tasks, memory, SessionAutosave.DELAY, m -> { })) {
            autosave.changed(a, tmp.resolve("a"), state(1));
            autosave.changed(b, tmp.resolve("b"), state(2));
            assertThat(memory.read(a)).isEqualTo(new SessionMemory.Restored(state(1)));
            assertThat(b).doesNotExist();
            tasks.pass();
        }
        assertThat(memory.read(b)).isEqualTo(new SessionMemory.Restored(state(2)));
    }

    @Test
    void aWriteThatFailsIsReportedWithTheFile() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Path file = blocker.resolve("f.json");
        List<String> failures = new ArrayList<>();
        SessionAutosave autosave = new SessionAutosave(new ImmediateTaskRunner(), memory, SessionAutosave.DELAY, failures::add);
        autosave.changed(file, tmp, state(3));
        assertThat(failures).singleElement().asString().startsWith("Cannot save the session to " + file);
    }

    @Test
    void aFileOriginAndABaselineAreReadBackAsWritten() throws Exception {
        PipelineConfig gopher = Presets.require(Presets.GOPHER);
        SessionMemory.State s = new SessionMemory.State(state(5).pipeline(),
                PipelineOrigin.file(tmp.resolve("mine.yaml"), gopher), new PinnedBaseline(gopher, "the preset gopher"),
                null, Map.of());
        Path file = tmp.resolve("s.json");
        memory.write(file, tmp, s);
        assertThat(memory.read(file)).isEqualTo(new SessionMemory.Restored(s));
        assertThat(Files.readString(file)).contains("\"format\" : 1").contains("\"modified\" : true");
    }

    @Test
    void aMissingFileIsNoSessionAndADamagedOneIsSetAside() throws Exception {
        assertThat(memory.read(tmp.resolve("none.json"))).isInstanceOf(SessionMemory.Missing.class);
        Path file = Files.writeString(tmp.resolve("bad.json"), "{\"format\": 1, \"pipeline\": {\"schema_version\": 1, "
                + "\"steps\": [{\"type\": \"gopher_quality\", \"params\": {\"min_doc_words\": -4}}]}, \"origin\": {\"preset\": \"x\"}}");
        SessionMemory.Loaded loaded = memory.read(file);
        assertThat(loaded).isInstanceOfSatisfying(SessionMemory.Damaged.class, d -> {
            assertThat(d.problem()).startsWith("pipeline: steps[0].params.min_doc_words");
            assertThat(d.keptAs()).isEqualTo(tmp.resolve("bad.json.damaged")).exists();
            assertThat(d.message()).contains(file.toString()).contains("kept as bad.json.damaged").contains("default pipeline");
        });
        assertThat(file).doesNotExist();
    }
}
