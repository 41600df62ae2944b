package org.loupe.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.TestFolders;
import org.loupe.app.context.AppContext;
import org.loupe.app.shell.MainViewModel;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.pipeline.steps.GopherQualityStep;
import org.loupe.engine.pipeline.steps.UrlStep;
import org.loupe.engine.workspace.Labels;

/** The shared session without a window: what every view reads, and how edits reach it. */
class SampleSessionTest {
    @TempDir
    Path tmp;

    private MainViewModel opened() throws Exception {
        MainViewModel main = new MainViewModel(AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner()));
        main.openFolder(TestFolders.shards(tmp.resolve("data"), 60));
        return main;
    }

    @Test
    void everyViewSeesTheSameSampleAndDecisions() throws Exception {
        MainViewModel main = opened();
        SampleSession session = main.session();
        assertThat(session.sample()).isSameAs(main.sampleProperty().get());
        assertThat(session.decisions()).isNotNull().isSameAs(main.tune().decisionsProperty().get());
        assertThat(session.snapshot().decisions()).isSameAs(session.decisions());
        assertThat(session.snapshot().config()).isEqualTo(session.enabledConfig());
    }

    @Test
    void aCheckedEditDecidesAgainAndARejectedOneChangesNothing() throws Exception {
        SampleSession session = opened().session();
        List<Decisions> seen = new ArrayList<>();
        session.decisionsProperty().addListener((o, a, d) -> seen.add(d));
        PipelineConfig before = session.config();
        int gopher = before.indexOf(GopherQualityStep.NAME);

        PipelineConfig bad = before.withStep(gopher, before.steps().get(gopher).withParam(GopherQualityStep.MIN_DOC_WORDS, -5));
        assertThat(session.edit(bad, false)).isFalse();
        assertThat(session.errorProperty().get()).contains("min_doc_words").contains("out of range");
        assertThat(session.config()).isEqualTo(before);
        assertThat(seen).isEmpty();

        PipelineConfig good = before.withStep(gopher, before.steps().get(gopher).withParam(GopherQualityStep.MIN_DOC_WORDS, 3.6));
        assertThat(session.edit(good, false)).isTrue();
        assertThat(session.errorProperty().get()).isEmpty();
        assertThat(session.config().steps().get(gopher).params()).containsEntry("min_doc_words", 4L);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).isSameAs(session.decisions());
    }

    @Test
    void labelsGivenAnywhereAreTheSessionsAndTheInspectorOpensTheRow() throws Exception {
        SampleSession session = opened().session();
        int before = session.labels().versionProperty().get();
        session.labels().label(2, Labels.Label.BAD);
        assertThat(session.labels().of(2)).isEqualTo(Labels.Label.BAD);
        assertThat(session.labels().countProperty().get()).isEqualTo(1);
        assertThat(session.labels().versionProperty().get()).isEqualTo(before + 1);

        session.open(2);
        assertThat(session.inspector().rowProperty().get()).isEqualTo(2);
    }

    @Test
    void theInspectorStrikesTheSentencesSentenceDedupCuts() throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createDirectories(tmp.resolve("shared"));
        String block = "The harbour was quiet that morning. Gulls circled over the boats. A fisherman mended his nets.";
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            StringBuilder own = new StringBuilder();
            for (int j = 0; j < 6; j++) {
                // simplify_text maps digits to 0: letters tell the documents and sentences apart
                own.append("Document ").append((char) ('a' + i)).append((char) ('a' + j))
                        .append(" talks about its own topic at some length with many words. ");
            }
            jsonl.append("{\"id\":\"d").append(i).append("\",\"text\":\"").append(own).append(block).append(" ")
                    .append(own.toString().replace("Document", "Page")).append("\"}\n");
        }
        java.nio.file.Files.writeString(data.resolve("a.jsonl"), jsonl);
        MainViewModel main = new MainViewModel(AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner()));
        main.openFolder(data);
        SampleSession session = main.session();
        assertThat(session.edit(PipelineConfig.of("p", List.of(StepConfig.of("sentence_dedup"))), true)).isTrue();
        Decisions d = session.decisions();
        int cutRows = 0;
        for (int row = 0; row < session.sample().size(); row++) {
            var cut = d.decidedText(0, row).orElseThrow();
            org.loupe.app.document.Annotation a = session.annotate(row, session.sample().document(row));
            if (cut.annotated() == null) {
                assertThat(a.lines()).isEmpty();
                continue;
            }
            cutRows++;
            assertThat(a.lineStep()).isEqualTo("sentence_dedup");
            assertThat(a.lines()).filteredOn(org.loupe.app.document.Annotation.LineRow::removed)
                    .extracting(org.loupe.app.document.Annotation.LineRow::text)
                    .containsExactly(" The harbour was quiet that morning.", " Gulls circled over the boats.",
                            " A fisherman mended his nets.", " ");
            // the three sentences of the shared window, and the space after the last sentence, which the cut loses
            assertThat(a.lines()).filteredOn(org.loupe.app.document.Annotation.LineRow::removed)
                    .extracting(org.loupe.app.document.Annotation.LineRow::rule)
                    .allMatch(r -> r.startsWith("duplicate: window ") || r.startsWith("after the last sentence"));
        }
        assertThat(cutRows).isEqualTo(session.sample().size() - 1);
    }

    @Test
    void blockingADomainAddsAUrlStepOnceAndSwitchesItOn() {
        PipelineConfig c = PipelineConfig.of("p", List.of(StepConfig.of(GopherQualityStep.NAME)));
        PipelineConfig blocked = PipelineEdits.blockDomain(c, "spam.example").orElseThrow();
        assertThat(blocked.steps().get(0).type()).isEqualTo(UrlStep.NAME);
        assertThat(blocked.steps().get(0).params()).containsEntry("extra_domains", List.of("spam.example"));
        assertThat(PipelineEdits.blockDomain(blocked, "spam.example")).isEmpty();

        PipelineConfig off = blocked.withStep(0, blocked.steps().get(0).withEnabled(false));
        PipelineConfig again = PipelineEdits.blockDomain(off, "spam.example").orElseThrow();
        assertThat(again.steps().get(0).enabled()).isTrue();
        PipelineConfig two = PipelineEdits.blockDomain(again, "other.example").orElseThrow();
        assertThat(two.steps().get(0).params()).containsEntry("extra_domains", List.of("spam.example", "other.example"));
        assertThat(two.steps()).hasSize(2);
    }

    @Test
    void droppingATopicAddsOneTopicStepPerMapAndExtendsItsDropList() {
        PipelineConfig c = PipelineConfig.of("p", List.of(StepConfig.of(GopherQualityStep.NAME)));
        PipelineEdits.Edit first = PipelineEdits.dropTopic(c, "AAAA", List.of("food", "sport"), "food").orElseThrow();
        assertThat(first.remeasure()).isTrue();
        assertThat(first.config().steps()).hasSize(2);
        PipelineEdits.Edit second = PipelineEdits.dropTopic(first.config(), "AAAA", List.of("food", "sport"), "sport")
                .orElseThrow();
        assertThat(second.remeasure()).isFalse();
        assertThat(second.config().steps().get(1).params()).containsEntry("drop", List.of("food", "sport"));
        assertThat(PipelineEdits.dropTopic(second.config(), "AAAA", List.of("food", "sport"), "sport")).isEmpty();
        assertThat(BuiltinSteps.catalog(Set.of()).type("topic")).isPresent();
    }
}
