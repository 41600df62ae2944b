package org.loupe.app.duplicates;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.analysis.domain.DomainStats;
import org.loupe.app.duplicates.DuplicateClusters.Cluster;
import org.loupe.app.duplicates.DuplicateClusters.SizeCount;
import org.loupe.app.session.PipelineEdits;
import org.loupe.app.session.SampleSession;
import org.loupe.app.task.LatestTask;
import org.loupe.app.task.TaskRunner;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.Hosts;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.pipeline.steps.MinHashDedupStep;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.task.TaskContext;

/**
 * Duplicates: what the pipeline's dedup steps (those that decide over the documents the earlier steps keep)
 * found under the live decisions. For the chosen step: its clusters of copies sorted by size or by tokens
 * removed, with a histogram of cluster sizes; a cluster's survivor and removed copies, two of them compared
 * word by word with their estimated Jaccard; for a MinHash step the S-curve of its bucket layout with the
 * sample's measured pairs on it, and spinners that change the layout through the session (which measures the
 * signatures again in the background); and what the step does to quality: a numeric metric's distribution
 * for the documents it keeps versus those it removes, or per category (the documents' domain, or a categorical
 * column such as the language or a topic step's cluster) how many it keeps and removes. With no dedup step,
 * one action adds a MinHash step at the end of the pipeline.
 *
 * <p>Everything that reads documents or walks the rows (clusters, snippets, similarities, the quality split,
 * the word diff) runs in the background, the newest request only; the S-curve is 201 numbers, computed at once.
 * The domains of a sample are worked out once (a public-suffix lookup per host) and kept with the sample.
 *
 * <p>The cluster map of the Clusters view is not offered as such: it lives in that view's model, built on
 * demand. A map's clusters reach this view once they are a topic step of the pipeline (Clusters' "drop this
 * topic"): the step's {@code topic} column is categorical and listed with the others.
 */
public final class DuplicatesViewModel {

    /** How the clusters are ordered. */
    public enum Sort {
        SIZE("size"), TOKENS_REMOVED("tokens removed");

        private final String label;

