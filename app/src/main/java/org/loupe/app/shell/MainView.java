package org.loupe.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.converter.IntegerStringConverter;
import javafx.util.converter.LongStringConverter;
import org.loupe.app.browse.BrowseView;
import org.loupe.app.placeholder.PlaceholderView;
import org.loupe.app.problems.ProblemsView;
import org.loupe.app.task.TaskPanel;

/**
 * The main window's content: toolbar (open, sample settings), left rail of views, the current view,
 * the task panel and the status bar. Binds to {@link MainViewModel}; views are built on first use.
 */
public final class MainView extends BorderPane {
    private final MainViewModel model;
    private final StackPane center = new StackPane();
    private final Map<MainViewModel.View, Node> views = new EnumMap<>(MainViewModel.View.class);
    private final Map<MainViewModel.View, ToggleButton> railButtons = new EnumMap<>(MainViewModel.View.class);
    private BrowseView browseView;
    private boolean dark;

    public MainView(MainViewModel model, ObservableList<Task<?>> runningTasks) {
        this.model = model;
        getStyleClass().add("main-view");
        setTop(toolbar());
        setLeft(rail());
        center.getStyleClass().add("main-center");
        setCenter(center);
        VBox bottom = new VBox(noticeBar(), new TaskPanel(runningTasks), statusBar());
        setBottom(bottom);
        model.viewProperty().addListener((o, a, v) -> show(v));
        show(model.viewProperty().get());
    }

    /** Installs the keyboard shortcuts on the scene. */
    public void installShortcuts(Scene scene) {
        var acc = scene.getAccelerators();
        acc.put(KeyCombination.keyCombination("Shortcut+O"), this::chooseFolder);
        acc.put(KeyCombination.keyCombination("Shortcut+Shift+O"), this::chooseFile);
        acc.put(KeyCombination.keyCombination("Shortcut+R"), model::resample);
        acc.put(KeyCombination.keyCombination("Shortcut+F"), () -> {
            model.viewProperty().set(MainViewModel.View.BROWSE);
            browseView().focusFilter();
        });
        acc.put(KeyCombination.keyCombination("Shortcut+Shift+C"), () -> browseView().documentView().copyText());
        acc.put(KeyCombination.keyCombination("Shortcut+Period"), model::cancel);
        MainViewModel.View[] all = MainViewModel.View.values();
        for (int i = 0; i < all.length && i < 9; i++) {
            MainViewModel.View v = all[i];
            acc.put(KeyCombination.keyCombination("Shortcut+" + (i + 1)), () -> model.viewProperty().set(v));
        }
    }

    public BrowseView browseView() {
        if (browseView == null) {
            browseView = new BrowseView(model.browse());
            org.loupe.app.session.LabelKeys.install(browseView, model.session(), () -> model.document().rowProperty().get());
        }
        return browseView;
    }

