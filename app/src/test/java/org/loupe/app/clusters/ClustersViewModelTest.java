package org.loupe.app.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.analysis.cluster.ClusterMap;
import org.loupe.analysis.cluster.ClusterStats;
import org.loupe.app.context.AppContext;
import org.loupe.app.shell.MainViewModel;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.app.tune.TuneViewModel;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.pipeline.steps.Presets;
import org.loupe.engine.testing.Golden;

/**
 * Clusters without a window, on the 1,107 reference documents under the FineWeb pipeline. The map is built
 * once for the class (embedding takes a while); every check recomputes what it expects by brute force from
 * the map's cluster ids, the sample's tokens and the live decisions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClustersViewModelTest {
    @TempDir
    static Path tmp;

    private MainViewModel main;
    private TuneViewModel tune;
    private ClustersViewModel clusters;
    private final List<String> searches = new ArrayList<>();

    @BeforeAll
    void buildTheMapOnce() {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        AppContext context = AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner());
        main = new MainViewModel(context);
        main.openFolder(fixtures);
        tune = main.tune();
        assertThat(tune.decisionsProperty().get()).isNotNull();
        clusters = new ClustersViewModel(context, tune.session(), searches::add);
        assertThat(clusters.documentsProperty().get()).isEqualTo(1107);
        assertThat(clusters.maxDocumentsProperty().get()).isEqualTo(1107);

        clusters.build();

        assertThat(clusters.pointsProperty().get()).as(clusters.summaryProperty().get()).isNotNull();
        assertThat(clusters.buildingProperty().get()).isFalse();
        assertThat(clusters.summaryProperty().get()).startsWith("Mapped 1,107 documents");
    }

    @BeforeEach
    void reset() {
        tune.usePreset(Presets.FINEWEB);
        clusters.clearSelection();
        clusters.byRemovalRateProperty().set(false);
        clusters.colourModeProperty().set(ColourMode.CLUSTER);
        searches.clear();
    }

    private Decisions decisions() {
        return tune.decisionsProperty().get();
    }

    private MapPoints points() {
        return clusters.pointsProperty().get();
    }

    @Test
    void droppingAClusterAddsATopicStepThatRemovesTheDocumentsNearestItsCentroid() {
        clusters.select(0);
        clusters.dropSelectedTopic();
        org.loupe.engine.pipeline.PipelineConfig c = tune.configProperty().get();
        int i = c.indexOf("topic");
        assertThat(i).isNotNegative();
        assertThat((java.util.List<?>) c.steps().get(i).params().get("drop")).hasSize(1);
        assertThat(tune.errorProperty().get()).isEmpty();
        Decisions d = decisions();
        int byTopic = 0;
        for (int r = 0; r < d.rows(); r++) {
            if (!d.kept(r) && "topic_dropped".equals(d.reason(r))) {
                byTopic++;
            }
        }
        assertThat(byTopic).as("documents removed by the topic step").isPositive();
        clusters.dropSelectedTopic();
        assertThat(tune.configProperty().get()).as("dropping the same cluster again changes nothing").isEqualTo(c);
    }

    @Test
    void everyDocumentOfTheChosenSubsetHasAPointOnTheMap() {
        int[] subset = ClusterMap.subset(tune.sample().size(), clusters.effectiveDocuments(), clusters.seedProperty().get());
        MapPoints p = points();

        assertThat(p.rows()).containsExactly(subset);
        assertThat(clusters.pointCount()).isEqualTo(1107);
        assertThat(p.x()).hasSize(1107);
        assertThat(Arrays.stream(p.x()).allMatch(Double::isFinite)).isTrue();
        assertThat(p.y()).hasSize(1107);
        assertThat(Arrays.stream(p.y()).allMatch(Double::isFinite)).isTrue();
        assertThat(p.cluster()).containsExactly(clusters.map().cluster());
        for (int i = 0; i < p.size(); i++) {
            assertThat(p.x()[i]).isEqualTo(clusters.map().xy()[i][0]);
            assertThat(p.y()[i]).isEqualTo(clusters.map().xy()[i][1]);
        }
        assertThat(clusters.map().clusters()).isNotEmpty();
    }

    @Test
    void clusterStatsEqualBruteForceSums() {
        assertStatsAreBruteForce();
        assertThat(clusters.clusters()).extracting(ClusterStats.Row::id).doesNotHaveDuplicates();
        assertThat(clusters.clusters().stream().filter(r -> r.id() >= 0).toList())
                .isSortedAccordingTo(Comparator.comparingLong(ClusterStats.Row::documents).reversed());

        clusters.byRemovalRateProperty().set(true);

        assertThat(clusters.clusters()).isSortedAccordingTo(Comparator.comparingDouble(ClusterStats.Row::removalRate).reversed());
        assertStatsAreBruteForce();
    }

    @Test
    void aThresholdChangeInTuneRecountsTheClustersWithoutRebuildingTheMap() {
        MapPoints before = points();
        long keptBefore = clusters.clusters().stream().mapToLong(ClusterStats.Row::keptDocuments).sum();
        ClusterStats.Row largest = clusters.clusters().get(0);
        clusters.select(largest.id());

        tune.selectedStepProperty().set(tune.configProperty().get().indexOf("gopher_quality"));
        tune.setParam("min_doc_words", "400");

        assertThat(points()).isSameAs(before);
        long keptAfter = clusters.clusters().stream().mapToLong(ClusterStats.Row::keptDocuments).sum();
        assertThat(keptAfter).isLessThan(keptBefore);
        assertStatsAreBruteForce();
        assertThat(clusters.clusters().stream().flatMap(r -> r.removedBy().entrySet().stream())
                .filter(e -> e.getKey().equals("gopher_quality")).mapToLong(Map.Entry::getValue).sum()).isPositive();
        // the selection's lists follow the new decisions
        assertListsAreMembersWithTheirStatus(largest.id());

        clusters.colourModeProperty().set(ColourMode.STATUS);
        tune.setParam("min_doc_words", "50");

        assertStatsAreBruteForce();
        assertStatusColours();
    }

    @Test
    void aSelectedClustersDocumentsAreItsMembersWithTheRightStatus() {
        ClusterStats.Row mixed = clusters.clusters().stream().filter(r -> r.id() >= 0)
                .filter(r -> r.keptDocuments() > 0 && r.keptDocuments() < r.documents()).findFirst().orElseThrow();

        clusters.select(mixed.id());

        assertThat(clusters.selectedClusterProperty().get()).isEqualTo(mixed.id());
        assertThat(clusters.kept()).hasSize((int) Math.min(10, mixed.keptDocuments()));
        assertThat(clusters.removed()).hasSize((int) Math.min(10, mixed.documents() - mixed.keptDocuments()));
        assertListsAreMembersWithTheirStatus(mixed.id());
        ClusterMap.Cluster c = clusters.map().clusters().get(mixed.id());
        assertThat(clusters.terms()).containsExactlyElementsOf(c.terms());
        assertThat(clusters.titleProperty().get()).contains(c.label());
        assertThat(clusters.selectedPointsProperty().get()).containsExactly(c.rows());

        clusters.more();

        assertThat(clusters.kept()).hasSize((int) Math.min(20, mixed.keptDocuments()));
        assertListsAreMembersWithTheirStatus(mixed.id());

        clusters.searchKeywords();

        assertThat(searches).containsExactly(clusters.searchQuery());
        assertThat(clusters.searchQuery().split(" ")).hasSize(c.terms().size());
    }

    @Test
    void theUnclusteredDocumentsCanBeSelectedLikeACluster() {
        int[] noise = clusters.map().noise();
        if (noise.length == 0) {
            return;
        }
        clusters.select(ClusterStats.NOISE);

        assertThat(clusters.selectedPointsProperty().get()).containsExactly(noise);
        assertThat(clusters.terms()).isEmpty();
        assertThat(clusters.searchQuery()).isNull();
        assertListsAreMembersWithTheirStatus(ClusterStats.NOISE);
    }

    @Test
    void thePixelRendererPutsEachPointsColourAtItsProjectedPixel() {
        MapPoints p = points();
        int w = 400;
        int h = 300;
        int size = 3;
        int half = (size - 1) / 2;
        int[] argb = new int[p.size()];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | (i + 1);
        }
        Viewport v = Viewport.fit(p.x(), p.y(), w, h, 10);
        int[] out = new int[w * h];

        PointRenderer.render(p.x(), p.y(), argb, null, v, size, w, h, 0, out);

        int[] px = new int[p.size()];
        int[] py = new int[p.size()];
        for (int i = 0; i < p.size(); i++) {
            px[i] = PointRenderer.pixelX(v, p.x()[i]);
            py[i] = PointRenderer.pixelY(v, p.y()[i]);
            assertThat(px[i]).as("fitted: every point on the canvas").isBetween(0, w - 1);
            assertThat(py[i]).isBetween(0, h - 1);
        }
        for (int i = 0; i < p.size(); i++) {
            int last = i;
            for (int j = i + 1; j < p.size(); j++) {
                if (Math.abs(px[j] - px[i]) <= half && Math.abs(py[j] - py[i]) <= half) {
                    last = j;
                }
            }
            assertThat(out[py[i] * w + px[i]]).as("point %d", i).isEqualTo(argb[last]);
        }
        long painted = Arrays.stream(out).filter(c -> c != 0).count();
        assertThat(painted).isPositive().isLessThanOrEqualTo((long) p.size() * size * size);
    }

    @Test
    void theNearestPointIsTheLinearScansAnywhereOnTheMap() {
        MapPoints p = points();
        double[][] xy = {p.x(), p.y()};
        double minX = Arrays.stream(p.x()).min().orElseThrow();
        double maxX = Arrays.stream(p.x()).max().orElseThrow();
        double minY = Arrays.stream(p.y()).min().orElseThrow();
        double maxY = Arrays.stream(p.y()).max().orElseThrow();
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 3000; k++) {
            double qx = minX - 1 + r.nextDouble() * (maxX - minX + 2);
            double qy = minY - 1 + r.nextDouble() * (maxY - minY + 2);
            double radius = k % 3 == 0 ? Double.POSITIVE_INFINITY : r.nextDouble() * (maxX - minX) / 20;

            assertThat(clusters.nearest(qx, qy, radius)).isEqualTo(PointIndexTest.linearNearest(xy, qx, qy, radius));
        }
    }

    @Test
    void aLassoSelectsExactlyThePointsInsideItsPolygon() {
        MapPoints p = points();
        double cx = Arrays.stream(p.x()).average().orElseThrow();
        double cy = Arrays.stream(p.y()).average().orElseThrow();
        double spread = Arrays.stream(p.x()).max().orElseThrow() - Arrays.stream(p.x()).min().orElseThrow();
        SplittableRandom r = new SplittableRandom(3);
        int n = 17;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            // a star-shaped, irregular lasso around the map's centre
            double a = 2 * Math.PI * i / n;
            double radius = spread * (0.1 + 0.3 * r.nextDouble());
            xs[i] = cx + radius * Math.cos(a);
            ys[i] = cy + radius * Math.sin(a);
        }
        int[] expected = PointIndexTest.bruteForceInside(new double[][] {p.x(), p.y()}, new double[][] {xs, ys});
        assertThat(expected.length).as("the lasso holds some points, not all").isBetween(1, p.size() - 1);

        clusters.selectPolygon(xs, ys);

        assertThat(clusters.selectedPointsProperty().get()).containsExactly(expected);
        assertThat(clusters.selectedClusterProperty().get()).isNull();
        assertThat(clusters.titleProperty().get()).isEqualTo(String.format("Lasso: %,d documents", expected.length));
        assertThat(clusters.terms()).isEmpty();
        List<Integer> members = Arrays.stream(expected).map(i -> p.rows()[i]).boxed().toList();
        Decisions d = decisions();
        assertThat(clusters.kept()).isNotEmpty().allSatisfy(row -> {
            assertThat(members).contains(row);
            assertThat(d.kept(row)).isTrue();
        });
        assertThat(clusters.removed()).allSatisfy(row -> {
            assertThat(members).contains(row);
            assertThat(d.kept(row)).isFalse();
        });
    }

    @Test
    void colourModesGiveEveryPointItsClusterStatusLanguageOrMetricValue() {
        MapPoints p = points();
        Colouring byCluster = clusters.colouringProperty().get();
        assertThat(byCluster.mode()).isEqualTo(ColourMode.CLUSTER);
        assertThat(byCluster.category()).containsExactly(p.cluster());
        for (int i = 0; i < p.size(); i++) {
            assertThat(byCluster.argb()[i]).isEqualTo(ClusterPalette.category(p.cluster()[i]));
        }
        assertThat(byCluster.legend()).hasSize(clusters.map().clusters().size() + (clusters.map().noise().length > 0 ? 1 : 0));

        clusters.colourModeProperty().set(ColourMode.STATUS);
        assertStatusColours();

        clusters.colourModeProperty().set(ColourMode.LANGUAGE);
        Colouring byLanguage = clusters.colouringProperty().get();
        assertThat(byLanguage.mode()).isEqualTo(ColourMode.LANGUAGE);
        assertThat(byLanguage.legend()).extracting(Colouring.LegendEntry::label).contains("en");
        assertThat(byLanguage.legend().stream().mapToLong(Colouring.LegendEntry::points).sum()).isEqualTo(p.size());

        clusters.colourModeProperty().set(ColourMode.METRIC);
        assertThat(clusters.metrics()).contains(ClustersViewModel.TOKENS, "gopher_quality.n_non_symbol_words");
        clusters.metricProperty().set(ClustersViewModel.TOKENS);
        Colouring byTokens = clusters.colouringProperty().get();
        long[] tokens = tune.keys().tokens();
        for (int i = 0; i < p.size(); i++) {
            assertThat(byTokens.values()[i]).isEqualTo((double) tokens[p.rows()[i]]);
        }
        assertThat(byTokens.low()).isLessThan(byTokens.high());
        clusters.metricProperty().set("gopher_quality.n_non_symbol_words");
        double[] column = tune.table().column("gopher_quality.n_non_symbol_words");
        Colouring byWords = clusters.colouringProperty().get();
        assertThat(byWords.metric()).isEqualTo("gopher_quality.n_non_symbol_words");
        for (int i = 0; i < p.size(); i++) {
            assertThat(byWords.values()[i]).isEqualTo(column[p.rows()[i]]);
        }
    }

    @Test
    void aCancelledBuildShowsNoHalfBuiltMapAndSaysSo() {
        AppContext context = AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner());
        AppContext cancelling = new AppContext(context.workspace(), new CancelledTaskRunner(), context.recentFolders(),
                context.readerOptions(), context.threads(), context.languageIdentifier());
        ClustersViewModel other = new ClustersViewModel(cancelling, tune.session(), searches::add);

        other.build();

        assertThat(other.pointsProperty().get()).isNull();
        assertThat(other.clusters()).isEmpty();
        assertThat(other.buildingProperty().get()).isFalse();
        assertThat(other.summaryProperty().get()).startsWith("Cancelled");
        assertThat(clusters.pointsProperty().get()).as("the other view model's map stays").isNotNull();
    }

    /** Runs a task at once with a context whose user has already asked to stop; like the FX runner, no callback. */
    private static final class CancelledTaskRunner implements org.loupe.app.task.TaskRunner {
        @Override
        public <T> Handle run(String title, org.loupe.engine.task.EngineTask<T> task, java.util.function.Consumer<T> onSuccess,
                              java.util.function.Consumer<Throwable> onFailure) {
            try {
                onSuccess.accept(task.call(new org.loupe.engine.task.TaskContext() {
                    @Override
                    public void progress(long done, long total) {
                    }

                    @Override
                    public void message(String message) {
                    }

                    @Override
                    public boolean isCancelled() {
                        return true;
                    }
                }));
            } catch (java.util.concurrent.CancellationException e) {
                // cancelled: no callback
            } catch (Exception e) {
                onFailure.accept(e);
            }
            return new Handle() {
                @Override
                public void cancel() {
                }

                @Override
                public boolean isDone() {
                    return true;
                }
            };
        }

        @Override
        public void later(Runnable action) {
            action.run();
        }
    }

    // Brute force

    /** Every table row against counts recomputed from the map's clusters, the tokens and the decisions. */
    private void assertStatsAreBruteForce() {
        MapPoints p = points();
        Decisions d = decisions();
        long[] tokens = tune.keys().tokens();
        Map<Integer, long[]> expected = new TreeMap<>();
        Map<Integer, List<Integer>> rows = new TreeMap<>();
        long kept = 0;
        for (int i = 0; i < p.size(); i++) {
            int c = clusters.map().cluster()[i] < 0 ? ClusterStats.NOISE : clusters.map().cluster()[i];
            int row = p.rows()[i];
            long[] e = expected.computeIfAbsent(c, k -> new long[4]);
            e[0]++;
            e[1] += tokens[row];
            if (d.kept(row)) {
                e[2]++;
                e[3] += tokens[row];
                kept++;
            }
            rows.computeIfAbsent(c, k -> new ArrayList<>()).add(row);
        }
        assertThat(clusters.clusters()).hasSize(expected.size());
        for (ClusterStats.Row r : clusters.clusters()) {
            long[] e = expected.get(r.id());
            assertThat(e).as("cluster %d", r.id()).isNotNull();
            assertThat(new long[] {r.documents(), r.tokens(), r.keptDocuments(), r.keptTokens()}).as("cluster %d", r.id())
                    .containsExactly(e);
            assertThat(r.rows()).containsExactly(rows.get(r.id()).stream().mapToInt(Integer::intValue).toArray());
            assertThat(r.removedBy().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.documents() - r.keptDocuments());
            if (r.id() >= 0) {
                assertThat(r.label()).isEqualTo(clusters.map().clusters().get(r.id()).label());
            }
        }
        assertThat(clusters.sampleRemovalRateProperty().get()).isCloseTo(1.0 - (double) kept / p.size(),
                org.assertj.core.data.Offset.offset(1e-12));
    }

    private void assertListsAreMembersWithTheirStatus(int cluster) {
        MapPoints p = points();
        Decisions d = decisions();
        int[] pointOf = new int[tune.sample().size()];
        Arrays.fill(pointOf, -1);
        for (int i = 0; i < p.size(); i++) {
            pointOf[p.rows()[i]] = i;
        }
        assertThat(clusters.kept()).doesNotHaveDuplicates().allSatisfy(row -> {
            assertThat(p.cluster()[pointOf[row]]).isEqualTo(cluster);
            assertThat(d.kept(row)).isTrue();
            assertThat(tune.session().documentRows().row(row).kept()).isTrue();
        });
        assertThat(clusters.removed()).doesNotHaveDuplicates().allSatisfy(row -> {
            assertThat(p.cluster()[pointOf[row]]).isEqualTo(cluster);
            assertThat(d.kept(row)).isFalse();
            // The list's row says which step removed it, with the domain and the beginning of the text.
            org.loupe.app.common.DocumentRow shown = tune.session().documentRows().row(row);
            assertThat(shown.removed()).isTrue();
            assertThat(shown.step()).isEqualTo(d.steps().get(d.removedBy(row)));
            assertThat(shown.domain()).isEqualTo(tune.sample().host(row) == null ? "" : tune.sample().host(row));
            assertThat(shown.snippet()).isNotBlank();
        });
        assertThat(clusters.kept().size() + clusters.removed().size()).isPositive();
    }

    private void assertStatusColours() {
        MapPoints p = points();
        Decisions d = decisions();
        Colouring c = clusters.colouringProperty().get();
        assertThat(c.mode()).isEqualTo(ColourMode.STATUS);
        long kept = 0;
        for (int i = 0; i < p.size(); i++) {
            boolean k = d.kept(p.rows()[i]);
            kept += k ? 1 : 0;
            assertThat(c.category()[i]).isEqualTo(k ? 0 : 1);
            assertThat(c.argb()[i]).isEqualTo(k ? ClusterPalette.KEPT : ClusterPalette.REMOVED);
        }
        assertThat(c.legend()).containsExactly(new Colouring.LegendEntry("kept", ClusterPalette.KEPT, kept),
                new Colouring.LegendEntry("removed", ClusterPalette.REMOVED, p.size() - kept));
    }
}
