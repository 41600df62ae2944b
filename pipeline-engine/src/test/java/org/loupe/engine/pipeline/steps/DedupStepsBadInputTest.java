package org.loupe.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.Measurer;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.task.TaskContext;

/** The dedup steps on awkward input: empty and too-short texts, missing URLs, repeated ids, a single document. */
class DedupStepsBadInputTest {
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());
    private static final StepResources RESOURCES = new StepResources(EnglishTokenizer.shared(), () -> null);
    private static final String LONG = "the quick brown fox jumps over the lazy dog near the river bank today";

    private static Decisions decide(List<String> texts, List<String> urls, List<String> ids, StepConfig step) {
        int n = texts.size();
        MetricTable t = new MetricTable(n);
        new Measurer(2, RESOURCES::words).measureDocuments(n, row -> new Measurer.Input(texts.get(row), urls.get(row), null),
                List.of(new Measurer.Step(step.stepName(), RESOURCES.create(CATALOG.type(step.type()).orElseThrow(), step))),
                true, t, null, TaskContext.NONE);
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = RowKeys.hashId(ids.get(i));
        }
        return Decisions.decide(PipelineConfig.of("t", List.of(step)), CATALOG, t, new RowKeys(hashes, new String[n], new long[n]));
    }

    @Test
    void emptyAndTooShortTextsHaveNoSignatureAndAreNeverDuplicatesWhileRepeatedIdsAndTextsAre() {
        List<String> texts = List.of("", "four words only here", "", "four words only here", LONG, LONG);
        List<String> nulls = new ArrayList<>();
        texts.forEach(x -> nulls.add(null));
        Decisions d = decide(texts, nulls, List.of("a", "a", "b", "b", "c", "c"), StepConfig.of(MinHashDedupStep.NAME));
        assertThat(List.of(d.kept(0), d.kept(1), d.kept(2), d.kept(3), d.kept(4), d.kept(5)))
                .containsExactly(true, true, true, true, true, false);
        assertThat(d.duplicates(0).orElseThrow().groupCount()).isEqualTo(1);
        assertThat(d.reason(5)).isEqualTo("minhash_duplicate");
    }

    @Test
    void documentsWithoutAUrlAreInNoUrlGroupAndEmptyTextsAreExactCopiesOfEachOther() {
        List<String> texts = List.of("", "", "x", "x");
        List<String> urls = new ArrayList<>(java.util.Arrays.asList(null, null, "https://a.org/p", "https://a.org/p"));
        Decisions byUrl = decide(texts, urls, List.of("1", "2", "3", "4"), StepConfig.of(ExactDedupStep.URL));
        assertThat(List.of(byUrl.kept(0), byUrl.kept(1), byUrl.kept(2), byUrl.kept(3))).containsExactly(true, true, true, false);
        Decisions byText = decide(texts, urls, List.of("1", "2", "3", "4"), StepConfig.of(ExactDedupStep.EXACT));
        assertThat(List.of(byText.kept(0), byText.kept(1), byText.kept(2), byText.kept(3))).containsExactly(true, false, true, false);
    }

    @Test
    void aSingleDocumentAndAnEmptySampleAreDecidedWithoutGroups() {
        for (String type : List.of(MinHashDedupStep.NAME, ExactDedupStep.URL, ExactDedupStep.EXACT)) {
            Decisions one = decide(List.of(LONG), java.util.Collections.singletonList("https://a.org"), List.of("x"), StepConfig.of(type));
            assertThat(one.kept(0)).as(type).isTrue();
            assertThat(one.duplicates(0).orElseThrow().groupCount()).isZero();
            Decisions none = decide(List.of(), List.of(), List.of(), StepConfig.of(type));
            assertThat(none.rows()).isZero();
        }
    }
}