        Sort(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * A document of the selected cluster.
     *
     * @param survivor whether it is the copy that survives
     * @param status   its fate: "survivor" or "copy", then the pipeline's verdict ("kept", or the step and reason)
     * @param jaccard  its estimated Jaccard to the survivor (1 for the survivor; NaN when unknown)
     */
    public record MemberRow(int row, String id, String host, String snippet, boolean survivor, String status, long tokens,
                            double jaccard) { }

    /** Two members side by side. */
    public record Comparison(int left, int right, String leftId, String rightId, String leftHost, String rightHost,
                             double jaccard, WordDiff.Result diff) { }

    /** The choice of the quality split that groups documents by their domain (columns are named {@code step.metric}). */
    public static final String DOMAIN = "Domain";

    /** The category of a row with no value in a categorical column. */
    static final String UNDEFINED = "(undefined)";

    /** The survivor first, then copies by similarity to it (most similar first, unknown last), then by row. */
    static final java.util.Comparator<MemberRow> MEMBER_ORDER = java.util.Comparator
            .comparing((MemberRow m) -> !m.survivor())
            .thenComparingDouble(m -> Double.isNaN(m.jaccard()) ? 1 : -m.jaccard())
            .thenComparingInt(MemberRow::row);

    private final SampleSession session;
    private final LatestTask<DuplicateClusters> analysing;
    private final LatestTask<List<MemberRow>> loadingMembers;
    private final LatestTask<Comparison> comparing;
    private final LatestTask<QualitySplit> splitting;
    private final LatestTask<CategorySplit> categorising;
    /** The domain of every row of one sample, worked out once (written by a background run). */
    private volatile SampleDomains domains;

    private final ObservableList<String> steps = FXCollections.observableArrayList();
    private final StringProperty step = new SimpleStringProperty();
    private final ReadOnlyBooleanWrapper noDedupStep = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<DuplicateClusters> analysis = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Cluster> clusters = FXCollections.observableArrayList();
    private final ObservableList<SizeCount> sizes = FXCollections.observableArrayList();
    private final ObjectProperty<Sort> sort = new SimpleObjectProperty<>(Sort.SIZE);
    private final ReadOnlyObjectWrapper<Cluster> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<MemberRow> members = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Comparison> comparison = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper minhash = new ReadOnlyBooleanWrapper(false);
    private final IntegerProperty buckets = new SimpleIntegerProperty(14);
    private final IntegerProperty hashes = new SimpleIntegerProperty(8);
    private final ReadOnlyObjectWrapper<SCurve> curve = new ReadOnlyObjectWrapper<>(SCurve.of(14, 8));
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final ObservableList<String> categoricalColumns = FXCollections.observableArrayList();
    private final ObservableList<String> choices = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper categorical = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<CategorySplit> categories = new ReadOnlyObjectWrapper<>();
    private final StringProperty metric = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<QualitySplit> quality = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty active = new SimpleBooleanProperty(true);
    private boolean stale;
    private boolean syncing;

    public DuplicatesViewModel(TaskRunner tasks, SampleSession session) {
        this.session = session;
        this.analysing = new LatestTask<DuplicateClusters>(tasks).coalescing()
                .onFailure(reason -> error.set("Cannot list the clusters: " + reason));
        this.loadingMembers = new LatestTask<List<MemberRow>>(tasks)
                .onFailure(reason -> error.set("Cannot read the cluster's documents: " + reason));
        this.comparing = new LatestTask<Comparison>(tasks)
                .onFailure(reason -> error.set("Cannot compare the documents: " + reason));
        this.splitting = new LatestTask<QualitySplit>(tasks).coalescing()
                .onFailure(reason -> error.set("Cannot split the metric: " + reason));
        this.categorising = new LatestTask<CategorySplit>(tasks).coalescing()
                .onFailure(reason -> error.set("Cannot count the categories: " + reason));
        busy.bind(session.measuringProperty().or(analysing.runningProperty()));
        session.decisionsProperty().addListener((o, a, d) -> {
            if (active.get()) {
                refresh();
            } else {
                stale = true;
            }
        });
        session.configProperty().addListener((o, a, c) -> syncLayout());
        step.addListener((o, a, s) -> {
            if (!syncing) {
                syncLayout();
                analyse();
            }
        });
        sort.addListener((o, a, s) -> showClusters());
        metric.addListener((o, a, m) -> {
            categorical.set(isCategorical(m));
            if (!syncing) {
                split();
            }
        });
        buckets.addListener((o, a, b) -> layoutChanged());
        hashes.addListener((o, a, b) -> layoutChanged());
    }

    // Properties

    /** The dedup steps of the live decisions, in pipeline order. */
    public ObservableList<String> steps() {
        return steps;
    }

    /** The step shown. */
    public StringProperty stepProperty() {
        return step;
    }

    /** Whether a sample is decided and the pipeline has no enabled dedup step (the view offers to add one). */
    public ReadOnlyBooleanProperty noDedupStepProperty() {
        return noDedupStep.getReadOnlyProperty();
    }

    /** The chosen step's clusters, or null before the first listing. */
    public ReadOnlyObjectProperty<DuplicateClusters> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    /** The clusters in the chosen order. */
    public ObservableList<Cluster> clusters() {
        return clusters;
    }

    /** Clusters per size, ascending size. */
    public ObservableList<SizeCount> sizes() {
        return sizes;
    }

    public ObjectProperty<Sort> sortProperty() {
        return sort;
    }

    public ReadOnlyObjectProperty<Cluster> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected cluster's documents: the survivor first, then the copies by similarity, most similar first. */
    public ObservableList<MemberRow> members() {
        return members;
    }

    /** The two members compared, or null. */
    public ReadOnlyObjectProperty<Comparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** Whether the chosen step is a MinHash step (it has an S-curve and a bucket layout). */
    public ReadOnlyBooleanProperty minhashProperty() {
        return minhash.getReadOnlyProperty();
    }

    /** The MinHash step's buckets (b); setting it changes the step through the session. */
    public IntegerProperty bucketsProperty() {
        return buckets;
    }

    /** The MinHash step's hashes per bucket (r); setting it changes the step through the session. */
    public IntegerProperty hashesProperty() {
        return hashes;
    }

    /** The S-curve of the current buckets × hashes. */
    public ReadOnlyObjectProperty<SCurve> curveProperty() {
        return curve.getReadOnlyProperty();
    }

    /** The numeric metrics of the measured table (categorical ones left out). */
    public ObservableList<String> metrics() {
        return metrics;
    }

    /** The categorical columns of the measured table (the language, a topic step's cluster), in table order. */
    public ObservableList<String> categoricalColumns() {
        return categoricalColumns;
    }

    /** What the quality split can show: {@link #DOMAIN}, the categorical columns, then the numeric metrics. */
    public ObservableList<String> choices() {
        return choices;
    }

    /** The chosen split: one of {@link #choices()}. */
    public StringProperty metricProperty() {
        return metric;
    }

    /** Whether the chosen split is by category ({@link #categoriesProperty()}) rather than a numeric metric. */
    public ReadOnlyBooleanProperty categoricalProperty() {
        return categorical.getReadOnlyProperty();
    }

    /** The chosen numeric metric for the documents the step keeps and removes, or null. */
    public ReadOnlyObjectProperty<QualitySplit> qualityProperty() {
        return quality.getReadOnlyProperty();
    }

    /** The chosen categories' documents given to the step, kept and removed, or null. */
    public ReadOnlyObjectProperty<CategorySplit> categoriesProperty() {
        return categories.getReadOnlyProperty();
    }

    /** One line: clusters, copies removed, their tokens, of how many documents given. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether the sample is being measured or the clusters listed. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    // Commands

    /** Whether the view is on screen; a decision made meanwhile is shown once it is. */
    public void setActive(boolean on) {
        active.set(on);
        if (on && stale) {
            stale = false;
            refresh();
        }
    }

    /** Adds a MinHash dedup step at the end of the pipeline (checked by the session, then measured). */
    public void addMinHashStep() {
        PipelineEdits.addMinHashDedup(session.config()).ifPresent(c -> {
            step.set(MinHashDedupStep.NAME);
            session.edit(c, true);
        });
    }

    /** Re-reads the steps, the metrics and the clusters from the live decisions. */
    public void refresh() {
        Decisions d = session.decisions();
        if (d == null || session.table() == null) {
            clearAll();
            noDedupStep.set(false);
            summary.set(session.sample() == null ? "Open a sample" : "Measuring the sample…");
            return;
        }
        List<String> dedup = new ArrayList<>();
        for (int k = 0; k < d.steps().size(); k++) {
            if (d.stepType(k).decidesOverEarlierKept()) {
                dedup.add(d.steps().get(k));
            }
        }
        syncing = true;
        try {
            if (!steps.equals(dedup)) {
                steps.setAll(dedup);
            }
            if (!dedup.contains(step.get())) {
                step.set(dedup.isEmpty() ? null : dedup.get(0));
            }
            List<String> numeric = numericMetrics(session.table());
            if (!metrics.equals(numeric)) {
                metrics.setAll(numeric);
            }
            List<String> labelled = categoricalMetrics(session.table());
            if (!categoricalColumns.equals(labelled)) {
                categoricalColumns.setAll(labelled);
            }
            List<String> all = new ArrayList<>();
            all.add(DOMAIN);
            all.addAll(labelled);
            all.addAll(numeric);
            if (!choices.equals(all)) {
                choices.setAll(all);
            }
            if (!all.contains(metric.get())) {
                metric.set(defaultMetric(numeric));
            }
        } finally {
            syncing = false;
        }
        categorical.set(isCategorical(metric.get()));
        noDedupStep.set(dedup.isEmpty());
        syncLayout();
        analyse();
    }

    /** Selects a cluster: its documents are read in the background, then its survivor is compared to its first copy. */
    public void select(Cluster c) {
        if (Objects.equals(selected.get(), c) && !members.isEmpty()) {
            return;
        }
        selected.set(c);
        members.clear();
        comparing.cancel();
        comparison.set(null);
        DuplicateClusters a = analysis.get();
        SampleSession.Snapshot snap = session.snapshot();
        if (c == null || a == null || snap == null) {
            loadingMembers.cancel();
            return;
        }
        loadingMembers.start("", ctx -> members(snap, a, c), rows -> {
            members.setAll(rows);
            if (rows.size() >= 2) {
                compare(rows.get(0).row(), rows.get(1).row());
            }
        });
    }

    /** Compares two documents word by word, in the background. */
    public void compare(int left, int right) {
        SampleSession.Snapshot snap = session.snapshot();
        DuplicateClusters a = analysis.get();
        if (snap == null || a == null) {
            return;
        }
        comparing.start("", ctx -> {
            Document l = snap.sample().document(left);
            Document r = snap.sample().document(right);
            double j = a.minhash() ? MinHashDedupStep.estimatedJaccard(snap.table(), a.step(), left, right) : Double.NaN;
            return new Comparison(left, right, snap.sample().id(left), snap.sample().id(right), host(snap.sample(), left),
                    host(snap.sample(), right), j, WordDiff.diff(l.text(), r.text(), WordDiff.DEFAULT_MAX_WORDS));
        }, comparison::set);
    }

    /** Opens a document in the shared inspector. */
    public void open(int row) {
        session.open(row);
    }

    /** Stops the background work. */
    public void cancel() {
        analysing.cancel();
        loadingMembers.cancel();
        comparing.cancel();
        splitting.cancel();
        categorising.cancel();
    }

    // Internals

    private void clearAll() {
        cancel();
        analysis.set(null);
        clusters.clear();
        sizes.clear();
        selected.set(null);
        members.clear();
        comparison.set(null);
        quality.set(null);
        categories.set(null);
    }

    private int stepIndex(Decisions d) {
        return step.get() == null || d == null ? -1 : d.stepIndex(step.get());
    }

    private void analyse() {
        SampleSession.Snapshot snap = session.snapshot();
        Decisions d = snap == null ? null : snap.decisions();
        int k = stepIndex(d);
        if (k < 0) {
            analysing.cancel();
            analysis.set(null);
            clusters.clear();
            sizes.clear();
            select(null);
            quality.set(null);
            categories.set(null);
            summary.set(d == null ? "" : "none");
            return;
        }
        error.set("");
        Sample sample = snap.sample();
        analysing.start("Listing duplicate clusters", ctx -> DuplicateClusters.of(d, k, snap.table(), snap.keys().tokens(),
                row -> host(sample, row), row -> sample.document(row).text(), ctx), this::show);
        split();
    }

    private void show(DuplicateClusters a) {
        Cluster before = selected.get();
        analysis.set(a);
        sizes.setAll(a.sizes());
        summary.set(String.format("%,d clusters · %,d copies removed (%,d tokens) of %,d documents given to %s",
                a.clusters().size(), a.removed(), a.tokensRemoved(), a.given(), a.step()));
        showClusters();
        // The same cluster (by its survivor) stays selected; else the first one is shown.
        Cluster again = before == null ? null : a.bySurvivor(before.survivor());
        selected.set(null);
        select(again != null ? again : clusters.isEmpty() ? null : clusters.get(0));
    }

    private void showClusters() {
        DuplicateClusters a = analysis.get();
        if (a == null) {
            clusters.clear();
            return;
        }
        clusters.setAll(a.sorted(sort.get() == Sort.TOKENS_REMOVED ? DuplicateClusters.BY_TOKENS_REMOVED
                : DuplicateClusters.BY_SIZE));
    }

    private void split() {
        SampleSession.Snapshot snap = session.snapshot();
        Decisions d = snap == null ? null : snap.decisions();
        int k = stepIndex(d);
        String m = metric.get();
        if (k >= 0 && isCategorical(m) && (DOMAIN.equals(m) || snap.table().has(m))) {
            splitting.cancel();
            quality.set(null);
            categorising.start("", ctx -> {
                String[] of = DOMAIN.equals(m) ? domains(snap.sample(), ctx) : snap.table().labelPerRow(m);
                return CategorySplit.of(m, of, DOMAIN.equals(m) ? DomainStats.NO_URL : UNDEFINED, d, k, CategorySplit.TOP,
                        ctx);
            }, categories::set);
            return;
        }
        categorising.cancel();
        categories.set(null);
        if (k < 0 || m == null || !snap.table().has(m)) {
            splitting.cancel();
            quality.set(null);
            return;
        }
        splitting.start("", ctx -> QualitySplit.of(m, snap.table().column(m), d, k, QualitySplit.BINS), quality::set);
    }

    private boolean isCategorical(String m) {
        return m != null && (DOMAIN.equals(m) || categoricalColumns.contains(m));
    }

    /** The domains of a sample's rows, as the Domains view groups them; worked out once per sample. */
    private record SampleDomains(Sample sample, String[] domains) { }

    private String[] domains(Sample sample, TaskContext ctx) {
        SampleDomains known = domains;
        if (known != null && known.sample() == sample) {
            return known.domains();
        }
        String[] out = domainsOf(sample, ctx);
        domains = new SampleDomains(sample, out);
        return out;
    }

    /**
     * Each row's domain as the Domains view groups it: the registrable domain of its host ({@link Hosts#siteOfHost},
     * the host itself when it has none); null for a row without a URL.
     */
    static String[] domainsOf(Sample sample, TaskContext ctx) {
        String[] out = new String[sample.size()];
        java.util.Map<String, String> byHost = new java.util.HashMap<>();
        for (int row = 0; row < out.length; row++) {
            if ((row & 0xFFF) == 0) {
                ctx.checkCancelled();
            }
            String h = sample.host(row);
            out[row] = h == null ? null : byHost.computeIfAbsent(h, Hosts::siteOfHost);
        }
        return out;
    }

    /** The buckets and hashes of the chosen step as the config has them. */
    private void syncLayout() {
        StepConfig s = chosenConfig();
        boolean isMinhash = s != null && s.type().equals(MinHashDedupStep.NAME);
        minhash.set(isMinhash);
        if (!isMinhash) {
            return;
        }
        StepParams p = StepParams.of(session.catalog().type(s.type()).orElseThrow(), s);
        syncing = true;
        try {
            buckets.set((int) p.number(MinHashDedupStep.NUM_BUCKETS));
            hashes.set((int) p.number(MinHashDedupStep.HASHES_PER_BUCKET));
        } finally {
            syncing = false;
        }
        curve.set(SCurve.of(buckets.get(), hashes.get()));
    }

    private StepConfig chosenConfig() {
        PipelineConfig c = session.config();
        int i = step.get() == null ? -1 : c.indexOf(step.get());
        return i < 0 ? null : c.steps().get(i);
    }

    /** A spinner moved: the curve follows at once, the step is changed and measured again in the background. */
    private void layoutChanged() {
        if (syncing) {
            return;
        }
        curve.set(SCurve.of(buckets.get(), hashes.get()));
        StepConfig s = chosenConfig();
        if (s == null || !s.type().equals(MinHashDedupStep.NAME)) {
            return;
        }
        StepType type = session.catalog().type(s.type()).orElseThrow();
        StepParams p = StepParams.of(type, s);
        if (p.number(MinHashDedupStep.NUM_BUCKETS) == buckets.get()
                && p.number(MinHashDedupStep.HASHES_PER_BUCKET) == hashes.get()) {
            return;
        }
        var next = PipelineEdits.minHashLayout(session.config(), s.stepName(), buckets.get(), hashes.get());
        if (next.isPresent() && !session.edit(next.get(), true)) {
            // Rejected (e.g. more than 1,024 hashes): the session says why; the spinners go back.
            error.set(session.errorProperty().get());
            syncLayout();
        }
    }

    private List<MemberRow> members(SampleSession.Snapshot snap, DuplicateClusters a, Cluster c) throws Exception {
        Decisions d = snap.decisions();
        var groups = d.duplicates(a.stepIndex()).orElseThrow();
        Sample s = snap.sample();
        List<MemberRow> out = new ArrayList<>();
        for (int row : groups.members(c.id())) {
            boolean survivor = row == c.survivor();
            double j = survivor ? 1 : a.minhash() ? MinHashDedupStep.estimatedJaccard(snap.table(), a.step(), c.survivor(), row)
                    : Double.NaN;
            String fate = d.kept(row) ? "kept" : d.steps().get(d.removedBy(row)) + ": " + d.reason(row);
            if (!survivor && d.rescued(a.stepIndex(), row)) {
                fate = "kept by keep_fraction" + (d.kept(row) ? "" : ", then " + fate);
            }
            out.add(new MemberRow(row, s.id(row), host(s, row), DuplicateClusters.snippet(s.document(row).text()), survivor,
                    (survivor ? "survivor · " : "copy · ") + fate, snap.keys().tokens()[row], j));
        }
        out.sort(MEMBER_ORDER);
        return out;
    }

    private static String host(Sample s, int row) {
        String h = s.host(row);
        return h == null ? "" : h;
    }

    /** The table's numeric columns (not categorical ones such as the language label), in table order. */
    static List<String> numericMetrics(MetricTable t) {
        List<String> out = new ArrayList<>();
        for (String name : t.names()) {
            if (t.labels(name).isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    /** The table's categorical columns (e.g. the language label, a topic step's cluster), in table order. */
    static List<String> categoricalMetrics(MetricTable t) {
        List<String> out = new ArrayList<>();
        for (String name : t.names()) {
            if (!t.labels(name).isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    private static String defaultMetric(List<String> numeric) {
        for (String preferred : List.of("fineweb_quality.line_punct_ratio", "gopher_quality.n_words")) {
            if (numeric.contains(preferred)) {
                return preferred;
            }
        }
        return numeric.isEmpty() ? null : numeric.get(0);
    }
}
