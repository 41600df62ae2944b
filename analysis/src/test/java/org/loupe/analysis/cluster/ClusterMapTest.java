package org.loupe.analysis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.task.TaskContext;

class ClusterMapTest {
    private static final String[] TOPICS = {"football match goal team season league", "recipe flour butter sugar oven bake",
        "court judge lawyer trial verdict appeal", "galaxy planet telescope orbit star astronomy"};

    /** n unit vectors in g tight groups (group of row i = i % g), in 48 dimensions. */
    static float[][] vectors(int n, int g, long seed) {
        Random r = new Random(seed);
        float[][] v = new float[n][48];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 48; d++) {
                v[i][d] = (float) (r.nextGaussian() * 0.05 + (d % g == i % g ? 1 : 0));
            }
            org.loupe.analysis.embed.Vectors.normalize(v[i]);
        }
        return v;
    }

    private static String text(int row, int g) {
        return TOPICS[row % g] + " common words row " + row;
    }

    @Test
    void everyRowIsOnTheMapAndClustersNeverMixGroupsAndAreLabelledByTheirWords() {
        int n = 1200;
        ClusterMap map = ClusterMap.build(vectors(n, 4, 1), r -> text(r, 4), ClusterMap.Options.defaults(3), 2, TaskContext.NONE);
        assertThat(map.xy()).hasNumberOfRows(n);
        assertThat(map.mapped()).isEqualTo(n);
        // UMAP may split a group into a few dense islands; a cluster never mixes groups, every group has one
        assertThat(map.clusters().size()).isBetween(4, 8);
        Map<Integer, Integer> groupOfCluster = new HashMap<>();
        java.util.Set<Integer> groups = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            if (map.cluster()[i] < 0) {
                continue; // a straggler DBSCAN leaves unclustered
            }
            Integer g = groupOfCluster.putIfAbsent(map.cluster()[i], i % 4);
            assertThat(g == null || g == i % 4).as("row %d", i).isTrue();
            groups.add(i % 4);
        }
        assertThat(groups).hasSize(4);
        assertThat(map.noise().length).isLessThan(n / 10);
        for (ClusterMap.Cluster c : map.clusters()) {
            int group = c.rows()[0] % 4;
            assertThat(TOPICS[group]).contains(c.terms().get(0));
            assertThat(c.terms()).doesNotContain("common", "words", "row");
        }
    }

    @Test
    void aLargeSampleIsLaidOutOnASubsetAndEveryOtherRowPlacedNearItsGroup() {
        int n = 1500;
        ClusterMap.Options o = new ClusterMap.Options(600, UmapLayout.Options.defaults(5), Clustering.Options.defaults(5), 5);
        ClusterMap map = ClusterMap.build(vectors(n, 3, 2), r -> text(r, 3), o, 2, TaskContext.NONE);
        assertThat(map.mapped()).isEqualTo(600);
        assertThat(map.xy()).hasNumberOfRows(n);
        double[][] centre = new double[3][2];
        int[] count = new int[3];
        for (int i = 0; i < n; i++) {
            assertThat(map.xy()[i]).isNotNull();
            centre[i % 3][0] += map.xy()[i][0];
            centre[i % 3][1] += map.xy()[i][1];
            count[i % 3]++;
        }
        for (int i = 0; i < n; i++) {
            int own = i % 3;
            double d = Math.hypot(map.xy()[i][0] - centre[own][0] / count[own], map.xy()[i][1] - centre[own][1] / count[own]);
            for (int c = 0; c < 3; c++) {
                if (c != own) {
                    assertThat(d).isLessThan(Math.hypot(map.xy()[i][0] - centre[c][0] / count[c], map.xy()[i][1] - centre[c][1] / count[c]));
                }
            }
        }
        assertThat(ClusterMap.subset(n, 600, 5)).hasSize(600).isSorted().doesNotHaveDuplicates();
        assertThat(ClusterMap.subset(n, 600, 5)).containsExactly(ClusterMap.subset(n, 600, 5));
    }

    @Test
    void theSameSeedGivesTheSameMapAndClusters() {
        float[][] v = vectors(500, 3, 4);
        ClusterMap a = ClusterMap.build(v, r -> text(r, 3), ClusterMap.Options.defaults(9), 2, TaskContext.NONE);
        ClusterMap b = ClusterMap.build(v, r -> text(r, 3), ClusterMap.Options.defaults(9), 1, TaskContext.NONE);
        assertThat(b.xy()).isDeepEqualTo(a.xy());
        assertThat(b.cluster()).containsExactly(a.cluster());
        Clustering.Options km = new Clustering.Options(Clustering.Method.KMEANS, 0, 0, 3, 9);
        ClusterMap.Options o = new ClusterMap.Options(20_000, UmapLayout.Options.defaults(9), km, 5);
        assertThat(ClusterMap.build(v, r -> text(r, 3), o, 2, TaskContext.NONE).cluster())
                .containsExactly(ClusterMap.build(v, r -> text(r, 3), o, 2, TaskContext.NONE).cluster());
    }

    @Test
    void aCachedMapReadsBackEqualAndADamagedOrForeignOneIsBuiltAgain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        float[][] v = vectors(400, 3, 8);
        ClusterMap.Options o = ClusterMap.Options.defaults(2);
        ClusterMap first = ClusterMap.cached(dir, v, r -> text(r, 3), o, 2, TaskContext.NONE);
        java.util.List<java.nio.file.Path> files;
        try (var s = java.nio.file.Files.list(dir)) {
            files = s.toList();
        }
        assertThat(files).hasSize(1);
        ClusterMap again = ClusterMap.cached(dir, v, r -> { throw new AssertionError("read, not built"); }, o, 2, TaskContext.NONE);
        assertThat(again.xy()).isDeepEqualTo(first.xy());
        assertThat(again.cluster()).containsExactly(first.cluster());
        assertThat(again.clusters()).extracting(ClusterMap.Cluster::label)
                .containsExactlyElementsOf(first.clusters().stream().map(ClusterMap.Cluster::label).toList());
        assertThat(again.noise()).containsExactly(first.noise());
        java.nio.file.Files.write(files.get(0), new byte[] {1, 2, 3});
        ClusterMap rebuilt = ClusterMap.cached(dir, v, r -> text(r, 3), o, 2, TaskContext.NONE);
        assertThat(rebuilt.xy()).isDeepEqualTo(first.xy());
        ClusterMap.cached(dir, vectors(400, 3, 9), r -> text(r, 3), o, 2, TaskContext.NONE);
        try (var s = java.nio.file.Files.list(dir)) {
            assertThat(s.count()).as("other vectors, another map").isEqualTo(2);
        }
    }

    @Test
    void clusterCountsEqualBruteForceSumsUnderTheDecisions() {
        int n = 900;
        ClusterMap map = ClusterMap.build(vectors(n, 3, 6), r -> text(r, 3), ClusterMap.Options.defaults(1), 2, TaskContext.NONE);
        int sampleSize = 1000;
        int[] sampleRows = new int[n];
        for (int i = 0; i < n; i++) {
            sampleRows[i] = i + 100; // the map holds sample rows 100..999
        }
        long[] tokens = new long[sampleSize];
        double[] words = new double[sampleSize];
        Random r = new Random(3);
        for (int i = 0; i < sampleSize; i++) {
            tokens[i] = 10 + r.nextInt(500);
            words[i] = r.nextInt(200);
        }
        Decisions decisions = decide(words, tokens);
        ClusterStats stats = ClusterStats.of(map, sampleRows, tokens, decisions);
        long documents = 0;
        for (ClusterStats.Row row : stats.bySize()) {
            long docs = 0;
            long toks = 0;
            long kept = 0;
            for (int i = 0; i < n; i++) {
                int c = map.cluster()[i];
                if (c == row.id() || (row.id() == ClusterStats.NOISE && c < 0)) {
                    int s = sampleRows[i];
                    docs++;
                    toks += tokens[s];
                    kept += decisions.kept(s) ? 1 : 0;
                    assertThat(row.rows()).contains(s);
                }
            }
            assertThat(row.documents()).isEqualTo(docs);
            assertThat(row.tokens()).isEqualTo(toks);
            assertThat(row.keptDocuments()).isEqualTo(kept);
            assertThat(row.removedBy().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(docs - kept);
            documents += row.documents();
        }
        assertThat(documents).isEqualTo(n);
        long keptAll = java.util.Arrays.stream(sampleRows).filter(decisions::kept).count();
        assertThat(stats.sampleRemovalRate()).isCloseTo(1 - (double) keptAll / n, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(stats.byRemovalRate().get(0).removalRate()).isGreaterThanOrEqualTo(stats.byRemovalRate().get(1).removalRate());
    }

    /** Decisions of a one-step pipeline (Gopher's word count) over given word counts. */
    static Decisions decide(double[] words, long[] tokens) {
        int n = words.length;
        MetricTable t = new MetricTable(n);
        for (String m : BuiltinSteps.catalog(Set.of()).type("gopher_quality").orElseThrow().metrics()) {
            double[] c = new double[n];
            java.util.Arrays.fill(c, m.equals("alpha_words_ratio") ? 1 : m.equals("avg_word_length") ? 5
                    : m.equals("n_stop_words_present") ? 10 : 0);
            t.put(MetricTable.name("gopher_quality", m), c);
        }
        t.put(MetricTable.name("gopher_quality", "n_non_symbol_words"), words);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        PipelineConfig c = PipelineConfig.of("t", List.of(StepConfig.of("gopher_quality")));
        return Decisions.decide(c, BuiltinSteps.catalog(Set.of()), t, new RowKeys(ids, new String[n], tokens));
    }
}
