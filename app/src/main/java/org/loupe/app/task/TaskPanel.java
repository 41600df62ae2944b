package org.loupe.app.task;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The running tasks, one row each: title, message, progress, cancel. Hidden when nothing runs. Tasks
 * with an empty title (e.g. loading one document) are quick and not shown.
 */
public final class TaskPanel extends VBox {

    public TaskPanel(ObservableList<Task<?>> running) {
        getStyleClass().add("task-panel");
        setId("task-panel");
        setPadding(new Insets(4, 10, 4, 10));
        setSpacing(4);
        running.addListener((ListChangeListener<Task<?>>) c -> rebuild(running));
        rebuild(running);
    }

    private void rebuild(ObservableList<Task<?>> running) {
        getChildren().clear();
        for (Task<?> task : running) {
            if (task.getTitle() == null || task.getTitle().isBlank()) {
                continue;
            }
            Label title = new Label(task.getTitle());
            title.getStyleClass().add(Styles.TEXT_BOLD);
            Label message = new Label();
            message.getStyleClass().add(Styles.TEXT_MUTED);
            message.textProperty().bind(task.messageProperty());
            message.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(message, Priority.ALWAYS);
            ProgressBar bar = new ProgressBar();
            bar.progressProperty().bind(task.progressProperty());
            bar.setPrefWidth(220);
            Button cancel = new Button("Cancel");
            cancel.getStyleClass().addAll(Styles.SMALL, Styles.DANGER, Styles.FLAT);
            // No interrupt: it would close the file channels the task reads (see TaskRunner.Handle#cancel).
            cancel.setOnAction(e -> task.cancel(false));
            HBox row = new HBox(10, title, message, bar, cancel);
            row.getStyleClass().add("task-row");
            row.setAlignment(Pos.CENTER_LEFT);
            getChildren().add(row);
        }
        setVisible(!getChildren().isEmpty());
        setManaged(isVisible());
    }
}
