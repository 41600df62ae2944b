package org.loupe.app.vocab;

import org.loupe.app.session.LabelKeys;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.io.File;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.loupe.analysis.vocab.PreTokenizer;
import org.loupe.analysis.vocab.TokenFlag;
import org.loupe.analysis.vocab.VocabReport;
import org.loupe.app.document.DocumentView;
import org.loupe.app.common.DocumentCells;
import org.loupe.app.session.SampleSession;

/**
 * Vocabulary: training settings and actions on the left; the trained vocabulary's longest, rarest and
 * flagged tokens and the kept-vs-removed comparison in tabs; the selected token's facts and documents
 * (kept / removed) over the shared document inspector on the right.
 */
public final class VocabularyView extends BorderPane {

    public VocabularyView(VocabularyViewModel model, SampleSession session) {
        getStyleClass().add("vocab-view");
        setLeft(settings(model));

        TabPane tabs = new TabPane(
                tab("Longest bytes", table("vocab-longest-bytes", model.longestByBytes(), model, VocabularyViewModel.Origin.TRAINED,
                        "Train a tokenizer to see its longest tokens")),
                tab("Longest chars", table("vocab-longest-chars", model.longestByChars(), model, VocabularyViewModel.Origin.TRAINED,
                        "Train a tokenizer to see its longest tokens")),
                tab("Rarest", table("vocab-rarest", model.rarest(), model, VocabularyViewModel.Origin.TRAINED,
                        "Train a tokenizer to see its rarest tokens")),
                tab("Flagged", table("vocab-flagged", model.flagged(), model, VocabularyViewModel.Origin.TRAINED,
                        "Train a tokenizer to see its junk-looking tokens (markup, code, URLs, digit runs, mixed scripts, repeats)")),
                tab("Kept vs removed", comparison(model)));
        tabs.setId("vocab-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // Dense tab headers: all five titles fit the pane at 1280 px.
        tabs.getStyleClass().add(Styles.DENSE);

        SplitPane center = new SplitPane(tabs, details(model, session));
        center.setDividerPositions(0.6);
        setCenter(center);
        LabelKeys.install(this, session);
    }

    private Node settings(VocabularyViewModel model) {
        Label title = new Label("Tokenizer");
        title.getStyleClass().add(Styles.TITLE_4);

        ComboBox<VocabularyViewModel.Subset> trainOn = new ComboBox<>();
        trainOn.setId("vocab-train-on");
        trainOn.getItems().setAll(VocabularyViewModel.Subset.values());
        trainOn.valueProperty().bindBidirectional(model.trainOnProperty());
        trainOn.setMaxWidth(Double.MAX_VALUE);
        trainOn.setTooltip(new Tooltip("The documents the live pipeline keeps, removes, or all of them"));

        Spinner<Integer> size = new Spinner<>();
        size.setId("vocab-size");
        SpinnerValueFactory.IntegerSpinnerValueFactory sizes = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                VocabularyViewModel.MIN_VOCAB_SIZE, VocabularyViewModel.MAX_VOCAB_SIZE, model.vocabSizeProperty().get(), 1000);
        sizes.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String text) {
                try {
                    return Integer.valueOf(text.strip().replace(",", "").replace("_", ""));
                } catch (NumberFormatException e) {
                    return sizes.getValue();
                }
            }
        });
        size.setValueFactory(sizes);
        size.setEditable(true);
        size.setMaxWidth(Double.MAX_VALUE);
        sizes.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                model.vocabSizeProperty().set(v);
            }
        });
        model.vocabSizeProperty().addListener((o, a, v) -> sizes.setValue(v.intValue()));
        size.setTooltip(new Tooltip("Tokens in the vocabulary, the 256 bytes included ("
                + VocabularyViewModel.MIN_VOCAB_SIZE + " to " + VocabularyViewModel.MAX_VOCAB_SIZE + ")"));

        ComboBox<PreTokenizer.Style> style = new ComboBox<>();
        style.setId("vocab-style");
        style.getItems().setAll(PreTokenizer.Style.values());
        style.valueProperty().bindBidirectional(model.styleProperty());
        style.setMaxWidth(Double.MAX_VALUE);
        style.setTooltip(new Tooltip("The pre-tokenizer's expression: GPT-2's, or Llama 3's (GPT-4's cl100k)"));

        CheckBox digits = new CheckBox("Split digits");
        digits.setId("vocab-split-digits");
        digits.selectedProperty().bindBidirectional(model.splitDigitsProperty());
        digits.setTooltip(new Tooltip("Every digit its own piece (as Llama does)"));
        CheckBox spaces = new CheckBox("Whitespace runs");
        spaces.setId("vocab-whitespace-runs");
        spaces.selectedProperty().bindBidirectional(model.whitespaceRunsProperty());
        spaces.setTooltip(new Tooltip("Runs of spaces stay one piece, so indentation can become tokens"));

        Button train = new Button("Train");
        train.setId("vocab-train");
        train.getStyleClass().add(Styles.ACCENT);
        train.setMaxWidth(Double.MAX_VALUE);
        train.setOnAction(e -> model.train());
        Button compare = new Button("Compare kept vs removed");
        compare.setId("vocab-compare");
        compare.setMaxWidth(Double.MAX_VALUE);
        compare.setOnAction(e -> model.compare());
        compare.setTooltip(new Tooltip("Train the same tokenizer on the kept and on the removed documents"));
        Button cancel = new Button("Cancel");
        cancel.setId("vocab-cancel");
        cancel.getStyleClass().add(Styles.DANGER);
        cancel.setMaxWidth(Double.MAX_VALUE);
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.busyProperty().not());

        Button exportTokenizer = new Button("Export tokenizer.json…");
        exportTokenizer.setId("vocab-export-tokenizer");
        exportTokenizer.setMaxWidth(Double.MAX_VALUE);
        exportTokenizer.setOnAction(e -> save("Export the tokenizer", "tokenizer.json", model::exportTokenizer, "JSON", "*.json"));
        exportTokenizer.setTooltip(new Tooltip("A Hugging Face tokenizer.json (byte-level BPE)"));
        Button exportReport = new Button("Export report…");
        exportReport.setId("vocab-export-report");
        exportReport.setMaxWidth(Double.MAX_VALUE);
        exportReport.setOnAction(e -> save("Export the vocabulary report", "vocab-report.json", model::exportReport, "JSON", "*.json"));
        exportReport.setTooltip(new Tooltip("The longest, rarest and flagged tokens as JSON"));
        for (Button b : List.of(exportTokenizer, exportReport)) {
            b.disableProperty().bind(model.modelProperty().isNull());
        }

        Label exported = new Label();
        exported.setId("vocab-export-status");
        exported.setWrapText(true);
        exported.getStyleClass().add(Styles.TEXT_SMALL);
        exported.textProperty().bind(model.exportStatusProperty());
        exported.visibleProperty().bind(model.exportStatusProperty().isNotEmpty());
        exported.managedProperty().bind(exported.visibleProperty());

        Label summary = new Label();
        summary.setId("vocab-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(model.summaryProperty());
        Label notice = new Label();
        notice.setId("vocab-notice");
        notice.setWrapText(true);
        notice.getStyleClass().add(Styles.WARNING);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        VBox box = new VBox(6, title, caption("Train on"), trainOn, caption("Vocabulary size"), size, caption("Pre-tokenizer"),
                style, digits, spaces, new Separator(), train, compare, cancel, new Separator(), exportTokenizer, exportReport, exported,
                new Separator(), summary, notice);
        box.setPadding(new Insets(10));
        box.setPrefWidth(240);
        box.setMaxWidth(240);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("vocab-settings");
        return scroll;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return l;
    }

    private Node comparison(VocabularyViewModel model) {
        Label summary = new Label();
        summary.setId("vocab-compare-summary");
        summary.setWrapText(true);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        summary.textProperty().bind(model.compareSummaryProperty());
        TableView<VocabReport.Token> kept = table("vocab-only-kept", model.onlyKept(), model, VocabularyViewModel.Origin.KEPT,
                "Compare kept vs removed to see the tokens only the kept documents' vocabulary has");
        TableView<VocabReport.Token> removed = table("vocab-only-removed", model.onlyRemoved(), model,
                VocabularyViewModel.Origin.REMOVED, "… and those only the removed documents' vocabulary has");
        SplitPane both = new SplitPane(titled("only in kept", kept), titled("only in removed", removed));
        VBox box = new VBox(6, summary, both);
        VBox.setVgrow(both, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node details(VocabularyViewModel model, SampleSession session) {
        Label title = new Label();
        title.setId("vocab-selected");
        title.getStyleClass().addAll(Styles.TITLE_4, "token-text");
        title.textProperty().bind(model.selectedProperty().map(VocabReport.Token::display).orElse("Select a token"));
        Label facts = new Label();
        facts.setId("vocab-details");
        facts.setWrapText(true);
        facts.getStyleClass().add(Styles.TEXT_MUTED);
        facts.textProperty().bind(model.detailsProperty());
        facts.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button search = new Button("Search");
        search.setId("vocab-search");
        search.getStyleClass().add(Styles.SMALL);
        search.setTooltip(new Tooltip("Search every sampled document for the token's text"));
        search.setOnAction(e -> model.search());
        search.disableProperty().bind(model.selectedProperty().isNull());
        Label found = new Label();
        found.setId("vocab-documents-summary");
        found.setWrapText(true);
        found.textProperty().bind(model.documentsSummaryProperty());
        found.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox head = new HBox(10, title, search);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        ListView<VocabularyViewModel.DocumentHit> kept = documents("vocab-kept", model.keptDocuments(), model, session);
        ListView<VocabularyViewModel.DocumentHit> removed = documents("vocab-removed", model.removedDocuments(), model, session);
        SplitPane lists = new SplitPane(titled("kept", kept), titled("removed", removed));
        VBox top = new VBox(6, head, facts, found, lists);
        VBox.setVgrow(lists, Priority.ALWAYS);
        top.setPadding(new Insets(8));
        DocumentView inspector = new DocumentView(session.inspector());
        SplitPane split = new SplitPane(top, inspector);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        return split;
    }

    private static Tab tab(String name, Node content) {
        Tab t = new Tab(name, content);
        t.setClosable(false);
        return t;
    }

    private static Node titled(String name, Node content) {
        Label l = new Label(name);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(4, l, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private static TableView<VocabReport.Token> table(String id, ObservableList<VocabReport.Token> rows, VocabularyViewModel model,
                                                      VocabularyViewModel.Origin origin, String placeholder) {
        SortedList<VocabReport.Token> sorted = new SortedList<>(rows);
        TableView<VocabReport.Token> table = new TableView<>(sorted);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId(id);
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        Label empty = new Label(placeholder);
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        TableColumn<VocabReport.Token, String> token = text("token", 150, VocabReport.Token::display);
        token.setMinWidth(140);
        token.getStyleClass().add("token-column");
        table.getColumns().add(token);
        table.getColumns().add(number("bytes", 62, VocabReport.Token::bytes));
        table.getColumns().add(number("chars", 62, VocabReport.Token::chars));
        table.getColumns().add(number("count", 64, VocabReport.Token::count));
        table.getColumns().add(number("rank", 58, VocabReport.Token::rank));
        table.getColumns().add(text("flags", 110, t -> t.flags().stream().map(TokenFlag::label).collect(Collectors.joining(", "))));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t != null) {
                model.select(t, origin);
            }
        });
        return table;
    }

    private static ListView<VocabularyViewModel.DocumentHit> documents(String id, ObservableList<VocabularyViewModel.DocumentHit> rows,
                                                                       VocabularyViewModel model, SampleSession session) {
        ListView<VocabularyViewModel.DocumentHit> list = new ListView<>(rows);
        list.setId(id);
        list.setPlaceholder(new Label("None"));
        list.setCellFactory(DocumentCells.listCells(hit -> session.documentRows().row(hit.row()),
                hit -> String.format("%,d×", hit.occurrences()), session.documentRows().versionProperty()));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, hit) -> {
            if (hit != null) {
                model.open(hit.row());
            }
        });
        return list;
    }

    private static <R> TableColumn<R, String> text(String name, double width, Function<R, String> f) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        return c;
    }

    private static <R> TableColumn<R, Number> number(String name, double width, ToLongFunction<R> f) {
        TableColumn<R, Number> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.getStyleClass().add("numeric");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.applyAsLong(cell.getValue())));
        c.setComparator(Comparator.comparingLong(Number::longValue));
        c.setCellFactory(col -> new org.loupe.app.common.NumberColumns.FittedCell<>(
                v -> v.longValue() < 0 ? "–" : org.loupe.app.common.Formats.count(v.longValue()),
                v -> v.longValue() < 0 ? "–" : org.loupe.app.common.Formats.compactCount(v.longValue())));
        c.setMinWidth(Math.max(width, org.loupe.app.common.NumberColumns.width(name) + 24));
        return c;
    }

    private void save(String title, String name, java.util.function.Consumer<java.nio.file.Path> action, String description,
                      String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            action.accept(f.toPath());
        }
    }
}
