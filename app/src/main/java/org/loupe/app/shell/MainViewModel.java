package org.loupe.app.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.app.context.AppContext;
import org.loupe.app.browse.BrowseViewModel;
import org.loupe.app.browse.PreviewSource;
import org.loupe.app.browse.SampleSource;
import org.loupe.app.common.SampleLanguages;
import org.loupe.app.document.DocumentViewModel;
import org.loupe.app.problems.ProblemsViewModel;
import org.loupe.app.task.LatestTask;
import org.loupe.app.task.TaskRunner;
import org.loupe.engine.model.Document;
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
 * exists, and draws the sample in the background; a newer request stops what runs for the older one and
 * drops its results.
 */
public final class MainViewModel implements AutoCloseable {

    /** The views of the left rail. */
    public enum View {
        BROWSE("Browse"), PROBLEMS("Problems"), TUNE("Tune"), DIFFS("Diffs"), SEARCH("Search"),
        DOMAINS("Domains"), CLUSTERS("Clusters"), VOCABULARY("Vocabulary"), DUPLICATES("Duplicates");

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
    private final DocumentViewModel document;
    private final BrowseViewModel browse;
    private final ProblemsViewModel problems = new ProblemsViewModel();
    private final org.loupe.app.session.SampleSession session;
    private final org.loupe.app.tune.TuneViewModel tune;
    private final org.loupe.app.diff.DiffViewModel diff;
    private final org.loupe.app.search.SearchViewModel search;
    private final org.loupe.app.domains.DomainsViewModel domains;
    private final org.loupe.app.clusters.ClustersViewModel clusters;
    private final org.loupe.app.vocab.VocabularyViewModel vocabulary;
    private final org.loupe.app.duplicates.DuplicatesViewModel duplicates;
    private final FolderMemory memory;

    private final ObjectProperty<View> view = new SimpleObjectProperty<>(View.BROWSE);
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper folderLabel = new ReadOnlyStringWrapper("No folder");
    private final ReadOnlyObjectWrapper<ScanResult> scan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Sample> sample = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty sampleSize = new SimpleIntegerProperty(SampleSpec.DEFAULT_SIZE);
    private final LongProperty seed = new SimpleLongProperty(SampleSpec.DEFAULT_SEED);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Open a folder of shards (Ctrl+O)");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Long> firstRowsMillis = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper pipelineLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pipelineDescription = new ReadOnlyStringWrapper("");

    // Background jobs for the open folder (a new request stops them all), and the recent-folders file.
    private final LatestTask<Path> demo;
    private final LatestTask<List<Document>> preview;
    private final LatestTask<ScanResult> scanning;
    private final LatestTask<Sample> drawing;
    private final LatestTask<long[]> counting;
    private final LatestTask<String[]> identifying;
    private final LatestTask<List<Problem>> loadingProblems;
    private final List<LatestTask<?>> folderJobs;
    private final LatestTask<List<Path>> recents;
    private long openedAt;
    /** A sample drawn while the folder's session was still being read: shown once it is restored. */
    private Sample heldSample;
    private Runnable afterRestore;

    public MainViewModel(AppContext context) {
        this.context = context;
        TaskRunner tasks = context.tasks();
        demo = new LatestTask<Path>(tasks).onFailure(reason -> fail("Cannot open the demo sample", reason));
        preview = new LatestTask<>(tasks);
        scanning = new LatestTask<ScanResult>(tasks).onFailure(reason -> fail("Cannot open " + folder.get(), reason));
        // A sample drawn for an older request is closed, not leaked.
        drawing = new LatestTask<Sample>(tasks).onFailure(reason -> fail("Sampling failed", reason))
                .onDiscard(MainViewModel::closeQuietly);
        counting = new LatestTask<long[]>(tasks).onFailure(reason -> fail("Cannot count tokens", reason));
        identifying = new LatestTask<String[]>(tasks).onFailure(reason -> fail("Cannot identify languages", reason));
        loadingProblems = new LatestTask<List<Problem>>(tasks).onFailure(reason -> fail("Cannot read the problem log", reason));
        folderJobs = List.of(demo, preview, scanning, drawing, counting, identifying, loadingProblems);
        // One at a time: two quick opens must not write the file at once.
        recents = new LatestTask<List<Path>>(tasks).coalescing();
        this.document = new DocumentViewModel(tasks);
        this.session = new org.loupe.app.session.SampleSession(context);
        this.browse = new BrowseViewModel(document, session);
        this.tune = new org.loupe.app.tune.TuneViewModel(context, session);
        // Browse's viewer explains documents too: why the current pipeline keeps or removes them.
        document.annotatorProperty().set(session::annotate);
        this.diff = new org.loupe.app.diff.DiffViewModel(context, session);
        this.search = new org.loupe.app.search.SearchViewModel(context, session);
        document.searcherProperty().set(this::searchFor);
        this.domains = new org.loupe.app.domains.DomainsViewModel(tasks, session);
        this.vocabulary = new org.loupe.app.vocab.VocabularyViewModel(context, session, this::searchFor);
        this.clusters = new org.loupe.app.clusters.ClustersViewModel(context, session, this::searchFor);
        this.duplicates = new org.loupe.app.duplicates.DuplicatesViewModel(tasks, session);
        search.setActive(view.get() == View.SEARCH);
        duplicates.setActive(view.get() == View.DUPLICATES);
        domains.setActive(view.get() == View.DOMAINS);
        vocabulary.setActive(view.get() == View.VOCABULARY);
        clusters.setActive(view.get() == View.CLUSTERS);
        view.addListener((o, a, v) -> {
            search.setActive(v == View.SEARCH);
            domains.setActive(v == View.DOMAINS);
            vocabulary.setActive(v == View.VOCABULARY);
            clusters.setActive(v == View.CLUSTERS);
            duplicates.setActive(v == View.DUPLICATES);
        });
        session.inspector().searcherProperty().set(this::searchFor);
        session.decisionsProperty().addListener((o, a, d) -> document.refreshAnnotation());
        session.labels().versionProperty().addListener((o, a, v) -> document.refreshAnnotation());
        recents.start("", ctx -> context.recentFolders().load(), recent::setAll);
        this.memory = new FolderMemory(context, session, tune, diff, view, org.loupe.app.session.SessionAutosave.DELAY);
        session.originProperty().addListener((o, a, b) -> describePipeline());
        session.modifiedProperty().addListener((o, a, b) -> describePipeline());
        describePipeline();
    }

