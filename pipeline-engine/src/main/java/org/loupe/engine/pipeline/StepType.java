package org.loupe.engine.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;

/**
 * A kind of pipeline step, whole: its name and parameters (with types, ranges, directions and meanings),
 * the metrics it measures and the reasons it gives, its <em>measure</em> (per document, expensive, no
 * thresholds), its <em>decision</em> (a cheap predicate over the measured columns), what it says about a
 * document ({@link StepDecider#checks()}, {@link #lineOutcomes}), and its datatrove export. Every part of
 * Loupe — the workbench's live preview, {@code explain}, {@code run}, the report, the exports — reaches a
 * step only through this interface, so a new step type is one class registered in
 * {@code BuiltinSteps.all()} or, from another module, named in
 * {@code META-INF/services/org.loupe.engine.pipeline.StepType}.
 */
public interface StepType {

    /** The step's name as the reference and the golden files use it ({@code gopher_quality}). */
    String name();

    /** A short human title ("Gopher quality"). */
    String title();

    /** The reference class this step reproduces ({@code GopherQualityFilter}). */
    String referenceClass();

    List<ParamSpec> params();

    /** The metric columns this step measures. */
    List<String> metrics();

    /** Every reason this step can give, in the reference's check order. */
    List<String> reasons();

    /** Whether the step rewrites the text that later steps see (C4 quality). */
    boolean editsText();

    /**
     * The measure half bound to the step's effective parameters (only {@link ParamSpec.Role#MEASURE} ones
     * may matter). Thread-safe.
     *
     * @param params    the effective parameters
     * @param resources the shared, heavy measuring parts (word tokenizer, language-ID model, word lists)
     */
    StepMeasure measure(StepParams params, StepResources resources);

    /**
     * The decision compiled against a metric table: the step's columns are {@code stepName.metric}.
     *
     * @throws IllegalArgumentException when a column the decision needs was not measured
     */
    StepDecider decider(String stepName, StepParams params, MetricTable table);

