package org.loupe.app.search;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.loupe.index.Hit;
import org.loupe.index.Snippet;

/**
 * Search: a query box with syntax help and history, facet chips (status, domain, language) with counts,
 * ranked results with highlighted snippets and the pipeline's verdict, and the open document with every
 * match highlighted and next / previous match navigation.
 */
public final class SearchView extends BorderPane {
    static final String SYNTAX = String.join("\n",
            "words              documents with all of them ranked first (OR is the default between terms)",
            "\"a phrase\"         the words in this order",
            "+must -not         required / excluded words; AND, OR, NOT and (groups) work too",
            "wild* te?t         wildcards",
            "domain:example.com documents of a host; language:de; url:shop; id:…",
            "(empty)            every document: use the facets to browse");

    private final SearchViewModel model;
    private final TextFlow document = new TextFlow();
    private final ScrollPane documentScroll = new ScrollPane(document);
    private List<Text> matchNodes = List.of();

    public SearchView(SearchViewModel model) {
        this.model = model;
        getStyleClass().add("search-view");

        ComboBox<String> query = new ComboBox<>(model.history());
        query.setId("search-query");
        query.setEditable(true);
        query.setPromptText("Search kept and removed documents (Lucene syntax, Enter to search)");
        query.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(query, Priority.ALWAYS);
        query.getEditor().textProperty().bindBidirectional(model.queryProperty());
        // Enter in the editor and a pick from the history both come here.
        query.setOnAction(e -> {
            if (query.getValue() != null && !query.getValue().equals(model.queryProperty().get())) {
                model.queryProperty().set(query.getValue());
            }
            model.search();
        });
        Button go = new Button("Search");
        go.setId("search-go");
        go.getStyleClass().add(Styles.ACCENT);
        go.setDefaultButton(false);
        go.setOnAction(e -> model.search());
        go.disableProperty().bind(model.readyProperty().not());
        Label help = new Label("?");
        help.getStyleClass().addAll(Styles.TEXT_MUTED, "search-help");
        Tooltip syntax = new Tooltip(SYNTAX);
        syntax.setStyle("-fx-font-family: monospace;");
        syntax.setShowDuration(javafx.util.Duration.minutes(2));
        help.setTooltip(syntax);
        ComboBox<String> sort = new ComboBox<>(model.sorts());
        sort.setId("search-sort");
        sort.valueProperty().bindBidirectional(model.sortProperty());
        sort.setOnAction(e -> model.resort());
        sort.setPrefWidth(230);
        CheckBox desc = new CheckBox("descending");
        desc.selectedProperty().bindBidirectional(model.descendingProperty());
        desc.setOnAction(e -> model.resort());
        HBox bar = new HBox(8, query, go, help, new Label("sort by"), sort, desc);
        bar.setAlignment(Pos.CENTER_LEFT);

        FlowPane statusChips = chips(model.statusChips(), "search-status-chips");
        FlowPane domainChips = chips(model.domainChips(), "search-domain-chips");
        FlowPane languageChips = chips(model.languageChips(), "search-language-chips");
        Label message = new Label();
        message.setId("search-message");
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add(Styles.TEXT_MUTED);
        VBox top = new VBox(6, bar, row("status", statusChips), row("domain", domainChips), row("language", languageChips), message);
        top.setPadding(new Insets(8, 10, 6, 10));
        setTop(top);

        ListView<Hit> results = new ListView<>(model.hits());
        results.setId("search-results");
        results.setPlaceholder(new Label("No results"));
        results.setCellFactory(l -> new HitCell(l));
        results.getSelectionModel().selectedItemProperty().addListener((o, a, h) -> model.open(h));
        Button more = new Button("More results");
        more.setId("search-more");
        more.setOnAction(e -> model.more());
        more.disableProperty().bind(javafx.beans.binding.Bindings.size(model.hits()).greaterThanOrEqualTo(model.totalProperty())
                .or(model.searchingProperty()));
        VBox list = new VBox(4, results, more);
        VBox.setVgrow(results, Priority.ALWAYS);

        setCenter(new SplitPane(list, documentPane()));
        ((SplitPane) getCenter()).setDividerPositions(0.5);
    }

