package org.loupe.app.session;

import java.util.ArrayList;
import java.util.List;
import org.loupe.app.document.Annotation;
import org.loupe.app.common.Formats;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowExplanation;
import org.loupe.engine.filter.Check;
import org.loupe.engine.model.Document;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.workspace.Labels;

/**
 * Why a document is kept or removed, for the inspectors: the verdict, every step's checks with the
 * document's values and margins (failing checks first), and the line diff of a step that judges lines (or,
 * failing that, the sentences sentence dedup cuts under the current decisions).
 * Reads the session's last {@link SampleSession#snapshot() snapshot}, so it runs off the FX thread.
 */
final class WhyAnnotator {
    private final SampleSession session;

    WhyAnnotator(SampleSession session) {
        this.session = session;
    }

    private static String hostOf(SampleSession.Snapshot snap, int row) {
        String host = snap.sample().host(row);
        return host == null ? "" : " (" + host + ")";
    }

    /** Explains one document under the last decisions: called off the FX thread by the inspectors. */
    Annotation annotate(int row, Document doc) {
        SampleSession.Snapshot snap = session.snapshot();
        if (snap == null || snap.sample() == null || row < 0 || row >= snap.sample().size()
                || !snap.sample().id(row).equals(doc.id())) {
            return Annotation.NONE;
        }
        Decisions d = snap.decisions();
        RowExplanation ex = RowExplanation.of(d, snap.table(), snap.config(), session.catalog(), row, snap.sample().host(row));
        List<Annotation.WhyRow> why = new ArrayList<>();
        for (int k = 0; k < ex.steps().size(); k++) {
            RowExplanation.StepVerdict v = ex.steps().get(k);
            String without = ex.withoutStep(k);
            String note = v.reason() == null ? "passes"
                    : (v.rescued() ? "would drop (" + v.reason() + "), kept by keep_fraction"
                    : "drops: " + v.reason() + (d.removedBy(row) == k
                    ? "; without this step: " + (without == null ? "kept" : "removed by " + without) : ""));
            boolean first = true;
            for (RowExplanation.CheckRow c : v.checks()) {
                why.add(new Annotation.WhyRow(v.step(), c.param() + ": " + c.metric(), Formats.shortNumber(c.value()),
                        opText(c.op()) + " " + Formats.shortNumber(c.threshold()),
                        c.fails() ? (v.rescued() ? "FAIL (kept by keep_fraction)" : "FAIL") : "pass",
                        Double.isNaN(c.margin()) ? "—" : Formats.shortNumber(c.margin()), c.fails() && !v.rescued(),
                        first ? note : ""));
                first = false;
            }
            if (v.duplicate() != null) {
                RowExplanation.Duplicate dup = v.duplicate();
                boolean survivor = dup.survivor() == row;
                String of = survivor ? "survivor of " + dup.size() + " copies"
                        : "copy of " + snap.sample().id(dup.survivor()) + hostOf(snap, dup.survivor());
                why.add(new Annotation.WhyRow(v.step(), "group of copies", "#" + dup.group() + " (" + dup.size() + ")", "",
                        v.reason() == null ? "pass" : v.rescued() ? "FAIL (kept by keep_fraction)" : "FAIL", "",
                        v.reason() != null && !v.rescued(), first ? note + "; " + of : of));
                first = false;
            }
            for (RowExplanation.MetricValue mv : v.otherMetrics()) {
                if (mv.metric().matches("top_(label|score)_([2-9]|\\d{2,})")) {
                    continue; // the runner-up languages: the first is enough here
                }
                why.add(new Annotation.WhyRow(v.step(), mv.metric(), mv.label() != null ? mv.label() : Formats.shortNumber(mv.value()), "", "", "", false, first ? note : ""));
                first = false;
            }
            if (first) {
                why.add(new Annotation.WhyRow(v.step(), "", "", "", v.reason() == null ? "pass" : "FAIL", "",
                        v.reason() != null && !v.rescued(), note));
            }
        }
        // The checks that fail come first (the answer to "why"), then every other value in pipeline order.
        List<Annotation.WhyRow> ordered = new ArrayList<>(why.stream().filter(w -> w.result().startsWith("FAIL")).toList());
        why.stream().filter(w -> !w.result().startsWith("FAIL")).forEach(ordered::add);
        why = ordered;
        String verdict;
        int by = d.removedBy(row);
        if (by < 0) {
            verdict = "Kept by the pipeline";
        } else {
            String without = ex.withoutStep(by);
            verdict = String.format("Removed by %s (%s) — without that step: %s", d.steps().get(by), d.reason(row),
                    without == null ? "kept" : "removed by " + without);
        }
        Labels.Label given = session.labels().ofId(doc.id());
        if (given != null) {
            verdict += "  · labelled " + given.json();
        }
        List<Annotation.LineRow> lines = new ArrayList<>();
        String lineStep = "";
        for (StepConfig step : snap.config().steps()) {
            StepType type = session.catalog().type(step.type()).orElseThrow();
            java.util.Optional<List<StepType.LineOutcome>> outcomes = step.enabled()
                    ? type.lineOutcomes(StepParams.of(type, step, snap.sample().host(row)), doc.text(), session.measures())
                    : java.util.Optional.empty();
            if (outcomes.isPresent()) {
                lineStep = step.stepName();
                String text = doc.text();
                int n = 1;
                for (StepType.LineOutcome line : outcomes.get()) {
                    lines.add(new Annotation.LineRow(n++, text.substring(line.start(), line.end()), line.rule(), line.removed()));
                }
                break;
            }
        }
        if (lines.isEmpty()) {
            // A step that cuts pieces out depending on the decisions (sentence dedup): its cuts under them.
            for (int k = 0; k < d.steps().size() && lines.isEmpty(); k++) {
                if (!d.stepType(k).textDependsOnDecisions()) {
                    continue;
                }
                java.util.Optional<StepType.DecidedText> cut = d.decidedText(k, row);
                if (cut.isPresent() && cut.get().annotated() != null) {
                    lineStep = d.steps().get(k);
                    String text = cut.get().input();
                    int n = 1;
                    for (StepType.LineOutcome piece : cut.get().pieces()) {
                        lines.add(new Annotation.LineRow(n++, text.substring(piece.start(), piece.end()), piece.rule(),
                                piece.removed()));
                    }
                }
            }
        }
        return new Annotation(verdict, why, lines, lineStep);
    }

    static String opText(Check.Op op) {
        return switch (op) {
            case LT -> "<";
            case GT -> ">";
            case NOT_GT -> "≤";
        };
    }
}
