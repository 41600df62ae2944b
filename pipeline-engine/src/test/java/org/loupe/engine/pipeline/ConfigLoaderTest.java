package org.loupe.engine.pipeline;

import org.loupe.engine.pipeline.steps.Presets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loupe.engine.pipeline.steps.BuiltinSteps;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(BuiltinSteps.catalog(Set.of("en", "de", "fr")));

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {Presets.DATATROVE_DEFAULTS, Presets.FINEWEB, Presets.GOPHER})
    void everyPresetIsValidAndRoundTripsThroughYamlAndJson(String preset) throws Exception {
        PipelineConfig config = Presets.require(preset);
        loader.check(config);

        assertThat(loader.parse(loader.toYaml(config), "yaml")).isEqualTo(config);
        assertThat(loader.parse(loader.toJson(config), "json")).isEqualTo(config);
        loader.write(config, tmp.resolve("c.yaml"));
        loader.write(config, tmp.resolve("c.json"));
        assertThat(loader.read(tmp.resolve("c.yaml"))).isEqualTo(config);
        assertThat(loader.read(tmp.resolve("c.json"))).isEqualTo(config);
    }

    @Test
    void yamlUsesTheReferenceParameterNames() {
        String yaml = loader.toYaml(Presets.require(Presets.FINEWEB));
        assertThat(yaml).contains("schema_version: 1", "type: c4_quality", "filter_no_terminal_punct: false",
                "language_threshold: 0.65", "keep_fraction");
    }

    @Test
    void aHandWrittenConfigLoadsWithOverridesAndKeepFraction() throws Exception {
        PipelineConfig c = loader.parse("""
                schema_version: 1
                name: tuned
                field_mapping: {text: content, url: metadata.url}
                sample: {seed: 7, size: 5000}
                steps:
                  - type: gopher_quality
                    keep_fraction: 0.1
                    params: {min_doc_words: 30, max_symbol_word_ratio: null}
                    overrides:
                      - domains: [wikipedia.org]
                        params: {min_doc_words: 10}
                  - type: language
                    name: english
                    params: {languages: [en, de]}
                """, "inline");
        assertThat(c.steps()).hasSize(2);
        assertThat(c.steps()).allSatisfy(s -> assertThat(s.enabled()).as("a step without 'enabled' is enabled").isTrue());
        StepConfig g = c.steps().get(0);
        assertThat(g.keepFraction()).isEqualTo(0.1);
        assertThat(g.params()).containsEntry("min_doc_words", 30L).containsEntry("max_symbol_word_ratio", null);
        assertThat(StepParams.of(BuiltinSteps.GOPHER_QUALITY, g, "en.wikipedia.org").asMap())
                .containsEntry("min_doc_words", 10L).containsEntry("max_doc_words", 100_000L);
        assertThat(StepParams.of(BuiltinSteps.GOPHER_QUALITY, g, "example.com").asMap())
                .containsEntry("min_doc_words", 30L);
        assertThat(c.steps().get(1).stepName()).isEqualTo("english");
        assertThat(c.fieldMapping().url()).isEqualTo("metadata.url");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key     | schema_version: 1\\nsteps: []\\nstepz: []                                       | stepz: unknown key
            missing schema version    | steps: []                                                                        | schema_version: missing
            future schema version     | schema_version: 2\\nsteps: []                                                    | schema_version: 2 is not supported
            unknown step type         | schema_version: 1\\nsteps: [{type: gopher}]                                       | steps[0].type: unknown step type 'gopher'
            unknown parameter         | schema_version: 1\\nsteps: [{type: gopher_quality, params: {min_words: 3}}]       | steps[0].params.min_words: unknown parameter of gopher_quality
            wrong type                | schema_version: 1\\nsteps: [{type: gopher_quality, params: {min_doc_words: abc}}] | steps[0].params.min_doc_words: expected an integer, got "abc"
            out of range              | schema_version: 1\\nsteps: [{type: fineweb_quality, params: {short_line_thr: 1.5}}] | steps[0].params.short_line_thr: out of range: 1.5 not in [0, 1]
            null where not allowed    | schema_version: 1\\nsteps: [{type: fineweb_quality, params: {line_punct_thr: null}}] | steps[0].params.line_punct_thr: null is not allowed
            keep fraction above one   | schema_version: 1\\nsteps: [{type: gopher_quality, keep_fraction: 2}]             | steps[0].keep_fraction: expected a number in [0, 1], got 2
            unknown language          | schema_version: 1\\nsteps: [{type: language, params: {languages: [en, xx]}}]      | steps[0].params.languages: unknown language code 'xx'
            duplicate step name       | schema_version: 1\\nsteps: [{type: gopher_quality}, {type: gopher_quality}]       | steps[1]: a second step named 'gopher_quality'
            measure param in override | schema_version: 1\\nsteps: [{type: c4_quality, overrides: [{domains: [a.org], params: {min_words_per_line: 1}}]}] | steps[0].overrides[0].params.min_words_per_line: per-domain overrides can only change thresholds
            bad pair list             | schema_version: 1\\nsteps: [{type: gopher_repetition, params: {top_n_grams: [[2, 3]]}}] | steps[0].params.top_n_grams: expected [n, fraction] pairs
            not yaml                  | schema_version: [1                                                               | not valid YAML/JSON
            filter after sentence dedup | schema_version: 1\\nsteps: [{type: sentence_dedup}, {type: gopher_quality}]   | steps[1]: gopher_quality cannot come after sentence_dedup (steps[0]), whose output text depends on which documents the earlier steps keep; only dedup steps may follow it
            """)
    void invalidConfigsNameTheFieldAndTheProblem(String what, String yaml, String expected) {
        assertThatThrownBy(() -> loader.parse(yaml.replace("\\n", "\n"), "test.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml")
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p -> assertThat(p).contains(expected)));
    }

    @Test
    void aStepCanBeDisabledExplicitly() throws Exception {
        PipelineConfig c = loader.parse("schema_version: 1\nsteps: [{type: gopher_quality, enabled: false}, {type: fineweb_quality}]", "t");
        assertThat(c.steps()).extracting(StepConfig::enabled).containsExactly(false, true);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> loader.parse("schema_version: 1\nsteps: [{type: gopher_quality, params: {min_doc_words: x, nope: 1}}, {type: what}]", "t"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(3));
    }

    @Test
    void onlyDedupStepsOrDisabledStepsMayFollowSentenceDedup() throws Exception {
        PipelineConfig ok = loader.parse("schema_version: 1\nsteps: [{type: gopher_quality}, {type: sentence_dedup},"
                + " {type: minhash_dedup}, {type: exact_dedup}, {type: c4_quality, enabled: false}]", "t");
        loader.check(ok);
        PipelineConfig disabledDedup = loader.parse("schema_version: 1\nsteps: [{type: sentence_dedup, enabled: false},"
                + " {type: c4_quality}]", "t");
        loader.check(disabledDedup);
        PipelineConfig bad = PipelineConfig.of("ui", List.of(StepConfig.of("sentence_dedup"), StepConfig.of("minhash_dedup"),
                StepConfig.of("c4_quality"), StepConfig.of("fineweb_quality")));
        assertThatThrownBy(() -> loader.check(bad)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "steps[2]: c4_quality cannot come after sentence_dedup (steps[0]), whose output text depends on which"
                                + " documents the earlier steps keep; only dedup steps may follow it (move it before, or disable one of them)",
                        "steps[3]: fineweb_quality cannot come after sentence_dedup (steps[0]), whose output text depends on which"
                                + " documents the earlier steps keep; only dedup steps may follow it (move it before, or disable one of them)"));
    }

    @Test
    void unknownPresetNamesTheKnownOnes() {
        assertThatThrownBy(() -> Presets.require("c4"))
                .hasMessageContaining("c4").hasMessageContaining("fineweb").hasMessageContaining("gopher");
    }

    @Test
    void defaultsComeFromTheStepType() {
        Map<String, Object> p = StepParams.of(BuiltinSteps.C4_QUALITY, StepConfig.of("c4_quality")).asMap();
        assertThat(p).containsEntry("min_num_sentences", 5L).containsEntry("filter_no_terminal_punct", true)
                .containsEntry("max_word_length", 1000L);
        assertThat(BuiltinSteps.all()).extracting(StepType::name)
                .containsExactly("url", "language", "gopher_repetition", "gopher_quality", "c4_quality", "fineweb_quality", "c4_badwords",
                        "url_dedup", "exact_dedup", "minhash_dedup", "sentence_dedup");
        assertThat(List.of(BuiltinSteps.C4_QUALITY.editsText(), BuiltinSteps.GOPHER_QUALITY.editsText())).containsExactly(true, false);
    }
}
