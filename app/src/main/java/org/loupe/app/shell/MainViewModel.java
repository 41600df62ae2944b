package org.loupe.app.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.app.AppContext;
import org.loupe.app.browse.BrowseViewModel;
import org.loupe.app.browse.PreviewSource;
import org.loupe.app.browse.SampleSource;
import org.loupe.app.document.DocumentViewModel;
import org.loupe.app.problems.ProblemsViewModel;
import org.loupe.app.task.TaskRunner;
import org.loupe.engine.read.Problem;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.ShardScanner;
import org.loupe.engine.sample.Preview;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.sample.SampleManifest;
import org.loupe.engine.sample.SampleSpec;

/**
 * The workbench's top-level state: which folder is open, the sample settings, the drawn sample, the
 * current view, the status line; and the commands to open a folder, open the demo and resample.
 *
 * <p>Opening a folder scans it, shows the first documents at once (a preview) when no stored sample
 * exists, and draws the sample in the background; results of an older request are dropped
 * (generation counter).
 */
public final class MainViewModel implements AutoCloseable {

    /** The views of the left rail. */
    public enum View {
        BROWSE("Browse"), PROBLEMS("Problems"), TUNE("Tune"), DIFFS("Diffs"), SEARCH("Search"),
        DOMAINS("Domains"), CLUSTERS("Clusters"), VOCABULARY("Vocabulary");

        private final String label;

