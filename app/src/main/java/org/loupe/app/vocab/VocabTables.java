package org.loupe.app.vocab;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.analysis.vocab.BpeModel;
import org.loupe.analysis.vocab.VocabReport;

/**
 * What Vocabulary's tables show: the trained tokenizer's longest, rarest and junk-looking tokens, and the
 * tokens only the kept or only the removed documents' vocabulary has. Filled from the training's results.
 */
final class VocabTables {
    private final ReadOnlyObjectWrapper<BpeModel> model = new ReadOnlyObjectWrapper<>();
    private final ObservableList<VocabReport.Token> longestByBytes = FXCollections.observableArrayList();
    private final ObservableList<VocabReport.Token> longestByChars = FXCollections.observableArrayList();
    private final ObservableList<VocabReport.Token> rarest = FXCollections.observableArrayList();
    private final ObservableList<VocabReport.Token> flagged = FXCollections.observableArrayList();
    private final ObservableList<VocabReport.Token> onlyKept = FXCollections.observableArrayList();
    private final ObservableList<VocabReport.Token> onlyRemoved = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper shared = new ReadOnlyIntegerWrapper();

    ReadOnlyObjectProperty<BpeModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    ObservableList<VocabReport.Token> longestByBytes() {
        return longestByBytes;
    }

    ObservableList<VocabReport.Token> longestByChars() {
        return longestByChars;
    }

    ObservableList<VocabReport.Token> rarest() {
        return rarest;
    }

    ObservableList<VocabReport.Token> flagged() {
        return flagged;
    }

    ObservableList<VocabReport.Token> onlyKept() {
        return onlyKept;
    }

    ObservableList<VocabReport.Token> onlyRemoved() {
        return onlyRemoved;
    }

    ReadOnlyIntegerProperty sharedProperty() {
        return shared.getReadOnlyProperty();
    }

    /** Shows a trained tokenizer's tables; null empties them. */
    void showTrained(VocabTraining.Trained t) {
        model.set(t == null ? null : t.model());
        if (t == null) {
            longestByBytes.clear();
            longestByChars.clear();
            rarest.clear();
            flagged.clear();
        } else {
            longestByBytes.setAll(t.longestByBytes());
            longestByChars.setAll(t.longestByChars());
            rarest.setAll(t.rarest());
            flagged.setAll(t.flagged());
        }
    }

    /** Shows a comparison's tables; null empties them. */
    void showCompared(VocabTraining.Compared c) {
        if (c == null) {
            onlyKept.clear();
            onlyRemoved.clear();
            shared.set(0);
        } else {
            onlyKept.setAll(c.comparison().onlyLeft());
            onlyRemoved.setAll(c.comparison().onlyRight());
            shared.set(c.comparison().shared());
        }
    }
}
