package org.loupe.app.duplicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.analysis.domain.DomainStats;
import org.loupe.app.context.AppContext;
import org.loupe.app.session.SampleSession;
import org.loupe.app.shell.MainViewModel;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.filter.DuplicateGroups;
import org.loupe.engine.model.Hosts;
import org.loupe.engine.pipeline.steps.MinHashDedupStep;
import org.loupe.engine.testing.Golden;

/**
 * Duplicates without a window, on the golden dedup input (1,747 documents with near copies at known similarity)
 * under FineWeb's filters plus a MinHash step: the clusters are the step's groups, sorted; tokens removed; the
 * quality split against brute-force counts; the S-curve; changing the layout recounts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuplicatesViewModelTest {
    @TempDir
    static Path tmp;

    private MainViewModel main;
    private SampleSession session;
    private DuplicatesViewModel model;

    @BeforeAll
    void open() {
        Path folder = Golden.copy("dedup/dedup_in.jsonl.gz", tmp.resolve("golden")).getParent();
        main = new MainViewModel(AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner()));
        main.openFolder(folder);
        session = main.session();
        model = new DuplicatesViewModel(new ImmediateTaskRunner(), session);
        model.refresh();
        assertThat(model.noDedupStepProperty().get()).isTrue();
        model.addMinHashStep();
        assertThat(model.noDedupStepProperty().get()).isFalse();
    }

    private int step() {
        return session.decisions().stepIndex(MinHashDedupStep.NAME);
    }

    @Test
    void addingAStepPutsAMinHashStepAtTheEndAndItsClustersAreTheStepsGroups() {
        var steps = session.config().steps();
        assertThat(steps.get(steps.size() - 1).type()).isEqualTo(MinHashDedupStep.NAME);
        assertThat(model.steps()).containsExactly(MinHashDedupStep.NAME);
        assertThat(model.minhashProperty().get()).isTrue();
        Decisions d = session.decisions();
        DuplicateGroups g = d.duplicates(step()).orElseThrow();
        assertThat(g.groupCount()).isGreaterThan(50);
        DuplicateClusters a = model.analysisProperty().get();
        assertThat(a.clusters()).hasSize(g.groupCount());
        long[] tokens = session.keys().tokens();
        long total = 0;
        for (DuplicateClusters.Cluster c : a.clusters()) {
            assertThat(c.size()).isEqualTo(g.size(c.id()));
            assertThat(c.survivor()).isEqualTo(g.survivor(c.id()));
            long removed = 0;
            for (int row : g.members(c.id())) {
                if (g.removed(row)) {
                    removed += tokens[row];
                }
            }
            assertThat(c.tokensRemoved()).isEqualTo(removed);
            total += removed;
            assertThat(c.host()).isEqualTo(session.sample().host(c.survivor()) == null ? "" : session.sample().host(c.survivor()));
        }
        assertThat(a.tokensRemoved()).isEqualTo(total);
        assertThat(a.removed()).isEqualTo(g.removedCount());
        // The step removes exactly the groups' copies (no keep_fraction).
        long removedByStep = java.util.stream.IntStream.range(0, d.rows()).filter(r -> d.removedBy(r) == step()).count();
        assertThat(removedByStep).isEqualTo(g.removedCount());
        Map<Integer, Integer> bySize = new TreeMap<>();
        a.clusters().forEach(c -> bySize.merge(c.size(), 1, Integer::sum));
        assertThat(model.sizes()).extracting(DuplicateClusters.SizeCount::size).containsExactlyElementsOf(bySize.keySet());
        assertThat(model.sizes()).extracting(DuplicateClusters.SizeCount::clusters).containsExactlyElementsOf(bySize.values());
        assertThat(a.similarities()).hasSize(g.removedCount());
        assertThat(java.util.Arrays.stream(a.similarities()).allMatch(s -> s >= 0 && s <= 1)).isTrue();
    }

    @Test
    void clustersSortBySizeOrByTokensRemoved() {
        model.sortProperty().set(DuplicatesViewModel.Sort.SIZE);
        List<DuplicateClusters.Cluster> bySize = List.copyOf(model.clusters());
        for (int i = 1; i < bySize.size(); i++) {
            assertThat(bySize.get(i - 1).size()).isGreaterThanOrEqualTo(bySize.get(i).size());
        }
        model.sortProperty().set(DuplicatesViewModel.Sort.TOKENS_REMOVED);
        List<DuplicateClusters.Cluster> byTokens = List.copyOf(model.clusters());
        for (int i = 1; i < byTokens.size(); i++) {
            assertThat(byTokens.get(i - 1).tokensRemoved()).isGreaterThanOrEqualTo(byTokens.get(i).tokensRemoved());
        }
        assertThat(byTokens).containsExactlyInAnyOrderElementsOf(bySize);
        model.sortProperty().set(DuplicatesViewModel.Sort.SIZE);
    }

    @Test
    void aSelectedClusterListsItsSurvivorFirstAndComparesItToACopy() {
        DuplicateClusters.Cluster c = model.clusters().get(0);
        model.select(c);
        assertThat(model.members()).hasSize(c.size());
        assertThat(model.members().get(0).survivor()).isTrue();
        assertThat(model.members().get(0).row()).isEqualTo(c.survivor());
        assertThat(model.members().subList(1, c.size())).allSatisfy(m -> {
            assertThat(m.survivor()).isFalse();
            assertThat(m.status()).startsWith("copy · " + MinHashDedupStep.NAME);
        });
        DuplicatesViewModel.Comparison cmp = model.comparisonProperty().get();
        assertThat(cmp.left()).isEqualTo(c.survivor());
        assertThat(cmp.right()).isEqualTo(model.members().get(1).row());
        assertThat(cmp.jaccard()).isEqualTo(MinHashDedupStep.estimatedJaccard(session.table(), MinHashDedupStep.NAME,
                cmp.left(), cmp.right()));
        assertThat(cmp.diff().equal()).isPositive();
        String left = session.sample().document(cmp.left()).text();
        assertThat(cmp.diff().left().size()).isEqualTo(Math.min(WordDiff.countWords(left), WordDiff.DEFAULT_MAX_WORDS));
    }

    @Test
    void theQualitySplitCountsWhatTheStepKeepsAndRemovesAmongWhatItWasGiven() {
        Decisions d = session.decisions();
        int k = step();
        for (String metric : List.of("fineweb_quality.line_punct_ratio", "gopher_repetition.dup_line_frac")) {
            if (!model.metrics().contains(metric)) {
                continue;
            }
            model.metricProperty().set(metric);
            QualitySplit q = model.qualityProperty().get();
            double[] v = session.table().column(metric);
            List<Double> kept = new ArrayList<>();
            List<Double> removed = new ArrayList<>();
            int keptCount = 0;
            int removedCount = 0;
            for (int row = 0; row < d.rows(); row++) {
                boolean earlierKept = true;
                for (int j = 0; j < k; j++) {
                    earlierKept &= !d.drops(j, row);
                }
                if (!earlierKept) {
                    continue;
                }
                boolean gone = d.drops(k, row);
                if (gone) {
                    removedCount++;
                } else {
                    keptCount++;
                }
                if (!Double.isNaN(v[row])) {
                    (gone ? removed : kept).add(v[row]);
                }
            }
            assertThat(q.kept().count()).isEqualTo(keptCount);
            assertThat(q.removed().count()).isEqualTo(removedCount);
            assertThat(q.kept().defined()).isEqualTo(kept.size());
            assertThat(q.removed().defined()).isEqualTo(removed.size());
            assertThat(java.util.Arrays.stream(q.keptCounts()).sum()).isEqualTo(kept.size());
            assertThat(java.util.Arrays.stream(q.removedCounts()).sum()).isEqualTo(removed.size());
            assertThat(q.kept().median()).isCloseTo(median(kept), within(1e-12));
            assertThat(q.removed().median()).isCloseTo(median(removed), within(1e-12));
            assertThat(removedCount).isEqualTo(model.analysisProperty().get().removed());
        }
        assertThat(model.metrics()).allSatisfy(m -> assertThat(session.table().labels(m)).isEmpty())
                .noneMatch(m -> m.contains("._h"));
    }

    @Test
    void theCategoricalSplitCountsEachDomainAndLabelLikeABruteForce() {
        Decisions d = session.decisions();
        int k = step();
        assertThat(model.choices()).startsWith(DuplicatesViewModel.DOMAIN);
        assertThat(model.choices()).containsAll(model.metrics()).containsAll(model.categoricalColumns());
        assertThat(model.categoricalColumns()).contains("language.language").allSatisfy(m -> assertThat(session.table().labels(m)).isNotEmpty());
        List<String> choices = new ArrayList<>();
        choices.add(DuplicatesViewModel.DOMAIN);
        choices.addAll(model.categoricalColumns());
        for (String choice : choices) {
            model.metricProperty().set(choice);
            assertThat(model.categoricalProperty().get()).isTrue();
            assertThat(model.qualityProperty().get()).isNull();
            CategorySplit c = model.categoriesProperty().get();
            assertThat(c.choice()).isEqualTo(choice);
            // Brute force: the URL's host and its registered domain, or the column's label, per row given to the step.
            Map<String, long[]> counts = new TreeMap<>();
            long given = 0;
            long removed = 0;
            for (int row = 0; row < d.rows(); row++) {
                boolean earlierKept = true;
                for (int j = 0; j < k; j++) {
                    earlierKept &= !d.drops(j, row);
                }
                if (!earlierKept) {
                    continue;
                }
                String category;
                if (choice.equals(DuplicatesViewModel.DOMAIN)) {
                    String host = Hosts.host(session.sample().url(row));
                    category = host == null ? DomainStats.NO_URL : Hosts.siteOfHost(host);
                } else {
                    double v = session.table().column(choice)[row];
                    category = Double.isNaN(v) ? DuplicatesViewModel.UNDEFINED : session.table().labels(choice).get((int) v);
                }
                long[] n = counts.computeIfAbsent(category, x -> new long[2]);
                n[0]++;
                given++;
                if (d.drops(k, row)) {
                    n[1]++;
                    removed++;
                }
            }
            assertThat(c.given()).isEqualTo(given);
            assertThat(c.removed()).isEqualTo(removed);
            assertThat(c.removed()).isEqualTo(model.analysisProperty().get().removed());
            assertThat(c.categories()).isEqualTo(counts.size());
            List<CategorySplit.Row> expected = new ArrayList<>();
            counts.forEach((name, n) -> expected.add(new CategorySplit.Row(name, n[0], n[0] - n[1], n[1])));
            expected.sort(CategorySplit.BY_REMOVED);
            int top = Math.min(CategorySplit.TOP, expected.size());
            assertThat(c.rows()).containsExactlyElementsOf(expected.subList(0, top));
            if (expected.size() > top) {
                long restGiven = expected.subList(top, expected.size()).stream().mapToLong(CategorySplit.Row::given).sum();
                long restRemoved = expected.subList(top, expected.size()).stream().mapToLong(CategorySplit.Row::removed).sum();
                assertThat(c.other().given()).isEqualTo(restGiven);
                assertThat(c.other().removed()).isEqualTo(restRemoved);
                assertThat(c.other().kept()).isEqualTo(restGiven - restRemoved);
            } else {
                assertThat(c.other()).isNull();
            }
            List<CategorySplit.Row> highest = expected.stream().filter(r -> r.given() >= CategorySplit.MIN_GIVEN)
                    .sorted(CategorySplit.BY_RATE).limit(CategorySplit.CHART).toList();
            assertThat(c.highest()).containsExactlyElementsOf(highest);
            for (int i = 1; i < c.highest().size(); i++) {
                assertThat(c.highest().get(i - 1).removalRate()).isGreaterThanOrEqualTo(c.highest().get(i).removalRate());
            }
            assertThat(c.overallRate()).isEqualTo((double) removed / given);
        }
        // The golden sample has many domains and the step removes copies of some of them.
        model.metricProperty().set(DuplicatesViewModel.DOMAIN);
        CategorySplit domains = model.categoriesProperty().get();
        assertThat(domains.categories()).isGreaterThan(10);
        assertThat(domains.rows().get(0).removed()).isPositive();
        // Back to a numeric metric: its distribution, no categories.
        model.metricProperty().set(model.metrics().get(0));
        assertThat(model.categoricalProperty().get()).isFalse();
        assertThat(model.categoriesProperty().get()).isNull();
        assertThat(model.qualityProperty().get()).isNotNull();
    }

    @Test
    void quantilesInterpolateLikeNumpy() {
        double[] v = {1, 2, 3, 4};
        assertThat(QualitySplit.quantile(v, 0.25)).isEqualTo(1.75);
        assertThat(QualitySplit.quantile(v, 0.5)).isEqualTo(2.5);
        assertThat(QualitySplit.quantile(new double[] {7}, 0.75)).isEqualTo(7);
    }

    @Test
    void theSCurveIsOneMinusOneMinusSToTheRToTheB() {
        SCurve c = SCurve.of(14, 8);
        for (int i = 0; i < SCurve.POINTS; i++) {
            double s = (double) i / (SCurve.POINTS - 1);
            assertThat(c.values()[i]).isCloseTo(1 - Math.pow(1 - Math.pow(s, 8), 14), within(1e-12));
        }
        assertThat(c.at(c.halfway())).isCloseTo(0.5, within(1e-9));
        assertThat(c.values()[0]).isZero();
        assertThat(c.values()[SCurve.POINTS - 1]).isEqualTo(1.0);
    }

    @Test
    void changingBucketsAndHashesChangesTheStepRedrawsTheCurveAndRecounts() {
        int before = model.analysisProperty().get().clusters().size();
        model.bucketsProperty().set(20);
        model.hashesProperty().set(4);
        var step = session.config().steps().get(session.config().indexOf(MinHashDedupStep.NAME));
        assertThat(((Number) step.params().get("num_buckets")).intValue()).isEqualTo(20);
        assertThat(((Number) step.params().get("hashes_per_bucket")).intValue()).isEqualTo(4);
        assertThat(model.curveProperty().get().buckets()).isEqualTo(20);
        assertThat(model.curveProperty().get().hashesPerBucket()).isEqualTo(4);
        DuplicateGroups g = session.decisions().duplicates(step()).orElseThrow();
        assertThat(model.analysisProperty().get().clusters()).hasSize(g.groupCount());
        // A lower threshold (half caught at s ≈ 0.44 instead of 0.78) catches more pairs.
        assertThat(g.groupCount()).isNotEqualTo(before);
        assertThat(g.removedCount()).isGreaterThan(0);
        // Too many hashes: rejected by the session's check, the spinners go back.
        model.bucketsProperty().set(128);
        model.hashesProperty().set(64);
        assertThat(model.errorProperty().get()).contains("1024");
        assertThat(model.bucketsProperty().get() * model.hashesProperty().get()).isLessThanOrEqualTo(1024);
        model.bucketsProperty().set(14);
        model.hashesProperty().set(8);
        assertThat(model.analysisProperty().get().clusters()).hasSize(before);
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
