package org.loupe.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.filter.DuplicateGroups;
import org.loupe.engine.measure.Measurer;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.dedup.SentenceDedup;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.testing.Golden;

/**
 * The sentence dedup step through the production path (measure → metric table with list columns → decisions
 * over the kept rows) keeps and cuts exactly as datatrove's sentence dedup stages did on the golden dedup
 * input, and stays equal to a from-scratch {@link SentenceDedup} of whatever an earlier filter keeps.
 */
class SentenceDedupStepTest {
    private static final List<JsonNode> INPUT = Golden.read("dedup/dedup_in.jsonl.gz");
    private static final List<JsonNode> REF = Golden.read("dedup/dedup_ref.jsonl.gz");
    private static final List<String> TEXTS = INPUT.stream().map(n -> n.get("text").asText()).toList();
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());
    private static final StepResources RESOURCES = new StepResources(EnglishTokenizer.shared(), () -> null);
    private static final StepConfig SENTENCE = StepConfig.of(SentenceDedupStep.NAME);
    private static final StepConfig GOPHER = StepConfig.of(GopherQualityStep.NAME);
    private static MetricTable table;
    private static RowKeys keys;

    private static synchronized MetricTable table() {
        if (table == null) {
            table = measure(TEXTS, List.of(SENTENCE, GOPHER));
            keys = keys(INPUT.size());
        }
        return table;
    }

    /** Measures independently (every step on the original text) and attaches the texts, as explain does. */
    static MetricTable measure(List<String> texts, List<StepConfig> steps) {
        MetricTable t = new MetricTable(texts.size());
        List<Measurer.Step> run = new ArrayList<>();
        for (StepConfig s : steps) {
            run.add(new Measurer.Step(s.stepName(), RESOURCES.create(CATALOG.type(s.type()).orElseThrow(), s)));
            t.attachTexts(s.stepName(), texts::get);
        }
        new Measurer(2, RESOURCES::words).measure(texts.size(), texts::get, run, true, t, TaskContext.NONE);
        return t;
    }

    static RowKeys keys(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = RowKeys.hashId("d" + i);
        }
        return new RowKeys(ids, new String[n], new long[n]);
    }

    private static Decisions decide(StepConfig... steps) {
        MetricTable t = table();
        return Decisions.decide(PipelineConfig.of("t", List.of(steps)), CATALOG, t, keys);
    }

    @Test
    void keepsAndCutsEveryGoldenDocumentExactlyAsDatatrove() {
        Decisions d = decide(SENTENCE);
        List<String> mismatches = new ArrayList<>();
        int kept = 0;
        int shortened = 0;
        for (int row = 0; row < INPUT.size(); row++) {
            JsonNode ref = REF.get(row).get("sentence");
            String expected = ref.get("text_after").isNull() ? null : ref.get("text_after").asText();
            StepType.DecidedText cut = d.decidedText(0, row).orElseThrow();
            if (d.kept(row) != ref.get("keep").asBoolean() || !Objects.equals(cut.textAfter(), expected)
                    || (cut.annotated() == null) != ref.get("dup_windows").isEmpty()) {
                mismatches.add(row + ": kept " + d.kept(row) + " vs " + ref.get("keep")
                        + (Objects.equals(cut.textAfter(), expected) ? "" : " (text differs)"));
            }
            if (!d.kept(row)) {
                assertThat(d.reason(row)).isEqualTo(SentenceDedupStep.REASON);
            }
            kept += d.kept(row) ? 1 : 0;
            shortened += cut.textAfter() != null && !cut.textAfter().equals(TEXTS.get(row)) ? 1 : 0;
        }
        assertThat(mismatches).isEmpty();
        assertThat(kept).isEqualTo(1610);
        assertThat(shortened).isEqualTo(289);
    }

    @Test
    void groupsLinkEachCutDocumentToTheFirstOccurrenceAndTheFirstRowSurvives() {
        Decisions d = decide(SENTENCE);
        DuplicateGroups g = d.duplicates(0).orElseThrow();
        int withDups = 0;
        int copiesDropped = 0;
        int ownDropped = 0;
        int selfOnly = 0;
        for (int row = 0; row < INPUT.size(); row++) {
            boolean hasDups = !REF.get(row).get("sentence").get("dup_windows").isEmpty();
            withDups += hasDups ? 1 : 0;
            if (hasDups && g.group(row) >= 0) {
                assertThat(g.survivor(g.group(row))).as("row %d", row).isLessThanOrEqualTo(row);
            } else if (hasDups) {
                selfOnly++;
            }
            if (g.removed(row)) {
                assertThat(d.kept(row)).isFalse();
            }
            copiesDropped += !d.kept(row) && g.removed(row) ? 1 : 0;
            ownDropped += !d.kept(row) && !g.removed(row) ? 1 : 0;
        }
        assertThat(withDups).isEqualTo(426);
        for (int group = 0; group < g.groupCount(); group++) {
            int[] members = g.members(group);
            assertThat(g.survivor(group)).isEqualTo(members[0]);
            assertThat(g.removed(members[0])).isFalse();
        }
        // the drops not counted as copies lost only windows they repeat themselves
        assertThat(copiesDropped + ownDropped).isEqualTo(137);
        assertThat(g.removedCount()).isEqualTo(copiesDropped);
        assertThat(selfOnly).isLessThan(20);
        System.out.printf("sentence_dedup golden: %d groups, %d copies dropped, %d dropped over own repeats, %d cut only"
                + " over own repeats%n", g.groupCount(), copiesDropped, ownDropped, selfOnly);
    }

    @Test
    void piecesMarkTheCutSentencesOfTheInputText() {
        Decisions d = decide(SENTENCE);
        int checked = 0;
        for (int row = 0; row < INPUT.size() && checked < 40; row++) {
            StepType.DecidedText cut = d.decidedText(0, row).orElseThrow();
            if (cut.annotated() == null || cut.textAfter() == null) {
                continue;
            }
            checked++;
            // the kept pieces, joined and lstripped, are the text after; the removed ones say which window
            StringBuilder kept = new StringBuilder();
            for (StepType.LineOutcome piece : cut.pieces()) {
                if (!piece.removed()) {
                    kept.append(cut.input(), piece.start(), piece.end());
                } else {
                    assertThat(piece.rule()).matches("duplicate: window \\d+ first seen in row \\d+|after the last sentence.*");
                }
            }
            assertThat(org.loupe.engine.measure.text.PyText.lstrip(kept.toString())).isEqualTo(cut.textAfter());
            assertThat(cut.annotated()).contains(">>>").contains("<<<");
        }
        assertThat(checked).isEqualTo(40);
    }

    /** Live: after a filter, the step equals datatrove's sentence dedup of exactly what the filter kept. */
    @Property(tries = 6)
    void afterAFilterEqualsSentenceDedupOfWhatTheFilterKept(@ForAll @IntRange(min = 0, max = 400) int minWords) {
        StepConfig gopher = GOPHER.withParam(GopherQualityStep.MIN_DOC_WORDS, (long) minWords);
        Decisions d = decide(gopher, SENTENCE);
        boolean[] included = new boolean[INPUT.size()];
        for (int row = 0; row < included.length; row++) {
            included[row] = !d.fails(0, row);
        }
        List<SentenceDedup.Outcome> expected = new SentenceDedup().dedup(TEXTS, included, 2);
        for (int row = 0; row < included.length; row++) {
            SentenceDedup.Outcome o = expected.get(row);
            assertThat(d.kept(row)).as("row %d", row).isEqualTo(included[row] && o.keep());
            if (included[row]) {
                assertThat(d.decidedText(1, row).orElseThrow().textAfter()).as("row %d", row).isEqualTo(o.textAfter());
            } else {
                assertThat(d.decidedText(1, row)).isEmpty();
            }
        }
    }

    /** The remainder rule's thresholds decide again from cached counts and agree with a fresh dedup. */
    @Property(tries = 5)
    void theRemainderThresholdsEqualTheReference(@ForAll @IntRange(min = 0, max = 200) int minDocWords,
                                                 @ForAll @IntRange(min = 0, max = 8) int minSentences) {
        StepConfig step = SENTENCE.withParam(SentenceDedupStep.MIN_DOC_WORDS, (long) minDocWords)
                .withParam(SentenceDedupStep.MIN_NUM_SENTENCES, (long) minSentences);
        Decisions d = decide(step);
        SentenceDedup reference = new SentenceDedup(EnglishTokenizer.shared(),
                new SentenceDedup.Config(3, true, minDocWords, minSentences, 0));
        List<SentenceDedup.Outcome> expected = reference.dedup(TEXTS, all(TEXTS.size()), 2);
        for (int row = 0; row < TEXTS.size(); row++) {
            assertThat(d.kept(row)).as("row %d", row).isEqualTo(expected.get(row).keep());
        }
    }

    @Test
    void minWordsToRemoveSpanGivesShortFirstSentencesBack() {
        StepConfig step = SENTENCE.withParam(SentenceDedupStep.MIN_WORDS_TO_REMOVE_SPAN, 12L);
        Decisions d = decide(step);
        SentenceDedup reference = new SentenceDedup(EnglishTokenizer.shared(), new SentenceDedup.Config(3, true, 50, 3, 12));
        List<SentenceDedup.Outcome> expected = reference.dedup(TEXTS, all(TEXTS.size()), 2);
        int restored = 0;
        for (int row = 0; row < TEXTS.size(); row++) {
            assertThat(d.kept(row)).as("row %d", row).isEqualTo(expected.get(row).keep());
            StepType.DecidedText cut = d.decidedText(0, row).orElseThrow();
            assertThat(cut.textAfter()).isEqualTo(expected.get(row).textAfter());
            restored += cut.pieces().stream().anyMatch(p -> p.rule().startsWith("kept: fewer than")) ? 1 : 0;
        }
        assertThat(restored).isPositive();
    }

    @Test
    void aDragUpstreamReusesTheStepWhenTheKeptRowsAreTheSameAndIsCheapOtherwise() {
        StepConfig gopher = GOPHER.withParam(GopherQualityStep.MIN_DOC_WORDS, 50L);
        PipelineConfig config = PipelineConfig.of("t", List.of(gopher, SENTENCE));
        // cold: a fresh step instance has nothing prepared (sorted runs) nor cached (cut counts)
        StepCatalog fresh = StepCatalog.of(List.of(new GopherQualityStep(), new SentenceDedupStep()), Set.of());
        long c0 = System.nanoTime();
        Decisions cold = Decisions.decide(config, fresh, table(), keys);
        long coldNanos = System.nanoTime() - c0;
        Decisions first = Decisions.decide(config, CATALOG, table(), keys);
        for (int row = 0; row < TEXTS.size(); row++) {
            assertThat(cold.kept(row)).isEqualTo(first.kept(row));
        }
        System.out.printf("sentence_dedup first decide (sort runs, cut and count every cut document): %.0f ms%n", coldNanos / 1e6);
        Decisions again = Decisions.decide(config.withSteps(List.of(gopher.withParam(GopherQualityStep.MAX_DOC_WORDS, 100_001L),
                SENTENCE)), CATALOG, table(), keys, first);
        for (int row = 0; row < TEXTS.size(); row++) {
            assertThat(again.kept(row)).isEqualTo(first.kept(row));
        }
        // every drag of min_doc_words from 50 to 70 (new kept rows: some cuts counted for the first time) and
        // back (kept rows seen before: every cut's counts cached)
        Decisions previous = again;
        long[][] times = new long[2][20];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 20; i++) {
                int w = round == 0 ? 51 + i : 69 - i;
                PipelineConfig moved = PipelineConfig.of("t", List.of(GOPHER.withParam(GopherQualityStep.MIN_DOC_WORDS, (long) w), SENTENCE));
                long t0 = System.nanoTime();
                previous = Decisions.decide(moved, CATALOG, table(), keys, previous);
                times[round][i] = System.nanoTime() - t0;
            }
            java.util.Arrays.sort(times[round]);
        }
        long worst = times[1][19];
        System.out.printf("sentence_dedup re-decide after an upstream min_doc_words change (%d docs): new kept rows median"
                        + " %.2f ms, max %.2f ms; kept rows seen before median %.2f ms, max %.2f ms%n", TEXTS.size(),
                times[0][10] / 1e6, times[0][19] / 1e6, times[1][10] / 1e6, times[1][19] / 1e6);
        assertThat(worst).isLessThan(2_000_000_000L);
    }

    @Test
    void badInputEmptyOneSentenceAndIdenticalDocuments() {
        String sentences = "The river rose quickly after the storm. Farmers moved their cattle to the hills. "
                + "Schools closed for the rest of the week. The mayor asked for patience. Volunteers filled sandbags all night.";
        String longer = sentences + " " + "Everyone agreed that the town had never seen anything like it before. ".repeat(8);
        List<String> texts = List.of("", "Just one sentence here.", longer, longer, "  ", sentences, "Just one sentence here.");
        MetricTable t = measure(texts, List.of(SENTENCE));
        Decisions d = Decisions.decide(PipelineConfig.of("t", List.of(SENTENCE)), CATALOG, t, keys(texts.size()));
        // the empty text is dropped (datatrove keeps no empty document), in no group; a blank one is kept as it is
        assertThat(d.kept(0)).isFalse();
        assertThat(d.reason(0)).isEqualTo(SentenceDedupStep.REASON);
        assertThat(d.duplicates(0).orElseThrow().group(0)).isEqualTo(-1);
        assertThat(d.kept(4)).isTrue();
        assertThat(d.decidedText(0, 4).orElseThrow().textAfter()).isEqualTo("  ");
        // one-sentence documents have no windows: never cut, even when identical
        assertThat(d.kept(1)).isTrue();
        assertThat(d.kept(6)).isTrue();
        assertThat(t.column("sentence_dedup.n_windows")[1]).isZero();
        // the second identical document loses everything and is dropped; the first survives its group
        assertThat(d.kept(2)).isTrue();
        assertThat(d.kept(3)).isFalse();
        assertThat(d.decidedText(0, 3).orElseThrow().pieces()).allMatch(StepType.LineOutcome::removed);
        // a document made of windows seen before loses them, and keeps too few words
        assertThat(d.kept(5)).isFalse();
        DuplicateGroups g = d.duplicates(0).orElseThrow();
        assertThat(g.group(3)).isEqualTo(g.group(2)).isEqualTo(g.group(5));
        assertThat(g.survivor(g.group(2))).isEqualTo(2);
        List<SentenceDedup.Outcome> expected = new SentenceDedup().dedup(texts);
        for (int row = 0; row < texts.size(); row++) {
            assertThat(d.kept(row)).isEqualTo(expected.get(row).keep());
        }
    }

    @Test
    void withoutATextSourceTheStepSaysWhatIsMissing() {
        String text = "Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa lambda mu. Nu xi omicron pi.";
        MetricTable t = measure(List.of(text, text), List.of(SENTENCE));
        MetricTable bare = new MetricTable(2);
        for (String c : t.allNames()) {
            bare.put(c, t.column(c));
        }
        for (String l : t.listNames()) {
            bare.putLists(l, t.lists(l));
        }
        assertThatThrownBy(() -> Decisions.decide(PipelineConfig.of("t", List.of(SENTENCE)), CATALOG, bare, keys(2)))
                .hasMessageContaining("sentence_dedup").hasMessageContaining("no text source");
        MetricTable unmeasured = new MetricTable(2);
        assertThatThrownBy(() -> Decisions.decide(PipelineConfig.of("t", List.of(SENTENCE)), CATALOG, unmeasured, keys(2)))
                .hasMessageContaining("sentence_dedup.n_windows");
    }

    @Test
    void splitOnLinesCutsLinesAndJoinsWithNewlines() {
        String a = "first line here\nsecond line here\nthird line here\nfourth line";
        String b = "intro\nfirst line here\nsecond line here\nthird line here\noutro words";
        StepConfig lines = SENTENCE.withParam(SentenceDedupStep.SPLIT_SENTENCES, false)
                .withParam(SentenceDedupStep.MIN_DOC_WORDS, 0L).withParam(SentenceDedupStep.MIN_NUM_SENTENCES, 0L);
        MetricTable t = measure(List.of(a, b), List.of(lines));
        Decisions d = Decisions.decide(PipelineConfig.of("t", List.of(lines)), CATALOG, t, keys(2));
        StepType.DecidedText cut = d.decidedText(0, 1).orElseThrow();
        assertThat(cut.textAfter()).isEqualTo("intro\noutro words");
        assertThat(cut.annotated()).isEqualTo("intro\n>>>\nfirst line here\nsecond line here\nthird line here\n<<<\noutro words");
        assertThat(d.decidedText(0, 0).orElseThrow().textAfter()).isEqualTo(a);
    }

    @Test
    void listColumnsSurviveWritingAndReadingTheTable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        MetricTable t = measure(TEXTS.subList(0, 50), List.of(SENTENCE));
        java.nio.file.Path f = dir.resolve("t.bin");
        t.write(f);
        MetricTable back = MetricTable.read(f);
        assertThat(back).isEqualTo(t);
        assertThat(back.listNames()).containsExactly("sentence_dedup._wi", "sentence_dedup._wh");
        assertThat(back.names()).containsExactly("sentence_dedup.n_windows");
    }

    private static boolean[] all(int n) {
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        return all;
    }

    @Test
    void exportsTheReferenceConfig() {
        StepType.DatatroveCall call = BuiltinSteps.SENTENCE_DEDUP.datatrove(
                SENTENCE.withParam(SentenceDedupStep.MIN_DOC_WORDS, 20L)).orElseThrow();
        assertThat(call.cls()).isEqualTo("SentDedupConfig");
        assertThat(call.args()).isEqualTo(Map.of("min_doc_words", 20L));
    }
}
