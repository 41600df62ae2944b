package org.loupe.engine.filter;

import java.util.List;
import java.util.Map;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.StepType;

/**
 * The C4 bad-words decision (spec §5.2): drop with {@code document_removed_with_badwords} when the text
 * has a bad word of its language. A document whose language has no list is dropped with
 * {@code missing_language} when {@code fail_on_missing_language} (the reference raises
 * {@code ValueError} and stops the pipeline; Loupe drops and names it), else kept.
 *
 * <p>The reference's {@code keep_fraction} (keep a dropped document when {@code uniform() < keep_fraction})
 * is the same thing as Loupe's per-step keep fraction, which {@code Decisions} applies after this
 * decider, seeded by document id and pipeline seed; this decider does not draw.
 */
final class C4BadWordsDecider implements StepDecider {
    private final double[] hasBadword;
    private final double[] unknown;
    private final boolean failOnMissing;
    private final int badReason;
    private final int missingReason;
    private final List<Check> checks;

    C4BadWordsDecider(StepType type, String step, MetricTable table, Map<String, Object> p) {
        hasBadword = table.column(MetricTable.name(step, "has_badword"));
        unknown = table.column(MetricTable.name(step, "unknown_language"));
        failOnMissing = !Boolean.FALSE.equals(p.get("fail_on_missing_language"));
        badReason = type.reasons().indexOf("document_removed_with_badwords");
        missingReason = type.reasons().indexOf("missing_language");
        checks = List.of(new Check("(lists)", "has_badword", Check.Op.GT, 0, "document_removed_with_badwords"));
    }

    @Override
    public int decide(int row) {
        if (unknown[row] != 0) {
            return failOnMissing ? missingReason : -1;
        }
        return hasBadword[row] > 0 ? badReason : -1;
    }

    @Override
    public List<Check> checks() {
        return checks;
    }
}
