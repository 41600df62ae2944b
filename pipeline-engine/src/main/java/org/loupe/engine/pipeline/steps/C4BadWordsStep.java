package org.loupe.engine.pipeline.steps;

import static org.loupe.engine.pipeline.ParamSpec.Role.DECISION;
import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.util.List;
import java.util.Optional;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.badwords.C4BadWordsMeasure;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;

/**
 * datatrove's {@code C4BadWordsFilter} (spec §5.2): drops a document with a bad word of its language
 * ({@code document_removed_with_badwords}). A document whose language has no list is dropped with
 * {@code missing_language} when {@code fail_on_missing_language} (the reference raises {@code ValueError}
 * and stops the pipeline; Loupe drops and names it), else kept. The reference's own {@code keep_fraction}
 * means the same as Loupe's step keep fraction; the larger applies, drawn from the document id and the
 * pipeline seed.
 */
public final class C4BadWordsStep extends AbstractStep {
    public static final String NAME = "c4_badwords";

    public static final ParamSpec KEEP_FRACTION = ParamSpec.number("keep_fraction", 0.0, 0.0, 1.0, false, DECISION,
            "Fraction of documents with a bad word kept anyway (the same as the step's keep fraction; the larger applies).");
    public static final ParamSpec FAIL_ON_MISSING_LANGUAGE = ParamSpec.bool("fail_on_missing_language", true, DECISION,
            "Documents in a language without a word list: drop them with reason missing_language (the reference raises an error) or keep them.");
    public static final ParamSpec SEED = ParamSpec.integer("seed", null, null, null, true, DECISION,
            "Accepted for compatibility; Loupe draws keep fractions from the document id and the pipeline seed.");
    public static final ParamSpec DEFAULT_LANGUAGE = ParamSpec.string("default_language", "en", false, MEASURE,
            "Language of documents without a language.");

    public C4BadWordsStep() {
        super(NAME, "C4 bad words", "C4BadWordsFilter",
                List.of(KEEP_FRACTION, FAIL_ON_MISSING_LANGUAGE, SEED, DEFAULT_LANGUAGE),
                C4BadWordsMeasure.METRICS, List.of("document_removed_with_badwords", "missing_language"), false);
    }

    @Override
    public StepMeasure measure(StepParams p, StepResources resources) {
        return new C4BadWordsMeasure(resources.badwords(),
                doc -> doc.attribute("language") instanceof String l ? l : null, p.string(DEFAULT_LANGUAGE));
    }

    @Override
    public double keepFraction(StepConfig step, StepParams params) {
        return Math.max(step.keepFraction(), params.number(KEEP_FRACTION));
    }

    @Override
    public Optional<DatatroveCall> datatrove(StepConfig step) {
        // The step's keep fraction is the reference's own keep_fraction: no comment, an argument.
        StepConfig withoutKeep = step.withKeepFraction(0);
        DatatroveCall call = super.datatrove(withoutKeep).orElseThrow();
        java.util.Map<String, Object> args = new java.util.LinkedHashMap<>(call.args());
        if (step.keepFraction() > 0 && !args.containsKey(KEEP_FRACTION.name())) {
            args.put(KEEP_FRACTION.name(), step.keepFraction());
        }
        return Optional.of(new DatatroveCall(call.module(), call.cls(), args, call.comments()));
    }

    @Override
    public StepDecider decider(String stepName, StepParams p, MetricTable table) {
        double[] hasBadword = table.column(MetricTable.name(stepName, "has_badword"));
        double[] unknown = table.column(MetricTable.name(stepName, "unknown_language"));
        boolean failOnMissing = p.flag(FAIL_ON_MISSING_LANGUAGE);
        int badReason = reasons().indexOf("document_removed_with_badwords");
        int missingReason = reasons().indexOf("missing_language");
        List<Check> checks = List.of(new Check("(lists)", "has_badword", Check.Op.GT, 0, "document_removed_with_badwords"));
        return new StepDecider() {
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
        };
    }
}
