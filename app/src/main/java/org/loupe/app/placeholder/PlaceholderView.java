package org.loupe.app.placeholder;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A view that is not built yet: says what it will be, so the rail shows the whole workbench. */
public final class PlaceholderView extends VBox {
    public PlaceholderView(String title, String what) {
        getStyleClass().add("placeholder-view");
        Label t = new Label(title);
        t.getStyleClass().add(Styles.TITLE_2);
        Label w = new Label(what);
        w.setWrapText(true);
        w.setMaxWidth(640);
        w.getStyleClass().add(Styles.TEXT_MUTED);
        Label soon = new Label("Coming next: this view is not built yet.");
        soon.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.ACCENT);
        getChildren().addAll(t, w, soon);
        setSpacing(12);
        setAlignment(Pos.CENTER);
        setPadding(new Insets(40));
    }
}
