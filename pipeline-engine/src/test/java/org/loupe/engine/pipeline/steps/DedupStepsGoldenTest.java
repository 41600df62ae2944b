package org.loupe.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.loupe.engine.measure.dedup.MinHashClusters;
import org.loupe.engine.measure.dedup.MinHasher;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.testing.Golden;

/**
 * The dedup steps, through the production path (measure → metric table → decisions over the kept rows),
 * decide as the real datatrove dedup stages did on the golden dedup input, and stay equal to a from-scratch
 * dedup of whatever an earlier filter keeps.
 */
class DedupStepsGoldenTest {
    private static final List<JsonNode> INPUT = Golden.read("dedup/dedup_in.jsonl.gz");
    private static final List<JsonNode> REF = Golden.read("dedup/dedup_ref.jsonl.gz");
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());
    private static final StepResources RESOURCES = new StepResources(EnglishTokenizer.shared(), () -> null);

    private static final StepConfig MINHASH = StepConfig.of(MinHashDedupStep.NAME);
    private static final StepConfig MINHASH_SHA1 = new StepConfig(MinHashDedupStep.NAME, "minhash_sha1", true, 0,
            Map.of("hash_fc", "sha1"), List.of());
    private static final StepConfig URL = StepConfig.of(ExactDedupStep.URL);
    private static final StepConfig EXACT = new StepConfig(ExactDedupStep.EXACT, "exact_raw", true, 0,
            Map.of("normalize", false), List.of());
    private static final StepConfig GOPHER = StepConfig.of(GopherQualityStep.NAME);
    private static MetricTable table;
    private static RowKeys keys;

    /** Measured on first use, not in the class initializer: the measuring threads run this class's lambdas. */
    private static synchronized MetricTable table() {
        if (table == null) {
            table = measure(List.of(MINHASH, MINHASH_SHA1, URL, EXACT, GOPHER));
            keys = keys();
        }
        return table;
    }

    private static MetricTable measure(List<StepConfig> steps) {
        MetricTable t = new MetricTable(INPUT.size());
        List<Measurer.Step> run = new ArrayList<>();
        for (StepConfig s : steps) {
            run.add(new Measurer.Step(s.stepName(), RESOURCES.create(CATALOG.type(s.type()).orElseThrow(), s)));
        }
        new Measurer(2, RESOURCES::words).measureDocuments(INPUT.size(), row -> {
            JsonNode d = INPUT.get(row);
            JsonNode url = d.get("url");
            return new Measurer.Input(d.get("text").asText(), url == null || url.isNull() ? null : url.asText(), null);
        }, run, true, t, null, TaskContext.NONE);
        return t;
    }

    private static RowKeys keys() {
        int n = INPUT.size();
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = RowKeys.hashId(INPUT.get(i).get("id").asText());
        }
        return new RowKeys(ids, new String[n], new long[n]);
    }

    private static Decisions decide(StepConfig... steps) {
        MetricTable t = table();
        return Decisions.decide(PipelineConfig.of("t", List.of(steps)), CATALOG, t, keys);
    }

    @Test
    void minHashStepKeepsAndClustersExactlyAsDatatroveWithBothHashes() {
        check(decide(MINHASH), "minhash", true);
        check(decide(MINHASH_SHA1), "minhash_sha1", true);
    }

    @Test
    void urlAndExactStepsKeepExactlyAsDatatrove() {
        check(decide(URL), "url", false);
        check(decide(EXACT), "exact", false);
    }

    private static void check(Decisions d, String key, boolean clusters) {
        DuplicateGroups g = d.duplicates(0).orElseThrow();
        List<String> mismatches = new ArrayList<>();
        for (int row = 0; row < INPUT.size(); row++) {
            JsonNode ref = REF.get(row).get(key);
            boolean keep = ref.get("keep").asBoolean();
            if (d.kept(row) != keep || g.removed(row) == keep) {
                mismatches.add(row + ": kept " + d.kept(row) + " vs " + ref);
            }
            if (clusters && (g.group(row) != ref.get("cluster_id").asInt() || g.groupSize(row) != ref.get("cluster_size").asInt())) {
                mismatches.add(row + ": group " + g.group(row) + "/" + g.groupSize(row) + " vs " + ref);
            }
            if (!clusters && keep && ref.has("duplicate_count")) {
                int copies = g.group(row) < 0 ? 0 : g.groupSize(row) - 1;
                if (copies != ref.get("duplicate_count").asInt()) {
                    mismatches.add(row + ": copies " + copies + " vs " + ref);
                }
            }
        }
        assertThat(mismatches).as(key).isEmpty();
        assertThat(d.counts().get(0).reasons()).containsOnlyKeys(d.stepType(0).reasons().get(0));
    }

    /** Live: the MinHash step after a filter equals datatrove's clustering of exactly what the filter kept. */
    @Property(tries = 25)
    void minHashAfterAFilterEqualsClusteringWhatTheFilterKept(@ForAll @IntRange(min = 0, max = 400) int minWords) {
        StepConfig gopher = GOPHER.withParam(GopherQualityStep.MIN_DOC_WORDS, (long) minWords);
        Decisions d = decide(gopher, MINHASH);
        boolean[] included = new boolean[INPUT.size()];
        for (int row = 0; row < included.length; row++) {
            included[row] = !d.fails(0, row);
        }
        List<MinHashClusters.Outcome> expected = MinHashClusters.cluster(signatures(), included);
        for (int row = 0; row < included.length; row++) {
            MinHashClusters.Outcome o = expected.get(row);
            assertThat(d.kept(row)).as("row %d", row).isEqualTo(included[row] && o.keep());
            assertThat(d.duplicates(1).orElseThrow().group(row)).isEqualTo(o.included() ? o.clusterId() : -1);
        }
    }


    private static List<long[]> signatures;

    private static synchronized List<long[]> signatures() {
        if (signatures == null) {
            signatures = new MinHasher(MinHasher.HashFunction.XXHASH).signatures(
                    INPUT.stream().map(n -> n.get("text").asText()).toList(), 2);
        }
        return signatures;
    }

    @Test
    void theExplanationOfARemovedCopyNamesItsGroupAndSurvivor() {
        PipelineConfig config = PipelineConfig.of("t", List.of(MINHASH));
        Decisions d = decide(MINHASH);
        DuplicateGroups g = d.duplicates(0).orElseThrow();
        int removed = 0;
        while (!g.removed(removed)) {
            removed++;
        }
        org.loupe.engine.decision.RowExplanation ex = org.loupe.engine.decision.RowExplanation.of(d, table(), config,
                CATALOG, removed, null);
        org.loupe.engine.decision.RowExplanation.Duplicate dup = ex.steps().get(0).duplicate();
        assertThat(dup.group()).isEqualTo(g.group(removed));
        assertThat(dup.size()).isEqualTo(g.groupSize(removed)).isGreaterThan(1);
        assertThat(dup.survivor()).isNotEqualTo(removed).isEqualTo(g.survivor(g.group(removed)));
        assertThat(d.kept(dup.survivor())).isTrue();
        assertThat(ex.reason()).isEqualTo("minhash_duplicate");
        assertThat(ex.steps().get(0).otherMetrics()).extracting(v -> v.metric()).containsExactly("n_shingles");
    }

    @Test
    void signatureColumnsAreInternalAndTheShingleCountIsAMetric() {
        assertThat(table().names()).contains("minhash_dedup.n_shingles").noneMatch(n -> n.contains("._h"));
        assertThat(table().allNames()).contains("minhash_dedup._h0", "minhash_dedup._h111");
    }
}
