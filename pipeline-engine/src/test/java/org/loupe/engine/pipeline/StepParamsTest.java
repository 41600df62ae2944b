package org.loupe.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.pipeline.steps.GopherQualityStep;
import org.loupe.engine.pipeline.steps.GopherRepetitionStep;

/** Typed parameter values: a number from the slider to the decider, and nothing else gets in. */
class StepParamsTest {

    @Test
    void defaultsThenTheStepsValuesThenTheFirstMatchingOverride() {
        StepConfig step = new StepConfig(GopherQualityStep.NAME, null, true, 0, Map.of("min_doc_words", 30),
                List.of(new StepConfig.DomainOverride(List.of("wiki.org"), Map.of("min_doc_words", 10))));
        assertThat(StepParams.of(BuiltinSteps.GOPHER_QUALITY, step, "en.wiki.org").integer(GopherQualityStep.MIN_DOC_WORDS))
                .isEqualTo(10);
        assertThat(StepParams.of(BuiltinSteps.GOPHER_QUALITY, step, "example.com").integer(GopherQualityStep.MIN_DOC_WORDS))
                .isEqualTo(30);
        assertThat(StepParams.of(BuiltinSteps.GOPHER_QUALITY, step).number(GopherQualityStep.MAX_AVG_WORD_LENGTH)).isEqualTo(10.0);
        assertThat(StepParams.ofOverride(BuiltinSteps.GOPHER_QUALITY, step, 0).integer(GopherQualityStep.MIN_DOC_WORDS))
                .isEqualTo(10);
    }

    @Test
    void valuesAreCoercedToTheirParametersType() {
        StepParams p = StepParams.defaults(BuiltinSteps.GOPHER_QUALITY)
                .with(Map.of("min_doc_words", 41.6, "max_avg_word_length", 12));
        assertThat(p.get("min_doc_words")).isEqualTo(42L);
        assertThat(p.get("max_avg_word_length")).isEqualTo(12.0);
        assertThat(StepConfig.of(GopherQualityStep.NAME).withParam(GopherQualityStep.MIN_DOC_WORDS, 7.2).params())
                .containsEntry("min_doc_words", 7L);
    }

    @Test
    void anUndeclaredNameIsAnErrorNotASilentDefault() {
        StepParams p = StepParams.defaults(BuiltinSteps.GOPHER_QUALITY);
        assertThatThrownBy(() -> p.get("min_doc_word")).hasMessageContaining("gopher_quality has no parameter 'min_doc_word'");
        assertThatThrownBy(() -> p.with("nope", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pairListsReadAsPairs() {
        StepParams p = StepParams.defaults(BuiltinSteps.GOPHER_REPETITION);
        assertThat(p.pairs(GopherRepetitionStep.TOP_N_GRAMS)).containsExactly(new StepParams.Pair(2, 0.2),
                new StepParams.Pair(3, 0.18), new StepParams.Pair(4, 0.16));
    }

    @Test
    void problemsNameWhatIsWrongWithAValue() {
        assertThat(GopherQualityStep.MIN_DOC_WORDS.problem(-1L)).startsWith("out of range: -1 not in [0, ∞]");
        assertThat(GopherQualityStep.MIN_DOC_WORDS.problem(1.5)).isEqualTo("expected an integer, got 1.5");
        assertThat(GopherQualityStep.MIN_DOC_WORDS.problem(null)).isNull();
        assertThat(GopherQualityStep.LANGUAGE.problem(null)).contains("null is not allowed");
        assertThat(GopherRepetitionStep.TOP_N_GRAMS.problem(List.of(List.of(2, 1.5)))).contains("[n, fraction] pairs");
        assertThat(GopherQualityStep.MIN_DOC_WORDS.direction()).isEqualTo(ParamSpec.Direction.DROPS_BELOW);
        assertThat(GopherQualityStep.MAX_DOC_WORDS.direction().text()).isEqualTo("drops above");
    }

    @Property(tries = 200)
    void aSliderNumberIsAValidValueOnceClampedToTheRange(@ForAll @DoubleRange(min = -10, max = 1e6) double v) {
        ParamSpec spec = GopherQualityStep.MAX_NON_ALPHA_WORDS_RATIO;
        double clamped = Math.max(spec.min(), Math.min(spec.max(), v));
        assertThat(spec.problem(spec.coerce(clamped))).isNull();
        ParamSpec integer = GopherQualityStep.MIN_DOC_WORDS;
        Object value = integer.coerce(Math.max(integer.min(), v));
        assertThat(value).isInstanceOf(Long.class);
        assertThat(integer.problem(value)).isNull();
    }
}