    private static HBox row(String name, FlowPane chips) {
        Label l = new Label(name);
        l.setMinWidth(70);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        HBox.setHgrow(chips, Priority.ALWAYS);
        HBox box = new HBox(6, l, chips);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private FlowPane chips(ObservableList<SearchViewModel.Chip> items, String id) {
        FlowPane pane = new FlowPane(4, 4);
        pane.setId(id);
        Runnable redraw = () -> {
            pane.getChildren().clear();
            for (SearchViewModel.Chip c : List.copyOf(items)) {
                ToggleButton b = new ToggleButton(c.label());
                b.getStyleClass().addAll(Styles.SMALL, "search-chip");
                b.setMnemonicParsing(false);
                b.setUserData(c.value());
                b.setSelected(c.selected());
                b.setOnAction(e -> model.toggle(c));
                pane.getChildren().add(b);
            }
        };
        items.addListener((ListChangeListener<SearchViewModel.Chip>) ch -> redraw.run());
        redraw.run();
        return pane;
    }

    /** The open document: its verdict, match navigation, and the text with every match highlighted. */
    private Node documentPane() {
        Label header = new Label("Open a result to read it with every match highlighted");
        header.setId("search-doc-header");
        header.setWrapText(true);
        header.getStyleClass().add(Styles.TITLE_4);
        Label verdict = new Label();
        verdict.setId("search-doc-status");
        Button previous = new Button("◀ previous");
        previous.setOnAction(e -> model.previousMatch());
        Button next = new Button("next match ▶");
        next.setId("search-next-match");
        next.setOnAction(e -> model.nextMatch());
        Label position = new Label();
        position.setId("search-match-position");
        for (Button b : List.of(previous, next)) {
            b.getStyleClass().add(Styles.SMALL);
        }
        HBox nav = new HBox(8, previous, position, next, verdict);
        nav.setAlignment(Pos.CENTER_LEFT);
        document.setId("search-document");
        document.setPadding(new Insets(8));
        documentScroll.setFitToWidth(true);
        model.shownProperty().addListener((o, a, d) -> {
            if (d == null) {
                document.getChildren().clear();
                matchNodes = List.of();
                header.setText("Open a result to read it with every match highlighted");
                verdict.setText("");
                return;
            }
            header.setText(d.id() + (d.url() == null ? "" : "  ·  " + d.url()));
            verdict.setText(d.status() + (d.cut() ? String.format("  ·  first %,d characters", SearchViewModel.DISPLAY_LIMIT) : ""));
            verdict.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            verdict.getStyleClass().add(d.status().equals("kept") ? Styles.SUCCESS : Styles.DANGER);
            fill(d.text(), d.matches());
            documentScroll.setVvalue(0);
        });
        model.currentMatchProperty().addListener((o, a, i) -> {
            int old = a.intValue();
            if (old >= 0 && old < matchNodes.size()) {
                matchNodes.get(old).getStyleClass().remove("search-match-current");
            }
            SearchViewModel.Shown d = model.shownProperty().get();
            position.setText(d == null || i.intValue() < 0 ? "no match in the text"
                    : String.format("%,d / %,d", i.intValue() + 1, d.matches().size()));
            if (i.intValue() >= 0 && i.intValue() < matchNodes.size()) {
                Text t = matchNodes.get(i.intValue());
                t.getStyleClass().add("search-match-current");
                scrollTo(t);
            }
        });
        VBox box = new VBox(6, header, nav, documentScroll);
        VBox.setVgrow(documentScroll, Priority.ALWAYS);
        box.setPadding(new Insets(6, 10, 6, 10));
        return box;
    }

    private void fill(String text, List<int[]> matches) {
        java.util.List<Node> nodes = new java.util.ArrayList<>();
        java.util.List<Text> marks = new java.util.ArrayList<>();
        int at = 0;
        for (int[] m : matches) {
            if (m[0] > at) {
                nodes.add(plain(text.substring(at, m[0])));
            }
            Text t = new Text(text.substring(m[0], m[1]));
            t.getStyleClass().addAll("search-text", "search-match");
            nodes.add(t);
            marks.add(t);
            at = m[1];
        }
        if (at < text.length()) {
            nodes.add(plain(text.substring(at)));
        }
        document.getChildren().setAll(nodes);
        matchNodes = marks;
    }

    private static Text plain(String s) {
        Text t = new Text(s);
        t.getStyleClass().add("search-text");
        return t;
    }

    private void scrollTo(Text t) {
        document.applyCss();
        document.layout();
        double h = document.getBoundsInLocal().getHeight();
        double viewport = documentScroll.getViewportBounds().getHeight();
        if (h > viewport) {
            double y = t.getBoundsInParent().getMinY();
            documentScroll.setVvalue(Math.max(0, Math.min(1, (y - viewport / 3) / (h - viewport))));
        }
    }

    /** A result: id, domain and language, the verdict as a badge, and the snippet with its matches in bold. */
    private static final class HitCell extends ListCell<Hit> {
        private final Label title = new Label();
        private final Label badge = new Label();
        private final TextFlow snippet = new TextFlow();
        private final VBox box = new VBox(3, new HBox(8, badge, title), snippet);

        HitCell(ListView<Hit> list) {
            // Never wider than the list: long titles are cut, snippets wrap.
            box.prefWidthProperty().bind(list.widthProperty().subtract(36));
            box.setMaxWidth(Region.USE_PREF_SIZE);
            snippet.prefWidthProperty().bind(list.widthProperty().subtract(40));
            snippet.setMaxWidth(Region.USE_PREF_SIZE);
            title.setMinWidth(0);
            badge.setMinWidth(Region.USE_PREF_SIZE);
            title.getStyleClass().add(Styles.TEXT_BOLD);
            badge.getStyleClass().add(Styles.TEXT_SMALL);
            box.setPadding(new Insets(4, 0, 6, 0));
        }

        @Override
        protected void updateItem(Hit hit, boolean empty) {
            super.updateItem(hit, empty);
            if (empty || hit == null) {
                setGraphic(null);
                return;
            }
            title.setText(hit.id() + "  ·  " + (hit.domain() == null ? "no URL" : hit.domain())
                    + (hit.language() == null ? "" : "  ·  " + hit.language()) + String.format("  ·  score %.2f", hit.score()));
            boolean kept = hit.status().equals("kept");
            badge.setText(kept ? "kept" : hit.status() + ": " + hit.reason());
            badge.getStyleClass().removeAll("badge-kept", "badge-removed");
            badge.getStyleClass().add(kept ? "badge-kept" : "badge-removed");
            snippet.getChildren().setAll(snippetNodes(hit.snippet()));
            setGraphic(box);
        }

        static List<Node> snippetNodes(Snippet s) {
            java.util.List<Node> out = new java.util.ArrayList<>();
            if (s == null) {
                return out;
            }
            String text = s.text();
            int at = 0;
            for (int[] m : s.matches()) {
                if (m[0] > at) {
                    out.add(new Text(text.substring(at, m[0])));
                }
                Text t = new Text(text.substring(m[0], m[1]));
                t.getStyleClass().add("search-snippet-match");
                out.add(t);
                at = m[1];
            }
            if (at < text.length()) {
                out.add(new Text(text.substring(at)));
            }
            for (Node n : out) {
                n.getStyleClass().add("search-snippet");
            }
            return out;
        }
    }
}
