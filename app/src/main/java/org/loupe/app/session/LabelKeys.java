package org.loupe.app.session;

import java.util.function.IntSupplier;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;
import org.loupe.engine.workspace.Labels;

/** G / B / U label a document good / bad / not at all, in any view that shows one. */
public final class LabelKeys {
    private LabelKeys() {
    }

    /** The keys label the document open in the session's inspector (when no text field has the keyboard). */
    public static void install(Node node, SampleSession session) {
        install(node, session, () -> session.inspector().rowProperty().get());
    }

    /** The keys label the document at {@code row} (the one a view shows). */
    public static void install(Node node, SampleSession session, IntSupplier row) {
        node.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextInputControl t && t.isEditable() || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            Labels.Label label;
            switch (e.getCode()) {
                case G -> label = Labels.Label.GOOD;
                case B -> label = Labels.Label.BAD;
                case U -> label = null;
                default -> {
                    return;
                }
            }
            session.labels().label(row.getAsInt(), label);
            e.consume();
        });
    }
}
