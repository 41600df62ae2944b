package org.loupe.app.tune;

import java.util.function.IntSupplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.loupe.app.common.RowList;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowSampler;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.workspace.Labels;

/**
 * Tune's document list for the selected step: every document it removed, seeded random pages of what it
 * removed or let through ("10 more", "draw again"), or the documents in one bar of the histogram. Each row
 * says what the document is (id, domain, the metric's value, its fate and label).
 */
final class StepDocuments {
    private final SampleSession session;
    private final IntSupplier selectedStep;
    private final StepHistogram histogram;
    private final RowList<TuneViewModel.DocRow> documents = new RowList<>(this::docRow);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TuneViewModel.ListKind> kind =
            new ReadOnlyObjectWrapper<>(TuneViewModel.ListKind.REMOVED_BY_STEP);
    private int bin = -1;
    private int shown = TuneViewModel.PAGE;
    private long seed = 1;

    StepDocuments(SampleSession session, IntSupplier selectedStep, StepHistogram histogram) {
        this.session = session;
        this.selectedStep = selectedStep;
        this.histogram = histogram;
    }

    RowList<TuneViewModel.DocRow> documents() {
        return documents;
    }

    ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<TuneViewModel.ListKind> kindProperty() {
        return kind.getReadOnlyProperty();
    }

    void showRemoved() {
        kind.set(TuneViewModel.ListKind.REMOVED_BY_STEP);
        refresh();
    }

    void showRandomRemoved() {
        kind.set(TuneViewModel.ListKind.RANDOM_REMOVED);
        shown = TuneViewModel.PAGE;
        refresh();
    }

    void showRandomKept() {
        kind.set(TuneViewModel.ListKind.RANDOM_KEPT);
        shown = TuneViewModel.PAGE;
        refresh();
    }

    void showMore() {
        shown += TuneViewModel.PAGE;
        refresh();
    }

    void reshuffle() {
        seed++;
        shown = TuneViewModel.PAGE;
        refresh();
    }

    void showBin(int b) {
        kind.set(TuneViewModel.ListKind.BIN);
        bin = b;
        refresh();
    }

    void clear() {
        documents.setRows(new int[0]);
        title.set("");
    }

    void refresh() {
        Decisions d = session.decisions();
        int index = selectedStep.getAsInt();
        if (d == null || index < 0 || index >= session.config().steps().size()) {
            clear();
            return;
        }
        String name = session.config().steps().get(index).stepName();
        int k = d.steps().indexOf(name);
        int[] rows;
        String text;
        if (k < 0) {
            rows = new int[0];
            text = name + " is off";
        } else {
            switch (kind.get()) {
                case REMOVED_BY_STEP -> {
                    rows = RowSampler.rows(d, r -> d.removedBy(r) == k);
                    text = String.format("%,d documents removed by %s", rows.length, name);
                }
                case RANDOM_REMOVED -> {
                    int[] all = RowSampler.rows(d, r -> d.removedBy(r) == k);
                    rows = RowSampler.sample(all, seed, 0, shown);
                    text = String.format("%,d random of the %,d documents removed by %s (draw %d)", rows.length,
                            all.length, name, seed);
                }
                case RANDOM_KEPT -> {
                    int[] all = RowSampler.rows(d, r -> d.removedBy(r) < 0 || d.removedBy(r) > k);
                    rows = RowSampler.sample(all, seed, 0, shown);
                    text = String.format("%,d random of the %,d documents that went through %s (draw %d)", rows.length,
                            all.length, name, seed);
                }
                default -> {
                    MetricHistogram h = histogram.histogramProperty().get();
                    String m = histogram.metricProperty().get();
                    if (h == null || m == null || bin < 0 || bin >= h.kept().length) {
                        rows = new int[0];
                        text = "Click a bar of the histogram to list its documents";
                    } else {
                        double[] values = session.table().column(MetricTable.name(name, m));
                        int b = bin;
                        rows = RowSampler.rows(d, r -> h.binOf(values[r]) == b);
                        String range = h.describe(b);
                        text = String.format("%,d documents with %s %s", rows.length, m,
                                range.startsWith("[") ? "in " + range : range);
                    }
                }
            }
        }
        documents.setRows(rows);
        title.set(text);
    }

    private TuneViewModel.DocRow docRow(int row) {
        SampleSession.Snapshot snap = session.snapshot();
        Decisions d = snap == null ? null : snap.decisions();
        Sample s = snap == null ? null : snap.sample();
        String value = "";
        String m = histogram.metricProperty().get();
        int index = selectedStep.getAsInt();
        if (snap != null && m != null && index >= 0 && index < session.config().steps().size()) {
            String column = MetricTable.name(session.config().steps().get(index).stepName(), m);
            if (snap.table().has(column)) {
                value = TuneViewModel.shortNumber(snap.table().column(column)[row]);
            }
        }
        String status = d == null ? "" : d.kept(row) ? "kept" : d.steps().get(d.removedBy(row)) + ": " + d.reason(row);
        Labels.Label label = session.labels().of(row);
        if (label != null) {
            status = status + "  · labelled " + label.json();
        }
        String host = s == null ? null : s.host(row);
        return new TuneViewModel.DocRow(row, s == null ? "row " + row : s.id(row), host == null ? "" : host, value,
                status, d == null ? 0 : d.tokens(row));
    }
}