    private void describePipeline() {
        org.loupe.app.session.PipelineOrigin origin = session.origin();
        boolean modified = session.modifiedProperty().get();
        pipelineLabel.set(origin.label() + (modified ? " •" : ""));
        pipelineDescription.set("The pipeline comes from " + origin.describe() + (modified
                ? " and has changes not saved to a config file (Tune › Export › Save config; Revert goes back)"
                : ", unchanged") + ". It is remembered for this folder either way.");
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

    /** Whether a sample is being drawn or opened. */
    public ReadOnlyBooleanProperty samplingProperty() {
        return drawing.runningProperty();
    }

    /** Milliseconds from opening the folder to the first rows in the table (null until then). */
    public ReadOnlyObjectProperty<Long> firstRowsMillisProperty() {
        return firstRowsMillis.getReadOnlyProperty();
    }

    /** The preset or config file the pipeline came from, with " •" when it has changed since ("fineweb •"). */
    public ReadOnlyStringProperty pipelineLabelProperty() {
        return pipelineLabel.getReadOnlyProperty();
    }

    /** Where the pipeline comes from and whether it changed, in a sentence (the label's tooltip). */
    public ReadOnlyStringProperty pipelineDescriptionProperty() {
        return pipelineDescription.getReadOnlyProperty();
    }

    /** Whether the pipeline differs from its preset or config file. */
    public ReadOnlyBooleanProperty pipelineModifiedProperty() {
        return session.modifiedProperty();
    }

    /** A notice to read once (a damaged session file that was set aside), or "". */
    public ReadOnlyStringProperty noticeProperty() {
        return memory.noticeProperty();
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

    /** The sample session every view shares. */
    public org.loupe.app.session.SampleSession session() {
        return session;
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

    public org.loupe.app.duplicates.DuplicatesViewModel duplicates() {
        return duplicates;
    }

    // Commands

    /** Opens the bundled demo sample. */
    public void openDemo() {
        begin();
        status.set("Preparing the demo sample…");
        demo.start("Preparing the demo sample", ctx -> DemoSample.extract(context.workspace().root()),
                dir -> open(dir, "Demo sample", false));
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
        begin();
        draw(s);
    }

    /** Goes back to the pipeline of the preset or config file it came from. */
    public void revertPipeline() {
        session.revert();
    }

    public void dismissNotice() {
        memory.dismissNotice();
    }

    /** The folder's session keeper (tests). */
    FolderMemory memory() {
        return memory;
    }

    /** Cancels the scan, preview and sampling of the current folder. */
    public void cancel() {
        stopAll();
        status.set("Cancelled");
    }

    private void open(Path path, String label, boolean remember) {
        memory.leave();
        begin();
        openedAt = System.nanoTime();
        firstRowsMillis.set(null);
        folder.set(path);
        folderLabel.set(label != null ? label : path.toString());
        scan.set(null);
        session.setSample(null);
        search.setSample(null);
        replaceSample(null);
        browse.setSource(null);
        problems.clear();
        // The folder's remembered session is restored before its sample is measured: no defaults flash.
        memory.open(path, this::restored);
        status.set("Scanning " + path + "…");
        if (remember) {
            recents.start("", ctx -> context.recentFolders().add(path), recent::setAll);
        }
        // The preview goes first and alone: it sniffs only the first files, so the first documents are on
        // screen in well under a second whatever the folder's size; the full scan starts when it is done.
        Runnable scanFolder = () -> scanning.start("Scanning " + path.getFileName(), ctx -> new ShardScanner().scan(path),
                this::onScanned);
        preview.start("Reading the first documents",
                ctx -> Preview.firstDocuments(path, context.readerOptions(), PREVIEW_DOCUMENTS, ctx),
                docs -> {
                    if (sample.get() == null && !docs.isEmpty()) {
                        browse.setSource(new PreviewSource(docs));
                        markFirstRows();
                    }
                    scanFolder.run();
                },
                // The scan and the sampling report reading errors with their context.
                reason -> scanFolder.run());
    }

    private void onScanned(ScanResult result) {
        scan.set(result);
        problems.setProblems(result.problems(), List.of(), null);
        if (result.shards().isEmpty()) {
            status.set(String.format("No shards in %s (%,d files not recognized: see Problems)", result.root(),
                    result.problems().size()));
            return;
        }
        draw(result);
    }

    private void draw(ScanResult result) {
        SampleSpec spec;
        try {
            spec = SampleSpec.ofSize(sampleSize.get(), seed.get());
        } catch (IllegalArgumentException e) {
            fail("Invalid sample settings", e.getMessage());
            return;
        }
        String from = String.format("%s from %,d shards (%s)", spec.describe(), result.shards().size(), human(result.totalBytes()));
        status.set("Sampling " + from + "…");
        drawing.start("Sampling " + name(result.root()), ctx -> {
            // Whether the sample is stored already is a look into the workspace: here, not on the UI thread.
            if (context.workspace().hasSample(result, spec, context.readerOptions())) {
                ctx.message("Opening the stored sample");
                ctx.handOn(() -> status.set("Opening the stored sample " + from + "…"));
            }
            return context.workspace().openOrDraw(result, spec, context.readerOptions(), context.threads(), ctx);
        }, s -> onSampled(result, s));
    }

    private void restored() {
        Runnable then = afterRestore;
        afterRestore = null;
        heldSample = null;
        if (then != null) {
            then.run();
        }
    }

    private void onSampled(ScanResult result, Sample s) {
        if (memory.restoring()) {
            heldSample = s;
            afterRestore = () -> onSampled(result, s);
            return;
        }
        SampleSource source = new SampleSource(s);
        browse.setSource(source);
        replaceSample(s);
        session.setSample(s);
        search.setSample(s);
        markFirstRows();
        SampleManifest.ReadStats stats = s.manifest().stats();
        status.set(String.format("%,d shards (%s)  ·  sample %,d of %,d documents (seed %d)  ·  %,d problems",
                result.shards().size(), human(result.totalBytes()), s.size(), stats.documents(), s.spec().seed(),
                stats.problems() + result.problems().size()));
        String encoding = org.loupe.engine.measure.tokens.TokenCounter.DEFAULT;
        counting.start("Counting tokens", ctx -> org.loupe.engine.run.SampleMeasurements.tokens(s, encoding, context.threads(), ctx),
                counts -> {
                    browse.tokensArrived(source, counts);
                    long total = java.util.Arrays.stream(counts).sum();
                    status.set(String.format("%,d shards (%s)  ·  sample %,d of %,d documents, %,d tokens (%s, seed %d)  ·  %,d problems",
                            result.shards().size(), human(result.totalBytes()), s.size(), stats.documents(), total, encoding,
                            s.spec().seed(), stats.problems() + result.problems().size()));
                });
        identifying.start("Identifying languages", ctx -> SampleLanguages.identify(context, s, ctx),
                codes -> browse.languagesArrived(source, codes));
        loadingProblems.start("Loading problems", ctx -> s.problems().read(MAX_PROBLEMS_SHOWN),
                list -> problems.setProblems(result.problems(), list, stats));
    }

    private void markFirstRows() {
        if (firstRowsMillis.get() == null) {
            firstRowsMillis.set((System.nanoTime() - openedAt) / 1_000_000);
            if (System.getProperty("loupe.timing") != null) {
                System.err.printf("loupe.timing first-rows-ms=%d%n", firstRowsMillis.get());
                org.loupe.app.context.StartupTiming.mark("first-rows");
            }
        }
    }

    /** A new request for the folder: what runs for the previous one stops, its results are dropped. */
    private void begin() {
        stopAll();
        if (heldSample != null) {
            closeQuietly(heldSample);
            heldSample = null;
            afterRestore = null;
        }
        error.set("");
    }

    private void stopAll() {
        for (LatestTask<?> job : folderJobs) {
            job.cancel();
        }
    }

    /** A failure says what failed and why, on the status line and in {@link #errorProperty()}. */
    private void fail(String what, String reason) {
        String message = what + ": " + reason;
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
        memory.close();
        stopAll();
        vocabulary.cancel();
        clusters.cancel();
        duplicates.cancel();
        search.close();
        replaceSample(null);
    }

    /** Jumps to Search with a query (from any view: a domain, a token, keywords). */
    public void searchFor(String query) {
        view.set(View.SEARCH);
        search.searchFor(query);
    }
}
