package org.loupe.app.duplicates;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.loupe.app.common.Formats;
import org.loupe.app.document.DocumentView;
import org.loupe.app.session.LabelKeys;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.pipeline.steps.MinHashDedupStep;

/**
 * Duplicates: the chosen dedup step's clusters (sortable by size or tokens removed) over a histogram of cluster
 * sizes; on the right a cluster's documents with two of them side by side (words only in one marked), the
 * S-curve with the buckets and hashes spinners, "what dedup does to quality", and the inspector. With no dedup
 * step, a message and a button that adds one.
 */
public final class DuplicatesView extends BorderPane {
    private final DuplicatesViewModel model;
    private final DuplicateCharts.Curve curveChart = new DuplicateCharts.Curve();
    private final TabPane right;

    public DuplicatesView(DuplicatesViewModel model, SampleSession session) {
        this.model = model;
        getStyleClass().add("duplicates-view");
        setTop(header());
        right = new TabPane(tab("Cluster", "duplicates-cluster-tab", cluster()),
                tab("S-curve", "duplicates-curve-tab", curve()), tab("Quality", "duplicates-quality-tab", quality()),
                tab("Document", "duplicates-document-tab", new DocumentView(session.inspector())));
        right.setId("duplicates-tabs");
        right.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane content = new SplitPane(clusters(), right);
        content.setDividerPositions(0.45);
        StackPane center = new StackPane(content, emptyState());
        setCenter(center);
        LabelKeys.install(this, session);
    }

    /** Opens a document in the inspector and shows it. */
    private void open(int row) {
        model.open(row);
        right.getSelectionModel().select(right.getTabs().size() - 1);
    }

    private Node header() {
        Label stepLabel = new Label("Dedup step");
        ChoiceBox<String> steps = new ChoiceBox<>(model.steps());
        steps.setId("duplicates-step");
        steps.valueProperty().bindBidirectional(model.stepProperty());
        steps.disableProperty().bind(javafx.beans.binding.Bindings.size(model.steps()).lessThan(2));
        Label summary = new Label();
        summary.setId("duplicates-summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.setMinSize(16, 16);
        Label busy = new Label("measuring…");
        busy.getStyleClass().add(Styles.TEXT_MUTED);
        busy.setMinWidth(Region.USE_PREF_SIZE);
        HBox measuring = new HBox(6, spinner, busy);
        measuring.setId("duplicates-measuring");
        measuring.setAlignment(Pos.CENTER_LEFT);
        measuring.visibleProperty().bind(model.busyProperty());
        measuring.managedProperty().bind(model.busyProperty());
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        error.setWrapText(true);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        HBox bar = new HBox(10, stepLabel, steps, summary, measuring);
        bar.setAlignment(Pos.CENTER_LEFT);
        stepLabel.setMinWidth(Region.USE_PREF_SIZE);
        VBox top = new VBox(4, bar, error);
        top.setPadding(new Insets(8, 8, 4, 8));
        return top;
    }

    /** Shown instead of the rest while the pipeline has no dedup step. */
    private Node emptyState() {
        Label title = new Label("No dedup step in the pipeline");
        title.getStyleClass().add(Styles.TITLE_3);
        Label text = new Label("Duplicates shows what a dedup step merges: clusters of copies, which copy survives, the "
                + "MinHash S-curve and what dedup does to quality. Add datatrove's MinHash dedup (5-grams, 14 buckets × 8 "
                + "hashes) at the end of the pipeline, after the filters, as FineWeb runs it.");
        text.setWrapText(true);
        text.setMaxWidth(560);
        Button add = new Button("Add a minhash_dedup step");
        add.setId("duplicates-add");
        add.setMnemonicParsing(false);
        add.getStyleClass().add(Styles.ACCENT);
        add.setOnAction(e -> model.addMinHashStep());
        VBox box = new VBox(12, title, text, add);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(24));
        box.setId("duplicates-empty");
        box.getStyleClass().add("duplicates-empty");
        box.visibleProperty().bind(model.noDedupStepProperty());
        return box;
    }

