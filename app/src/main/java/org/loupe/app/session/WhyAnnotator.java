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
import org.loupe.engine.pipeline.steps.LanguageStep;
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
            StepType type = stepType(snap, v.step());
            String without = ex.withoutStep(k);
            String note = v.reason() == null ? "passes"
                    : (v.rescued() ? "would drop (" + v.reason() + "), kept by keep_fraction"
                    : "drops: " + v.reason() + (d.removedBy(row) == k
                    ? "; without this step: " + (without == null ? "kept" : "removed by " + without) : ""));
            String failed = v.reason() == null ? "pass" : v.rescued() ? "FAIL (kept by keep_fraction)" : "FAIL";
            List<Annotation.WhyRow> rows = new ArrayList<>();
            for (RowExplanation.CheckRow c : v.checks()) {
                rows.add(new Annotation.WhyRow(v.step(), c.param() + ": " + c.metric(), valueText(type, c.metric(), c.value()),
                        opText(c.op()) + " " + Formats.shortNumber(c.threshold()),
                        c.fails() ? (v.rescued() ? "FAIL (kept by keep_fraction)" : "FAIL") : "pass",
                        Double.isNaN(c.margin()) ? "—" : Formats.shortNumber(c.margin()), c.fails() && !v.rescued(), ""));
            }
            if (v.duplicate() != null) {
                RowExplanation.Duplicate dup = v.duplicate();
                boolean survivor = dup.survivor() == row;
                String of = survivor ? "survivor of " + dup.size() + " copies"
                        : "copy of " + snap.sample().id(dup.survivor()) + hostOf(snap, dup.survivor());
                rows.add(new Annotation.WhyRow(v.step(), "group of copies", "#" + dup.group() + " (" + dup.size() + ")", "",
                        failed, "", v.reason() != null && !v.rescued(), of));
            }
            if (v.reason() != null && rows.stream().noneMatch(w -> w.result().startsWith("FAIL"))) {
                // The step drops the document though no threshold check fails on its own: what it decided on.
                rows.add(0, decidingRow(snap, row, v, type, failed));
            }
            for (RowExplanation.MetricValue mv : v.otherMetrics()) {
                if (mv.metric().matches("top_(label|score)_([2-9]|\\d{2,})") || mv.metric().startsWith("_")) {
                    continue; // the runner-up languages (the first is enough here) and hidden columns
                }
                rows.add(new Annotation.WhyRow(v.step(), mv.metric(), mv.label() != null ? mv.label()
                        : valueText(type, mv.metric(), mv.value()), "", "", "", false, ""));
            }
            if (rows.isEmpty()) {
                rows.add(new Annotation.WhyRow(v.step(), "", "", "", failed, "", v.reason() != null && !v.rescued(), ""));
            }
            // The step's outcome on the row that says why (its first failing row), else on its first row.
            int at = Math.max(0, indexOfFail(rows));
            Annotation.WhyRow head = rows.get(at);
            rows.set(at, new Annotation.WhyRow(head.step(), head.test(), head.value(), head.threshold(), head.result(),
                    head.margin(), head.fails(), head.note().isEmpty() ? note : note + "; " + head.note()));
            why.addAll(rows);
        }
        why = ordered(why, d.removedBy(row) < 0 ? null : d.steps().get(d.removedBy(row)));
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

    /**
     * The rows that answer "why" first: the failing checks of the step that removed the document, then every
     * other failing check, then the rest, each in pipeline order.
     */
    static List<Annotation.WhyRow> ordered(List<Annotation.WhyRow> why, String removedBy) {
        List<Annotation.WhyRow> out = new ArrayList<>(why);
        out.sort(java.util.Comparator.comparingInt(w -> w.fails() && w.step().equals(removedBy) ? 0
                : w.result().startsWith("FAIL") ? 1 : 2));
        return out;
    }

    private static int indexOfFail(List<Annotation.WhyRow> rows) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).result().startsWith("FAIL")) {
                return i;
            }
        }
        return -1;
    }

    private StepType stepType(SampleSession.Snapshot snap, String step) {
        int at = snap.config().indexOf(step);
        return at < 0 ? null : session.catalog().type(snap.config().steps().get(at).type()).orElse(null);
    }

    /** A value as the table shows it: a number, or why there is none ("not measured: fewer than 3 words"). */
    static String valueText(StepType type, String metric, double value) {
        if (!Double.isNaN(value)) {
            return Formats.shortNumber(value);
        }
        return "not measured" + (type == null ? "" : type.undefinedReason(metric).map(r -> ": " + r).orElse(""));
    }

    /**
     * The row of a step that drops the document with no failing threshold check: for the language step, the
     * language found and its score against the languages kept and the threshold; else the step's reason.
     */
    private Annotation.WhyRow decidingRow(SampleSession.Snapshot snap, int row, RowExplanation.StepVerdict v, StepType type,
                                          String result) {
        boolean drops = !v.rescued();
        if (type != null && type.name().equals(LanguageStep.NAME)) {
            String label = v.otherMetrics().stream().filter(m -> m.metric().equals("language")).map(RowExplanation.MetricValue::label)
                    .filter(java.util.Objects::nonNull).findFirst().orElse("unknown");
            double score = v.checks().stream().filter(c -> c.metric().equals("language_score"))
                    .mapToDouble(RowExplanation.CheckRow::value).findFirst().orElse(Double.NaN);
            StepConfig step = snap.config().steps().get(snap.config().indexOf(v.step()));
            StepParams p = StepParams.of(type, step, snap.sample().host(row));
            List<String> wanted = p.strings(LanguageStep.LANGUAGES);
            String condition = (wanted == null ? "any language" : "one of " + String.join(", ", wanted))
                    + " scoring > " + Formats.shortNumber(p.number(LanguageStep.LANGUAGE_THRESHOLD));
            return new Annotation.WhyRow(v.step(), LanguageStep.LANGUAGES.name() + ": language",
                    label + " (score " + valueText(type, "language_score", score) + ")", "keep " + condition, result, "", drops, "");
        }
        return new Annotation.WhyRow(v.step(), "decision", v.reason(), "", result, "", drops, "");
    }

    static String opText(Check.Op op) {
        return switch (op) {
            case LT -> "<";
            case GT -> ">";
            case NOT_GT -> "≤";
        };
    }
}
