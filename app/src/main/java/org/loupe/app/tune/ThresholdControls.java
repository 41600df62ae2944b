package org.loupe.app.tune;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.controlsfx.control.RangeSlider;
import org.loupe.engine.filter.Check;

/**
 * The selected metric's thresholds as controls whose range and direction are explicit: a range slider
 * when the metric has a lower and an upper bound (Gopher's word counts), a slider for one bound, and the
 * exact number in a text field (Enter applies it). The slider spans the values in the sample; a
 * threshold beyond them is shown in the field and moves only when the user moves the slider.
 */
final class ThresholdControls extends HBox {
    private final TuneViewModel model;
    private boolean updating;
    private String shape = "";
    private Slider single;
    private RangeSlider range;
    private final TextField low = field();
    private final TextField high = field();
    private final Label lowLabel = new Label();
    private final Label highLabel = new Label();

    ThresholdControls(TuneViewModel model) {
        super(8);
        this.model = model;
        setId("tune-threshold-controls");
        setAlignment(Pos.CENTER_LEFT);
        model.thresholdsProperty().addListener((o, a, b) -> refresh());
        model.histogramProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private static TextField field() {
        TextField f = new TextField();
        f.setPrefColumnCount(6);
        f.setMinWidth(64);
        f.getStyleClass().add(Styles.SMALL);
        return f;
    }

    private void refresh() {
        List<Check> checks = model.thresholdsProperty().get();
        MetricHistogram h = model.histogramProperty().get();
        if (h == null || checks.isEmpty()) {
            getChildren().clear();
            shape = "";
            return;
        }
        double lo = h.edges()[0];
        double hi = h.edges()[h.edges().length - 1];
        Check min = checks.stream().filter(c -> c.op().isMinimum()).findFirst().orElse(null);
        Check max = checks.stream().filter(c -> !c.op().isMinimum()).findFirst().orElse(null);
        String next = (min == null ? "" : min.param()) + "|" + (max == null ? "" : max.param());
        updating = true;
        try {
            if (!next.equals(shape)) {
                build(min, max, lo, hi);
                shape = next;
            }
            if (range != null && !range.isLowValueChanging() && !range.isHighValueChanging()) {
                range.setMin(lo);
                range.setMax(hi);
                range.setLowValue(clamp(min.threshold(), lo, hi));
                range.setHighValue(clamp(max.threshold(), lo, hi));
            }
            if (single != null && !single.isValueChanging()) {
                Check c = min != null ? min : max;
                single.setMin(lo);
                single.setMax(hi);
                single.setValue(clamp(c.threshold(), lo, hi));
            }
            if (min != null && !low.isFocused()) {
                low.setText(TuneViewModel.shortNumber(min.threshold()));
            }
            if (max != null && !high.isFocused()) {
                high.setText(TuneViewModel.shortNumber(max.threshold()));
            }
        } finally {
            updating = false;
        }
    }

    private void build(Check min, Check max, double lo, double hi) {
        getChildren().clear();
        range = null;
        single = null;
        if (min != null) {
            lowLabel.setText(min.param() + " (drops below)");
            low.setOnAction(e -> model.setThreshold(find(min.param()), low.getText()));
            getChildren().addAll(lowLabel, low);
        }
        if (min != null && max != null) {
            range = new RangeSlider(lo, hi, clamp(min.threshold(), lo, hi), clamp(max.threshold(), lo, hi));
            range.setId("tune-range-slider");
            range.lowValueProperty().addListener((o, a, v) -> {
                if (!updating && range.isLowValueChanging()) {
                    model.moveThreshold(find(min.param()), v.doubleValue());
                }
            });
            range.highValueProperty().addListener((o, a, v) -> {
                if (!updating && range.isHighValueChanging()) {
                    model.moveThreshold(find(max.param()), v.doubleValue());
                }
            });
            HBox.setHgrow(range, Priority.ALWAYS);
            range.setMaxWidth(Double.MAX_VALUE);
            getChildren().add(range);
        } else {
            Check c = min != null ? min : max;
            single = new Slider(lo, hi, clamp(c.threshold(), lo, hi));
            single.setId("tune-slider");
            single.valueProperty().addListener((o, a, v) -> {
                if (!updating && single.isValueChanging()) {
                    model.moveThreshold(find(c.param()), v.doubleValue());
                }
            });
            HBox.setHgrow(single, Priority.ALWAYS);
            single.setMaxWidth(Double.MAX_VALUE);
            getChildren().add(single);
        }
        if (max != null) {
            highLabel.setText(max.param() + " (drops above)");
            high.setOnAction(e -> model.setThreshold(find(max.param()), high.getText()));
            getChildren().addAll(high, highLabel);
        }
        for (Label l : List.of(lowLabel, highLabel)) {
            // The labels give way before the fields and the slider do; their tooltips keep the whole text.
            l.getStyleClass().add(Styles.TEXT_SMALL);
            l.setMinWidth(40);
            l.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
            l.setTooltip(new javafx.scene.control.Tooltip(l.getText()));
        }
        if (range != null) {
            range.setMinWidth(60);
        }
        if (single != null) {
            single.setMinWidth(60);
        }
    }

    /** The current check of a parameter on the selected metric (thresholds are replaced on every change). */
    private Check find(String param) {
        return model.thresholdsProperty().get().stream().filter(c -> c.param().equals(param)).findFirst().orElseThrow();
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