    private Node clusters() {
        ChoiceBox<DuplicatesViewModel.Sort> sort = new ChoiceBox<>();
        sort.getItems().setAll(DuplicatesViewModel.Sort.values());
        sort.setId("duplicates-sort");
        sort.valueProperty().bindBidirectional(model.sortProperty());
        Label sortLabel = new Label("Clusters, sorted by");
        HBox bar = new HBox(8, sortLabel, sort);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<DuplicateClusters.Cluster> table = new TableView<>(model.clusters());
        table.setId("duplicates-clusters");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        table.setPlaceholder(new Label("No clusters: no two documents given to the step are copies"));
        table.getColumns().add(number("cluster", 80, c -> String.valueOf(c.id())));
        table.getColumns().add(number("size", 56, c -> String.format("%,d", c.size())));
        table.getColumns().add(number("tokens removed", 160, c -> String.format("%,d", c.tokensRemoved())));
        table.getColumns().add(minColumn("domain", 130, 110, DuplicateClusters.Cluster::host));
        table.getColumns().add(column("survivor", 260, DuplicateClusters.Cluster::snippet));
        table.getColumns().forEach(c -> c.setSortable(false));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
            if (c != null) {
                model.select(c);
            }
        });
        model.selectedProperty().addListener((o, a, c) -> {
            if (c != null && table.getSelectionModel().getSelectedItem() != c) {
                table.getSelectionModel().select(c);
            }
        });
        table.setRowFactory(t -> {
            TableRow<DuplicateClusters.Cluster> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    open(row.getItem().survivor());
                }
            });
            return row;
        });

        DuplicateCharts.Sizes sizes = new DuplicateCharts.Sizes();
        sizes.setId("duplicates-sizes");
        model.sizes().addListener((ListChangeListener<DuplicateClusters.SizeCount>) c -> sizes.show(model.sizes()));
        Label sizesLabel = new Label("Clusters per size (documents)");
        sizesLabel.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(6, bar, table, sizesLabel, sizes);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(4, 8, 8, 8));
        return box;
    }

    /** The selected cluster's documents, and two of them side by side. */
    private Node cluster() {
        TableView<DuplicatesViewModel.MemberRow> members = new TableView<>(model.members());
        members.setId("duplicates-members");
        members.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        members.setPlaceholder(new Label("Select a cluster"));
        members.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        members.getColumns().add(minColumn("status", 190, 150, DuplicatesViewModel.MemberRow::status));
        members.getColumns().add(number("Jaccard", 86, m -> Double.isNaN(m.jaccard()) ? "" : String.format("%.2f", m.jaccard())));
        members.getColumns().add(minColumn("domain", 130, 100, DuplicatesViewModel.MemberRow::host));
        members.getColumns().add(number("tokens", 76, m -> String.format("%,d", m.tokens())));
        members.getColumns().add(column("text", 300, DuplicatesViewModel.MemberRow::snippet));
        members.getColumns().forEach(c -> c.setSortable(false));
        members.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        members.setRowFactory(t -> {
            TableRow<DuplicatesViewModel.MemberRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    open(row.getItem().row());
                }
            });
            return row;
        });
        // Two chosen: they are compared; one chosen: the survivor and it.
        members.getSelectionModel().getSelectedItems().addListener((ListChangeListener<DuplicatesViewModel.MemberRow>) c -> {
            List<DuplicatesViewModel.MemberRow> chosen = new ArrayList<>(members.getSelectionModel().getSelectedItems());
            chosen.removeIf(java.util.Objects::isNull);
            if (chosen.size() == 2) {
                model.compare(chosen.get(0).row(), chosen.get(1).row());
            } else if (chosen.size() == 1 && !model.members().isEmpty() && !chosen.get(0).survivor()) {
                model.compare(model.members().get(0).row(), chosen.get(0).row());
            }
        });
        Label hint = new Label("Choose one copy to compare it with the survivor, or two (Ctrl+click) to compare them; "
                + "double-click opens a document.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        VBox top = new VBox(4, members, hint);
        VBox.setVgrow(members, Priority.ALWAYS);
        top.setPadding(new Insets(6));

        TextFlow leftText = new TextFlow();
        leftText.setId("duplicates-left");
        TextFlow rightText = new TextFlow();
        rightText.setId("duplicates-right");
        Label leftTitle = new Label();
        leftTitle.setId("duplicates-left-title");
        Label rightTitle = new Label();
        rightTitle.setId("duplicates-right-title");
        Label jaccard = new Label();
        jaccard.setId("duplicates-jaccard");
        jaccard.setWrapText(true);
        jaccard.setMinHeight(Region.USE_PREF_SIZE);
        for (Label l : List.of(leftTitle, rightTitle)) {
            l.getStyleClass().add(Styles.TEXT_BOLD);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        model.comparisonProperty().addListener((o, a, c) -> {
            if (c == null) {
                leftText.getChildren().clear();
                rightText.getChildren().clear();
                leftTitle.setText("");
                rightTitle.setText("");
                jaccard.setText("Select a cluster: its survivor and first copy are compared here");
                return;
            }
            leftText.getChildren().setAll(flow(c.diff(), true));
            rightText.getChildren().setAll(flow(c.diff(), false));
            leftTitle.setText(c.leftId() + (c.leftHost().isEmpty() ? "" : "  ·  " + c.leftHost()));
            rightTitle.setText(c.rightId() + (c.rightHost().isEmpty() ? "" : "  ·  " + c.rightHost()));
            WordDiff.Result d = c.diff();
            jaccard.setText((Double.isNaN(c.jaccard()) ? "" : String.format("Estimated Jaccard %.3f  ·  ", c.jaccard()))
                    + String.format("%,d words only on the left (struck through), %,d only on the right (underlined), %,d shared",
                    d.deleted(), d.inserted(), d.equal())
                    + (d.truncated() ? String.format("  ·  first %,d words compared", WordDiff.DEFAULT_MAX_WORDS) : ""));
        });
        jaccard.setText("Select a cluster: its survivor and first copy are compared here");
        SplitPane sides = new SplitPane(side(leftTitle, leftText), side(rightTitle, rightText));
        VBox bottom = new VBox(4, jaccard, sides);
        VBox.setVgrow(sides, Priority.ALWAYS);
        bottom.setPadding(new Insets(6));
        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.38);
        return split;
    }

    private static Node side(Label title, TextFlow text) {
        ScrollPane scroll = new ScrollPane(text);
        scroll.setFitToWidth(true);
        text.setPadding(new Insets(4));
        VBox box = new VBox(4, title, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return box;
    }

    /** One side of a diff: runs of equal words plain, the words only on this side marked. */
    static List<Node> flow(WordDiff.Result d, boolean left) {
        List<Node> out = new ArrayList<>();
        List<WordDiff.Token> tokens = left ? d.left() : d.right();
        StringBuilder run = new StringBuilder();
        WordDiff.Kind runKind = null;
        for (WordDiff.Op op : d.ops()) {
            int i = left ? op.a() : op.b();
            if (i < 0) {
                continue;
            }
            if (runKind != null && runKind != op.kind()) {
                out.add(text(run.toString(), runKind));
                run.setLength(0);
            }
            runKind = op.kind();
            run.append(tokens.get(i).text());
        }
        if (runKind != null) {
            out.add(text(run.toString(), runKind));
        }
        if (d.truncated()) {
            Text more = new Text("\n[… only the first " + WordDiff.DEFAULT_MAX_WORDS + " words are compared]");
            more.getStyleClass().add("duplicates-more");
            out.add(more);
        }
        return out;
    }

    private static Text text(String s, WordDiff.Kind kind) {
        Text t = new Text(s);
        t.getStyleClass().add(switch (kind) {
            case EQUAL -> "duplicates-same";
            case DELETE -> "duplicates-deleted";
            case INSERT -> "duplicates-inserted";
        });
        return t;
    }

    /** The S-curve with the spinners for buckets and hashes. */
    private Node curve() {
        Spinner<Integer> b = spinner(MinHashDedupStep.NUM_BUCKETS.min().intValue(), MinHashDedupStep.NUM_BUCKETS.max().intValue(),
                model.bucketsProperty());
        b.setId("duplicates-buckets");
        b.setTooltip(new Tooltip("num_buckets (b): bands of the signature"));
        Spinner<Integer> r = spinner(MinHashDedupStep.HASHES_PER_BUCKET.min().intValue(),
                MinHashDedupStep.HASHES_PER_BUCKET.max().intValue(), model.hashesProperty());
        r.setId("duplicates-hashes");
        r.setTooltip(new Tooltip("hashes_per_bucket (r): hashes per band"));
        Label product = new Label();
        product.setId("duplicates-layout");
        product.setMinWidth(Region.USE_PREF_SIZE);
        Runnable describe = () -> {
            SCurve c = model.curveProperty().get();
            product.setText(String.format("= %,d hashes · half the pairs caught at s = %s", c.buckets() * c.hashesPerBucket(),
                    Formats.shortNumber(c.halfway())));
        };
        model.curveProperty().addListener((o, a, c) -> {
            describe.run();
            redrawCurve();
        });
        describe.run();
        model.analysisProperty().addListener((o, a, c) -> redrawCurve());
        Label bl = new Label("buckets b");
        Label rl = new Label("× hashes per bucket r");
        for (Label l : List.of(bl, rl)) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox spinners = new HBox(8, bl, b, rl, r);
        spinners.setAlignment(Pos.CENTER_LEFT);
        spinners.setMinWidth(Region.USE_PREF_SIZE);
        // The layout's description goes under the spinners when the pane is narrow.
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 4, spinners, product);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label explain = new Label("P(caught | s) = 1 − (1 − s^r)^b: the chance that two documents at Jaccard similarity s "
                + "share a bucket. Dots and bars: the estimated similarity of each removed copy to its survivor. Changing b "
                + "or r measures the signatures again.");
        explain.setWrapText(true);
        explain.setMinHeight(Region.USE_PREF_SIZE);
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        curveChart.setId("duplicates-curve");
        VBox box = new VBox(8, bar, explain, curveChart);
        VBox.setVgrow(curveChart, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        Label notMinhash = new Label("The S-curve is a MinHash step's: choose one");
        notMinhash.visibleProperty().bind(model.minhashProperty().not());
        box.visibleProperty().bind(model.minhashProperty());
        redrawCurve();
        return new StackPane(box, notMinhash);
    }

    private void redrawCurve() {
        DuplicateClusters a = model.analysisProperty().get();
        curveChart.show(model.curveProperty().get(), a == null ? null : a.similarities());
    }

    private static Spinner<Integer> spinner(int min, int max, javafx.beans.property.IntegerProperty value) {
        Spinner<Integer> s = new Spinner<>(min, max, value.get());
        s.setEditable(true);
        s.setPrefWidth(86);
        s.setMinWidth(Region.USE_PREF_SIZE);
        s.getValueFactory().valueProperty().addListener((o, a, v) -> {
            if (v != null && v != value.get()) {
                value.set(v);
            }
        });
        value.addListener((o, a, v) -> {
            if (!v.equals(s.getValue())) {
                s.getValueFactory().setValue(v.intValue());
            }
        });
        return s;
    }

    /** A metric's distribution, or the categories' counts, for what the step keeps versus removes. */
    private Node quality() {
        ComboBox<String> metric = new ComboBox<>(model.choices());
        metric.setId("duplicates-metric");
        metric.valueProperty().bindBidirectional(model.metricProperty());
        metric.setVisibleRowCount(16);
        metric.setCellFactory(l -> new ChoiceCell());
        metric.setButtonCell(new ChoiceCell());
        Label ml = new Label("Split by");
        ml.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, ml, metric);
        bar.setAlignment(Pos.CENTER_LEFT);
        DuplicateCharts.Split chart = new DuplicateCharts.Split();
        chart.setId("duplicates-split");
        GridPane grid = new GridPane();
        grid.setId("duplicates-split-table");
        grid.setHgap(14);
        grid.setVgap(3);
        model.qualityProperty().addListener((o, a, q) -> {
            chart.show(q);
            fill(grid, q);
        });
        fill(grid, model.qualityProperty().get());
        Label explain = new Label("Among the documents the dedup step was given: the chosen metric for those it keeps and "
                + "those it removes as copies (bars are shares of each side; lines are medians). If the kept side drifts "
                + "towards junk, dedup is removing the good pages' copies and keeping what fell into no bucket.");
        explain.setWrapText(true);
        explain.setMinHeight(Region.USE_PREF_SIZE);
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        VBox numeric = new VBox(8, explain, chart, grid);
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox categorical = categories();
        numeric.visibleProperty().bind(model.categoricalProperty().not());
        categorical.visibleProperty().bind(model.categoricalProperty());
        StackPane split = new StackPane(numeric, categorical);
        VBox box = new VBox(8, bar, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    /** The categories' documents given to the step, kept and removed, and the highest removal rates. */
    private VBox categories() {
        Label explain = new Label();
        explain.setId("duplicates-categories-summary");
        explain.setWrapText(true);
        explain.setMinHeight(Region.USE_PREF_SIZE);
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        TableView<CategorySplit.Row> table = new TableView<>();
        table.setId("duplicates-categories");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE, Styles.STRIPED);
        table.setPlaceholder(new Label("No documents given to the step"));
        table.getColumns().add(column("category", 180, CategorySplit.Row::category));
        table.getColumns().add(number("given", 76, r -> String.format("%,d", r.given())));
        table.getColumns().add(number("kept", 76, r -> String.format("%,d", r.kept())));
        table.getColumns().add(number("removed", 96, r -> String.format("%,d", r.removed())));
        table.getColumns().add(number("rate", 72, r -> percent(r.removalRate())));
        TableColumn<CategorySplit.Row, String> versus = number("vs step", 82, r -> "");
        table.getColumns().add(versus);
        table.getColumns().forEach(c -> c.setSortable(false));
        // The numbers keep their width (never less than their header); the category takes the rest.
        table.getColumns().forEach(c -> c.setMaxWidth(c.getPrefWidth() * 1.3));
        table.getColumns().get(0).setMaxWidth(Double.MAX_VALUE);
        table.getColumns().get(0).setMinWidth(110);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        DuplicateCharts.Rates chart = new DuplicateCharts.Rates();
        chart.setId("duplicates-rates");
        Runnable show = () -> {
            CategorySplit c = model.categoriesProperty().get();
            chart.show(c);
            if (c == null) {
                table.getItems().clear();
                explain.setText("");
                return;
            }
            double overall = c.overallRate();
            versus.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(overall == 0 ? "–"
                    : "×" + Formats.shortNumber(cell.getValue().removalRate() / overall)));
            List<CategorySplit.Row> rows = new ArrayList<>(c.rows());
            if (c.other() != null) {
                rows.add(c.other());
            }
            table.getItems().setAll(rows);
            explain.setText(String.format("%,d %s among the %,d documents the step was given; it removes %,d (%s). "
                    + "Most removed first; rate: removed of given; \"vs step\": that rate over the step's.",
                    c.categories(), c.categories() == 1 ? "category" : "categories", c.given(), c.removed(),
                    percent(overall)));
        };
        model.categoriesProperty().addListener((o, a, c) -> show.run());
        show.run();
        VBox box = new VBox(8, explain, table, chart);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    /** A rate as a percentage to three significant digits ("12.3%"). */
    static String percent(double rate) {
        return Double.isNaN(rate) ? "–" : Formats.shortNumber(rate * 100) + "%";
    }

    /** A choice of the split: categorical ones marked. */
    private final class ChoiceCell extends javafx.scene.control.ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
            } else if (DuplicatesViewModel.DOMAIN.equals(item)) {
                setText("Domain (registrable) · categories");
            } else {
                setText(model.categoricalColumns().contains(item) ? item + " · categories" : item);
            }
        }
    }

    private static void fill(GridPane grid, QualitySplit q) {
        grid.getChildren().clear();
        String[] head = {"", "documents", "undefined", "min", "q1", "median", "q3", "max"};
        for (int c = 0; c < head.length; c++) {
            Label l = new Label(head[c]);
            l.getStyleClass().add(Styles.TEXT_MUTED);
            grid.add(l, c, 0);
        }
        if (q == null) {
            return;
        }
        row(grid, 1, "kept", q.kept());
        row(grid, 2, "removed", q.removed());
        for (Node n : grid.getChildren()) {
            if (n instanceof Label l) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
    }

    private static void row(GridPane grid, int r, String name, QualitySplit.Summary s) {
        Label n = new Label(name);
        n.setId("duplicates-split-" + name);
        n.getStyleClass().add(Styles.TEXT_BOLD);
        grid.add(n, 0, r);
        String[] v = {String.format("%,d", s.count()), String.format("%,d", s.undefined()), num(s.min()), num(s.q1()),
                num(s.median()), num(s.q3()), num(s.max())};
        for (int c = 0; c < v.length; c++) {
            Label l = new Label(v[c]);
            l.setId("duplicates-split-" + name + "-" + c);
            grid.add(l, c + 1, r);
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "–" : Formats.shortNumber(v);
    }

    private static Tab tab(String name, String id, Node content) {
        Tab t = new Tab(name, content);
        t.setId(id);
        return t;
    }

    private static <R> TableColumn<R, String> column(String name, double width, Function<R, String> f) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        return c;
    }

    private static <R> TableColumn<R, String> minColumn(String name, double width, double min, Function<R, String> f) {
        TableColumn<R, String> c = column(name, width, f);
        c.setMinWidth(min);
        return c;
    }

    /** A numeric column: right-aligned, never narrower than its header. */
    private static <R> TableColumn<R, String> number(String name, double width, Function<R, String> f) {
        TableColumn<R, String> c = column(name, width, f);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setMinWidth(width);
        return c;
    }
}