        View(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static final int PREVIEW_DOCUMENTS = 200;
    static final int MAX_PROBLEMS_SHOWN = 1_000_000;

    private final AppContext context;
    private final TaskRunner tasks;
    private final DocumentViewModel document;
    private final BrowseViewModel browse;
    private final ProblemsViewModel problems = new ProblemsViewModel();
    private final org.loupe.app.tune.TuneViewModel tune;
    private final org.loupe.app.diff.DiffViewModel diff;
    private final org.loupe.app.search.SearchViewModel search;
    private final org.loupe.app.domains.DomainsViewModel domains;
    private final org.loupe.app.clusters.ClustersViewModel clusters;
    private final org.loupe.app.vocab.VocabularyViewModel vocabulary;

    private final ObjectProperty<View> view = new SimpleObjectProperty<>(View.BROWSE);
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper folderLabel = new ReadOnlyStringWrapper("No folder");
    private final ReadOnlyObjectWrapper<ScanResult> scan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Sample> sample = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty sampleSize = new SimpleIntegerProperty(SampleSpec.DEFAULT_SIZE);
    private final LongProperty seed = new SimpleLongProperty(SampleSpec.DEFAULT_SEED);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Open a folder of shards (Ctrl+O)");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper sampling = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Long> firstRowsMillis = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();

    private final List<TaskRunner.Handle> running = new ArrayList<>();
    private long generation;
    private long openedAt;

    public MainViewModel(AppContext context) {
        this.context = context;
        this.tasks = context.tasks();
        this.document = new DocumentViewModel(tasks);
        this.browse = new BrowseViewModel(document);
        this.tune = new org.loupe.app.tune.TuneViewModel(context);
        // Browse's viewer explains documents too: why the current pipeline keeps or removes them.
        document.annotatorProperty().set(tune::annotate);
        this.diff = new org.loupe.app.diff.DiffViewModel(context, tune);
        this.search = new org.loupe.app.search.SearchViewModel(context, tune);
        document.searcherProperty().set(this::searchFor);
        this.domains = new org.loupe.app.domains.DomainsViewModel(tune);
        this.vocabulary = new org.loupe.app.vocab.VocabularyViewModel(context, tune, this::searchFor);
        this.clusters = new org.loupe.app.clusters.ClustersViewModel(context, tune, this::searchFor);
        search.setActive(view.get() == View.SEARCH);
        domains.setActive(view.get() == View.DOMAINS);
        vocabulary.setActive(view.get() == View.VOCABULARY);
        clusters.setActive(view.get() == View.CLUSTERS);
        view.addListener((o, a, v) -> {
            search.setActive(v == View.SEARCH);
            domains.setActive(v == View.DOMAINS);
            vocabulary.setActive(v == View.VOCABULARY);
            clusters.setActive(v == View.CLUSTERS);
        });
        tune.inspector().searcherProperty().set(this::searchFor);
        tune.decisionsProperty().addListener((o, a, d) -> document.refreshAnnotation());
        tune.labelVersionProperty().addListener((o, a, v) -> document.refreshAnnotation());
        recent.setAll(context.recentFolders().load());
    }

    // Properties

    public ObjectProperty<View> viewProperty() {
        return view;
    }

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty folderLabelProperty() {
        return folderLabel.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ScanResult> scanProperty() {
        return scan.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Sample> sampleProperty() {
        return sample.getReadOnlyProperty();
    }

    public IntegerProperty sampleSizeProperty() {
        return sampleSize;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last error, in a sentence; empty when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty samplingProperty() {
        return sampling.getReadOnlyProperty();
    }

    /** Milliseconds from opening the folder to the first rows in the table (null until then). */
    public ReadOnlyObjectProperty<Long> firstRowsMillisProperty() {
        return firstRowsMillis.getReadOnlyProperty();
    }

    public ObservableList<Path> recentFolders() {
        return recent;
    }

    public BrowseViewModel browse() {
        return browse;
    }

    public ProblemsViewModel problems() {
        return problems;
    }

    public DocumentViewModel document() {
        return document;
    }

    public org.loupe.app.tune.TuneViewModel tune() {
        return tune;
    }

    public org.loupe.app.diff.DiffViewModel diff() {
        return diff;
    }

    public org.loupe.app.search.SearchViewModel search() {
        return search;
    }

    public org.loupe.app.domains.DomainsViewModel domains() {
        return domains;
    }

    public org.loupe.app.vocab.VocabularyViewModel vocabulary() {
        return vocabulary;
    }

    public org.loupe.app.clusters.ClustersViewModel clusters() {
        return clusters;
    }

    // Commands

    /** Opens the bundled demo sample. */
    public void openDemo() {
        long gen = begin();
        status.set("Preparing the demo sample…");
        track(tasks.run("Preparing the demo sample", ctx -> DemoSample.extract(context.workspace().root()),
                dir -> {
                    if (gen == generation) {
                        open(dir, "Demo sample", false);
                    }
                },
                e -> fail(gen, "Cannot open the demo sample", e)));
    }

    /** Opens a folder (or a single shard file): scan, preview, sample. */
    public void openFolder(Path path) {
        open(path.toAbsolutePath().normalize(), null, true);
    }

    /** Draws the sample again with the current size and seed. */
    public void resample() {
        ScanResult s = scan.get();
        if (s == null) {
            return;
        }
        long gen = begin();
        draw(gen, s);
    }

    /** Cancels the scan, preview and sampling of the current folder. */
    public void cancel() {
        running.forEach(TaskRunner.Handle::cancel);
        running.clear();
        sampling.set(false);
        status.set("Cancelled");
    }

    private void open(Path path, String label, boolean remember) {
        long gen = begin();
        openedAt = System.nanoTime();
        firstRowsMillis.set(null);
        folder.set(path);
        folderLabel.set(label != null ? label : path.toString());
        scan.set(null);
        tune.setSample(null);
        search.setSample(null);
        replaceSample(null);
        browse.setSource(null);
        problems.clear();
        status.set("Scanning " + path + "…");
        if (remember) {
            recent.setAll(context.recentFolders().add(path));
        }
        // The preview goes first and alone: it sniffs only the first files, so the first documents are on
        // screen in well under a second whatever the folder's size; the full scan starts when it is done.
        startPreview(gen, path, () -> track(tasks.run("Scanning " + path.getFileName(), ctx -> new ShardScanner().scan(path),
                result -> {
                    if (gen == generation) {
                        onScanned(gen, result);
                    }
                },
                e -> fail(gen, "Cannot open " + path, e))));
    }

    private void onScanned(long gen, ScanResult result) {
        scan.set(result);
        problems.setProblems(result.problems(), List.of(), null);
        if (result.shards().isEmpty()) {
            status.set(String.format("No shards in %s (%,d files not recognized: see Problems)", result.root(),
                    result.problems().size()));
            return;
        }
        draw(gen, result);
    }

    private void draw(long gen, ScanResult result) {
        SampleSpec spec;
        try {
            spec = SampleSpec.ofSize(sampleSize.get(), seed.get());
        } catch (IllegalArgumentException e) {
            fail(gen, "Invalid sample settings", e);
            return;
        }
        boolean stored = context.workspace().hasSample(result, spec, context.readerOptions());
        sampling.set(true);
        status.set(String.format("%s %s from %,d shards (%s)…", stored ? "Opening the stored sample" : "Sampling",
                spec.describe(), result.shards().size(), human(result.totalBytes())));
        track(tasks.run((stored ? "Opening sample of " : "Sampling ") + name(result.root()),
                ctx -> context.workspace().openOrDraw(result, spec, context.readerOptions(), context.threads(), ctx),
                s -> {
                    if (gen != generation) {
                        closeQuietly(s);
                        return;
                    }
                    onSampled(gen, result, s);
                },
                e -> fail(gen, "Sampling failed", e)));
    }

    /**
     * Shows the first documents of the folder at once, without waiting for the full scan: only the first
     * few files are sniffed and read. A stored or freshly drawn sample replaces them.
     */
    private void startPreview(long gen, Path path, Runnable then) {
        track(tasks.run("Reading the first documents",
                ctx -> Preview.firstDocuments(path, context.readerOptions(), PREVIEW_DOCUMENTS, ctx),
                docs -> {
                    if (gen == generation && sample.get() == null && !docs.isEmpty()) {
                        browse.setSource(new PreviewSource(docs));
                        markFirstRows();
                    }
                    if (gen == generation) {
                        then.run();
                    }
                },
                e -> {
                    // The scan and the sampling report reading errors with their context.
                    if (gen == generation) {
                        then.run();
                    }
                }));
    }

    private void onSampled(long gen, ScanResult result, Sample s) {
        sampling.set(false);
        SampleSource source = new SampleSource(s);
        browse.setSource(source);
        replaceSample(s);
        tune.setSample(s);
        search.setSample(s);
        markFirstRows();
        SampleManifest.ReadStats stats = s.manifest().stats();
        status.set(String.format("%,d shards (%s)  ·  sample %,d of %,d documents (seed %d)  ·  %,d problems",
                result.shards().size(), human(result.totalBytes()), s.size(), stats.documents(), s.spec().seed(),
                stats.problems() + result.problems().size()));
        String encoding = org.loupe.engine.measure.tokens.TokenCounter.DEFAULT;
        track(tasks.run("Counting tokens", ctx -> org.loupe.engine.run.SampleMeasurements.tokens(s, encoding, context.threads(), ctx),
                counts -> {
                    if (gen == generation) {
                        browse.tokensArrived(source, counts);
                        long total = java.util.Arrays.stream(counts).sum();
                        status.set(String.format("%,d shards (%s)  ·  sample %,d of %,d documents, %,d tokens (%s, seed %d)  ·  %,d problems",
                                result.shards().size(), human(result.totalBytes()), s.size(), stats.documents(), total, encoding,
                                s.spec().seed(), stats.problems() + result.problems().size()));
                    }
                },
                e -> fail(gen, "Cannot count tokens", e)));
        track(tasks.run("Identifying languages", ctx -> {
                    var t = org.loupe.engine.run.SampleMeasurements.languages(s, context.languageIdentifier().get(), context.threads(), ctx);
                    double[] codes = t.column("language");
                    java.util.List<String> labels = t.labels("language");
                    String[] out = new String[codes.length];
                    for (int i = 0; i < codes.length; i++) {
                        int l = (int) codes[i];
                        out[i] = l >= 0 && l < labels.size() ? labels.get(l) : null;
                    }
                    return out;
                },
                codes -> {
                    if (gen == generation) {
                        browse.languagesArrived(source, codes);
                    }
                },
                e -> fail(gen, "Cannot identify languages", e)));
        track(tasks.run("Loading problems", ctx -> s.problems().read(MAX_PROBLEMS_SHOWN),
                list -> {
                    if (gen == generation) {
                        problems.setProblems(result.problems(), list, stats);
                    }
                },
                e -> fail(gen, "Cannot read the problem log", e)));
    }

    private void markFirstRows() {
        if (firstRowsMillis.get() == null) {
            firstRowsMillis.set((System.nanoTime() - openedAt) / 1_000_000);
            if (System.getProperty("loupe.timing") != null) {
                System.err.printf("loupe.timing first-rows-ms=%d%n", firstRowsMillis.get());
            }
        }
    }

    private long begin() {
        running.forEach(TaskRunner.Handle::cancel);
        running.clear();
        error.set("");
        sampling.set(false);
        return ++generation;
    }

    private void track(TaskRunner.Handle handle) {
        running.removeIf(TaskRunner.Handle::isDone);
        if (!handle.isDone()) {
            running.add(handle);
        }
    }

    private void fail(long gen, String what, Throwable e) {
        if (gen != generation) {
            return;
        }
        sampling.set(false);
        String message = what + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        error.set(message);
        status.set(message);
    }

    private void replaceSample(Sample s) {
        Sample old = sample.get();
        sample.set(s);
        if (old != null && old != s) {
            closeQuietly(old);
        }
    }

    private static void closeQuietly(Sample s) {
        try {
            s.close();
        } catch (IOException e) {
            // Read-only store: nothing to lose.
        }
    }

    private static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    static String human(long bytes) {
        return org.loupe.engine.io.Sizes.human(bytes);
    }

    /** Files that are not shards and problems met while reading, for callers that need them all. */
    public List<Problem> currentProblems() {
        return List.copyOf(problems.allProblems());
    }

    @Override
    public void close() {
        running.forEach(TaskRunner.Handle::cancel);
        vocabulary.cancel();
        clusters.cancel();
        search.close();
        replaceSample(null);
    }

    /** Jumps to Search with a query (from any view: a domain, a token, keywords). */
    public void searchFor(String query) {
        view.set(View.SEARCH);
        search.searchFor(query);
    }
}