    default Optional<ParamSpec> param(String name) {
        return params().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The parameters that decide what the step measures, as a stable map (the step's measure key): two
     * configs with equal keys share measured columns, so a threshold change never re-measures.
     */
    default Map<String, Object> measureKey(StepParams params) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("type", name());
        for (ParamSpec spec : params()) {
            if (spec.role() == ParamSpec.Role.MEASURE) {
                key.put(spec.name(), params.get(spec));
            }
        }
        return key;
    }

    /**
     * The share of the documents this step drops that are kept anyway: Loupe's {@code keep_fraction} of the
     * step, unless the step has a parameter of its own that means the same.
     */
    default double keepFraction(StepConfig step, StepParams params) {
        return step.keepFraction();
    }

    /**
     * Checks beyond each parameter's type and range (e.g. language codes against the model's); adds one
     * message per problem, each starting with {@code at}.
     */
    default void check(String at, Map<String, Object> params, StepCatalog catalog, List<String> problems) {
    }

    /**
     * Whether the step decides over the documents the earlier steps keep rather than each document on its
     * own (dedup: the clusters, and which copy survives, depend on which copies the filters before it kept).
     * Its decider is then given those documents ({@link StepDecider#decideKept}) and decided again whenever
     * they change.
     */
    default boolean decidesOverEarlierKept() {
        return false;
    }

    /**
     * For a dedup step, the groups of copies among the rows the earlier steps keep ({@code keptBefore}, bit
     * {@code row} set for a kept row), with the copy that survives in each: what the Duplicates view, the
     * explanation and the full run's removed files show. Empty for other steps.
     */
    default Optional<org.loupe.engine.filter.DuplicateGroups> duplicates(String stepName, StepParams params,
                                                                         MetricTable table, long[] keptBefore) {
        return Optional.empty();
    }

    /**
     * Whether the text the step hands on depends on the decisions of the steps before it (sentence dedup cuts
     * the sentences an earlier kept document already has): that text cannot be measured once, so the config
     * check allows only steps that {@link #decidesOverEarlierKept() decide over the earlier kept rows} after
     * it, and those are measured on the text before it.
     */
    default boolean textDependsOnDecisions() {
        return false;
    }

    /**
     * For a step whose output text {@linkplain #textDependsOnDecisions() depends on the decisions}, what it
     * does to one row's text given the rows the earlier steps keep: the text it hands on (null when it drops
     * the row), the reference's annotated text, and the pieces of the input text, removed or not, for the
     * inspector. Empty for other steps, and for a row the earlier steps drop.
     */
    default Optional<DecidedText> decidedText(String stepName, StepParams params, MetricTable table, long[] keptBefore,
                                              int row) {
        return Optional.empty();
    }

    /**
     * What a step did to one document's text under the current decisions.
     *
     * @param input     the text the step was given (the offsets of {@code pieces} are into it)
     * @param textAfter the text it hands on, or null when it drops the document
     * @param annotated the input text with the reference's {@code >>>} … {@code <<<} around removed runs, or
     *                  null when nothing was removed
     * @param pieces    the input text in pieces (a sentence with the text before it, or a line), each with
     *                  what happened to it; {@link LineOutcome#removed()} for a piece cut out
     */
    record DecidedText(String input, String textAfter, String annotated, List<LineOutcome> pieces) {
        public DecidedText {
            pieces = List.copyOf(pieces);
        }
    }

    /**
     * Why a metric of this step has no value (NaN) for a document, as the measure defines it ("fewer than 3
     * words", "no lines"): for the inspector, which says so instead of showing "NaN". Empty when the step does
     * not say (the metric was then not measured for the document).
     */
    default Optional<String> undefinedReason(String metric) {
        return Optional.empty();
    }

    /** Whether measuring the step needs the language-ID model. */
    default boolean usesLanguageModel() {
        return false;
    }

    /**
     * The same step as a datatrove constructor call, or empty when datatrove has no equivalent (the
     * script then says so in a comment).
     */
    default Optional<DatatroveCall> datatrove(StepConfig step) {
        return Optional.empty();
    }

    /**
     * For a step that judges a text line by line (C4 quality), what it did with each line of {@code text}:
     * for the inspector's line diff. Empty for other steps.
     */
    default Optional<List<LineOutcome>> lineOutcomes(StepParams params, String text, StepResources resources) {
        return Optional.empty();
    }

    /**
     * One line of a line-by-line step.
     *
     * @param start    offset of the line in the text
     * @param end      end offset (exclusive)
     * @param rule     "kept", "not reached", the rule that removed it, or "drops the document: …"
     * @param removed  whether the line is not in the step's output
     */
    record LineOutcome(int start, int end, String rule, boolean removed) { }

    /**
     * A datatrove constructor call: a filter, or the configuration of a multi-stage dedup (then {@link #kind}
     * names the stages the script runs with that configuration).
     *
     * @param module   the Python module ({@code datatrove.pipeline.filters})
     * @param cls      the class ({@code GopherQualityFilter}, or the dedup's config class, {@code MinhashConfig})
     * @param args     keyword arguments (Java values; pair lists become tuples; {@link Code} is written as is)
     * @param comments what Loupe does that the call cannot express, one line each
     * @param kind     a filter in the pipeline, or which dedup stages to run
     * @param imports  further import lines the arguments need ({@code from datatrove.utils.text import simplify_text})
     */
    record DatatroveCall(String module, String cls, Map<String, Object> args, List<String> comments, Kind kind,
                         List<String> imports) {
        public DatatroveCall {
            args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
            comments = List.copyOf(comments);
            imports = List.copyOf(imports);
            java.util.Objects.requireNonNull(kind, "kind");
        }

        /** A filter: one call in the pipeline, with its exclusion writer. */
        public DatatroveCall(String module, String cls, Map<String, Object> args, List<String> comments) {
            this(module, cls, args, comments, Kind.FILTER, List.of());
        }

        /** What the script does with a call. */
        public enum Kind {
            /** One pipeline step that drops documents on its own. */
            FILTER(List.of()),
            /** MinHash dedup: signatures, buckets, clusters, then the filter, each stage depending on the previous. */
            MINHASH_DEDUP(List.of("MinhashDedupSignature", "MinhashDedupBuckets", "MinhashDedupCluster", "MinhashDedupFilter")),
            /** Exact dedup of a content (text, normalised text or URL): signatures, find duplicates, filter. */
            EXACT_DEDUP(List.of("ExactDedupSignature", "ExactFindDedups", "ExactDedupFilter")),
            /** Sentence dedup (3-sentence windows): signatures, find duplicates, filter (which cuts the spans). */
            SENTENCE_DEDUP(List.of("SentenceDedupSignature", "SentenceFindDedups", "SentenceDedupFilter"));

            private final List<String> stages;

            Kind(List<String> stages) {
                this.stages = stages;
            }

            /** The stage classes, in the call's module, in the order they run (empty for a filter). */
            public List<String> stages() {
                return stages;
            }
        }

        /** A Python expression written into the script as it is ({@code lambda doc: doc.text}). */
        public record Code(String python) {
            public Code {
                java.util.Objects.requireNonNull(python, "python");
            }
        }
    }

    /**
     * The step types other modules provide, found on the class path with {@link ServiceLoader} (e.g. the
     * {@code analysis} module's topic step, which needs an embedding model the engine cannot depend on), in
     * a stable order (by name).
     */
    static List<StepType> fromClassPath() {
        List<StepType> out = new ArrayList<>();
        ServiceLoader.load(StepType.class, StepType.class.getClassLoader()).forEach(out::add);
        out.sort(java.util.Comparator.comparing(StepType::name));
        return List.copyOf(out);
    }
}