    private Node toolbar() {
        Button open = new Button("Open folder…");
        open.setId("open-folder");
        open.setTooltip(new Tooltip("Open a folder of shards (Ctrl+O)"));
        open.setOnAction(e -> chooseFolder());
        open.getStyleClass().add("open-button");
        open.setMinWidth(Region.USE_PREF_SIZE);
        MenuButton more = new MenuButton("Recent");
        more.setId("open-menu");
        more.setTooltip(new Tooltip("Recent folders, a single shard file, the demo sample"));
        Runnable fillMenu = () -> {
            more.getItems().clear();
            MenuItem file = new MenuItem("Open a single shard file… (Ctrl+Shift+O)");
            file.setOnAction(e -> chooseFile());
            MenuItem demo = new MenuItem("Open the demo sample");
            demo.setOnAction(e -> model.openDemo());
            more.getItems().addAll(file, demo);
            if (!model.recentFolders().isEmpty()) {
                more.getItems().add(new SeparatorMenuItem());
                for (Path p : model.recentFolders()) {
                    MenuItem item = new MenuItem(p.toString());
                    item.setOnAction(e -> model.openFolder(p));
                    more.getItems().add(item);
                }
            }
        };
        model.recentFolders().addListener((ListChangeListener<Path>) c -> fillMenu.run());
        fillMenu.run();

        TextField size = new TextField();
        size.setId("sample-size");
        size.setPrefColumnCount(7);
        TextFormatter<Integer> sizeFormat = new TextFormatter<>(new IntegerStringConverter(), model.sampleSizeProperty().get(),
                c -> c.getControlNewText().matches("\\d{0,9}") ? c : null);
        size.setTextFormatter(sizeFormat);
        sizeFormat.valueProperty().addListener((o, a, v) -> {
            if (v != null && v > 0) {
                model.sampleSizeProperty().set(v);
            }
        });
        model.sampleSizeProperty().addListener((o, a, v) -> sizeFormat.setValue(v.intValue()));
        size.setTooltip(new Tooltip("Sample size in documents"));

        TextField seed = new TextField();
        seed.setId("sample-seed");
        seed.setPrefColumnCount(6);
        TextFormatter<Long> seedFormat = new TextFormatter<>(new LongStringConverter(), model.seedProperty().get(),
                c -> c.getControlNewText().matches("-?\\d{0,18}") ? c : null);
        seed.setTextFormatter(seedFormat);
        seedFormat.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                model.seedProperty().set(v);
            }
        });
        model.seedProperty().addListener((o, a, v) -> seedFormat.setValue(v.longValue()));
        seed.setTooltip(new Tooltip("Sampling seed: the same seed gives the same sample"));

        Button resample = new Button("Resample");
        resample.setId("resample");
        resample.setTooltip(new Tooltip("Draw the sample again with this size and seed (Ctrl+R)"));
        resample.setOnAction(e -> model.resample());
        resample.disableProperty().bind(model.scanProperty().isNull());
        size.setOnAction(e -> model.resample());
        seed.setOnAction(e -> model.resample());

        Label folder = new Label();
        folder.setId("folder-label");
        folder.getStyleClass().add(Styles.TEXT_MUTED);
        folder.textProperty().bind(model.folderLabelProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Button theme = new Button("◐");
        theme.setTooltip(new Tooltip("Light / dark theme"));
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.setOnAction(e -> {
            dark = !dark;
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
        });

        Label brand = new Label("Loupe");
        brand.getStyleClass().addAll(Styles.TITLE_4, "brand");
        ToolBar bar = new ToolBar(brand, new Separator(Orientation.VERTICAL), open, more, new Separator(Orientation.VERTICAL),
                new Label("Sample"), size, new Label("docs, seed"), seed, resample, spacer, folder, theme);
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    private Node rail() {
        VBox rail = new VBox(2);
        rail.getStyleClass().add("view-rail");
        rail.setPadding(new Insets(8, 6, 8, 6));
        ToggleGroup group = new ToggleGroup();
        int i = 1;
        for (MainViewModel.View v : MainViewModel.View.values()) {
            ToggleButton b = new ToggleButton(v.label());
            b.setId("rail-" + v.name().toLowerCase(java.util.Locale.ROOT));
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.getStyleClass().addAll(Styles.FLAT, "rail-button");
            b.setTooltip(new Tooltip(v.label() + " (Ctrl+" + i++ + ")"));
            b.setOnAction(e -> {
                model.viewProperty().set(v);
                b.setSelected(true);
            });
            railButtons.put(v, b);
            rail.getChildren().add(b);
        }
        rail.setPrefWidth(130);
        return rail;
    }

    private Node statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        model.errorProperty().addListener((o, a, err) ->
                status.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), err != null && !err.isEmpty()));
        Label kept = new Label();
        kept.setId("status-kept");
        kept.setMinWidth(Region.USE_PREF_SIZE);
        kept.textProperty().bind(model.tune().summaryProperty().map(t -> t.startsWith("Kept") ? t : ""));
        Label pipeline = new Label();
        pipeline.setId("pipeline-origin");
        pipeline.setMinWidth(Region.USE_PREF_SIZE);
        pipeline.textProperty().bind(model.pipelineLabelProperty().map(t -> "Pipeline: " + t));
        Tooltip about = new Tooltip();
        about.textProperty().bind(model.pipelineDescriptionProperty());
        pipeline.setTooltip(about);
        Button revert = new Button("Revert");
        revert.setId("pipeline-revert");
        revert.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        revert.setMinWidth(Region.USE_PREF_SIZE);
        revert.setTooltip(new Tooltip("Go back to the pipeline of the preset or config file it came from"));
        revert.visibleProperty().bind(model.pipelineModifiedProperty());
        revert.managedProperty().bind(revert.visibleProperty());
        revert.setOnAction(e -> model.revertPipeline());
        HBox bar = new HBox(16, status, pipeline, revert, kept);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(4, 10, 4, 10));
        return bar;
    }

    /** A notice to read once (a damaged session file set aside), above the task panel until dismissed. */
    private Node noticeBar() {
        Label text = new Label();
        text.setId("notice");
        text.setWrapText(true);
        text.textProperty().bind(model.noticeProperty());
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button dismiss = new Button("Dismiss");
        dismiss.setId("notice-dismiss");
        dismiss.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.setOnAction(e -> model.dismissNotice());
        HBox bar = new HBox(10, text, dismiss);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("notice-bar");
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private void show(MainViewModel.View v) {
        Node node = views.computeIfAbsent(v, this::build);
        center.getChildren().setAll(node);
        ToggleButton b = railButtons.get(v);
        if (b != null) {
            b.setSelected(true);
        }
    }

    private Node build(MainViewModel.View v) {
        Supplier<Node> placeholder = () -> new PlaceholderView(v.label(), switch (v) {
            case TUNE -> "Live threshold preview: histograms of every metric with the threshold drawn on them, the cascade "
                    + "of documents and tokens each step keeps, and why any document was removed.";
            case DIFFS -> "Per-filter diffs against a pinned baseline: documents newly removed and newly kept, overlaps "
                    + "between steps, and the lines a text-editing step removed.";
            case SEARCH -> "Ranked full-text search over kept and discarded documents, with status, domain and language facets.";
            case DOMAINS -> "Top domains by tokens, with documents of each domain to read and one-click blocklisting.";
            case VOCABULARY -> "A tokenizer trained on the data: its longest, rarest and junk-looking tokens.";
            default -> "";
        });
        return switch (v) {
            case BROWSE -> browseView();
            case PROBLEMS -> new ProblemsView(model.problems());
            case TUNE -> new org.loupe.app.tune.TuneView(model.tune());
            case DIFFS -> new org.loupe.app.diff.DiffView(model.diff(), model.session());
            case DOMAINS -> new org.loupe.app.domains.DomainsView(model.domains(), model.session(), model::searchFor);
            case CLUSTERS -> new org.loupe.app.clusters.ClustersView(model.clusters(), model.session());
            case VOCABULARY -> new org.loupe.app.vocab.VocabularyView(model.vocabulary(), model.session());
            case DUPLICATES -> new org.loupe.app.duplicates.DuplicatesView(model.duplicates(), model.session());
            case SEARCH -> {
                org.loupe.app.search.SearchView searchView = new org.loupe.app.search.SearchView(model.search());
                org.loupe.app.session.LabelKeys.install(searchView, model.session(), model.search()::shownRow);
                yield searchView;
            }
            default -> placeholder.get();
        };
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a folder of shards");
        Path current = model.folderProperty().get();
        if (current != null && current.getParent() != null && current.getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            model.openFolder(dir.toPath());
        }
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a shard file");
        File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            model.openFolder(file.toPath());
        }
    }
}
