package org.loupe.app.common;

import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Table columns of numbers that are never cut to "…": a cell shows the number in full when it fits
 * ("12,345", "2.5%") and its compact form otherwise ("12.3k"), with the full value in a tooltip; the
 * column's minimum width fits the compact form and the header. Columns sort by the number, not the text.
 */
public final class NumberColumns {
    /** Room a cell needs around its text (padding and the column's border). */
    private static final double PADDING = 18;

    private NumberColumns() {
    }

    /** A column of counts. */
    public static <R> TableColumn<R, Number> counts(String name, double prefWidth, ToLongFunction<R> f) {
        return column(name, prefWidth, r -> f.applyAsLong(r), n -> Formats.count(n.longValue()),
                n -> Formats.compactCount(n.longValue()), "99.9M");
    }

    /** A column of shares (0..1) shown as percentages. */
    public static <R> TableColumn<R, Number> percents(String name, double prefWidth, ToDoubleFunction<R> f) {
        return column(name, prefWidth, r -> f.applyAsDouble(r), n -> Formats.percent(n.doubleValue()),
                n -> Formats.percent(n.doubleValue()), "99.9%");
    }

    /** A column of other numbers, with their own full and short forms. */
    public static <R> TableColumn<R, Number> numbers(String name, double prefWidth, ToDoubleFunction<R> f,
                                                     DoubleFunction<String> full, DoubleFunction<String> compact,
                                                     String widest) {
        return column(name, prefWidth, r -> f.applyAsDouble(r), n -> full.apply(n.doubleValue()),
                n -> compact.apply(n.doubleValue()), widest);
    }

    private static <R> TableColumn<R, Number> column(String name, double prefWidth, Function<R, Number> value,
                                                     Function<Number, String> full, Function<Number, String> compact,
                                                     String widest) {
        TableColumn<R, Number> c = new TableColumn<>(name);
        c.getStyleClass().add("numeric");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new FittedCell<>(full, compact));
        double min = Math.max(width(widest), width(name) + 6) + PADDING;
        c.setMinWidth(min);
        c.setPrefWidth(Math.max(prefWidth, min));
        return c;
    }

    /** The width of a text in the default font, a little generous (themes draw a point or two larger). */
    public static double width(String s) {
        Text t = new Text(s);
        t.setFont(Font.font(Font.getDefault().getFamily(), Math.max(14, Font.getDefault().getSize())));
        return Math.ceil(t.getLayoutBounds().getWidth() * 1.05);
    }

    /** A right-aligned number cell: the full text when it fits its width, the compact one otherwise. */
    public static final class FittedCell<R> extends TableCell<R, Number> {
        private final Function<Number, String> full;
        private final Function<Number, String> compact;
        private final Text measure = new Text();
        private final Tooltip tooltip = new Tooltip();

        public FittedCell(Function<Number, String> full, Function<Number, String> compact) {
            this.full = full;
            this.compact = compact;
            setAlignment(Pos.CENTER_RIGHT);
            setTextOverrun(OverrunStyle.CLIP);
            setContentDisplay(ContentDisplay.TEXT_ONLY);
            widthProperty().addListener((o, a, b) -> fit());
            fontProperty().addListener((o, a, b) -> fit());
        }

        @Override
        protected void updateItem(Number n, boolean empty) {
            super.updateItem(n, empty);
            fit();
        }

        private void fit() {
            Number n = getItem();
            if (isEmpty() || n == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            String text = full.apply(n);
            measure.setFont(getFont());
            measure.setText(text);
            double room = getWidth() - snappedLeftInset() - snappedRightInset();
            if (getWidth() > 0 && measure.getLayoutBounds().getWidth() > room) {
                text = compact.apply(n);
            }
            setText(text);
            tooltip.setText(full.apply(n));
            setTooltip(tooltip);
        }
    }
}
