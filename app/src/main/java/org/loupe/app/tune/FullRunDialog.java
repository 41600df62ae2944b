package org.loupe.app.tune;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The "run on the whole folder" dialog: output folder, threads, start / cancel, or copy the command. */
final class FullRunDialog {
    private final Stage stage = new Stage();

    FullRunDialog(FullRunModel model, Window owner) {
        model.prepare();
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Run the pipeline on the whole folder");

        TextField input = new TextField();
        input.textProperty().bindBidirectional(model.inputProperty());
        input.setEditable(false);
        TextField output = new TextField();
        output.setId("full-run-output");
        output.textProperty().bindBidirectional(model.outputProperty());
        Button browse = new Button("Choose…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Output folder (kept/, removed/<step>/, run_result.json)");
            java.io.File f = chooser.showDialog(stage);
            if (f != null) {
                output.setText(f.getAbsolutePath());
            }
        });
        Spinner<Integer> threads = new Spinner<>(1, 256, model.threadsProperty().get());
        threads.valueProperty().addListener((o, a, b) -> model.threadsProperty().set(b));
        threads.setEditable(true);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Input"), input);
        form.addRow(1, new Label("Output"), output, browse);
        form.addRow(2, new Label("Threads"), threads);
        GridPane.setHgrow(input, Priority.ALWAYS);
        GridPane.setHgrow(output, Priority.ALWAYS);

        TextArea command = new TextArea();
        command.setId("full-run-command");
        command.setEditable(false);
        command.setWrapText(true);
        command.setPrefRowCount(3);
        command.textProperty().bind(model.commandProperty());
        Label status = new Label();
        status.setId("full-run-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());

        Button copy = new Button("Save config and copy command");
        copy.setOnAction(e -> model.saveConfig(file -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(model.commandProperty().get());
            Clipboard.getSystemClipboard().setContent(c);
            status.textProperty().unbind();
            status.setText("Config saved to " + file + "; the command is on the clipboard");
            status.textProperty().bind(model.statusProperty());
        }));
        Button start = new Button("Start");
        start.setId("full-run-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.setDefaultButton(true);
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> model.start());
        Button cancel = new Button("Cancel run");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        Button close = new Button("Close");
        close.setOnAction(e -> stage.close());
        HBox buttons = new HBox(8, copy, cancel, start, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        Label hint = new Label("The same engine as `loupe run`: kept shards, removed documents per step with their reason, "
                + "problems, and run_result.json. Progress shows in the task panel; a stopped run resumes where it stopped.");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        VBox root = new VBox(10, hint, form, new Label("Command for a cluster node or a terminal"), command, status, buttons);
        root.setPadding(new Insets(14));
        root.setPrefWidth(720);
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    void show() {
        stage.show();
    }
}
