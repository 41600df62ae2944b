package org.loupe.engine.pipeline;

import org.loupe.engine.pipeline.steps.Presets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.engine.pipeline.steps.BuiltinSteps;

class DatatroveScriptTest {
    private static final StepCatalog CATALOG = BuiltinSteps.catalog(Set.of());

    @TempDir
    Path tmp;

    @Test
    void theFineWebPresetBecomesFineWebsFilterChainWithExclusionWriters() {
        String py = DatatroveScript.render(Presets.require(Presets.FINEWEB), CATALOG);
        assertThat(py).containsSubsequence(
                "LanguageFilter(languages=[\"en\"]",
                "GopherRepetitionFilter(exclusion_writer=JsonlWriter(f\"{OUTPUT}/removed/2_gopher_repetition\"))",
                "GopherQualityFilter(",
                "C4QualityFilter(filter_no_terminal_punct=False",
                "FineWebQualityFilter(",
                "JsonlWriter(f\"{OUTPUT}/kept\")",
                "LocalPipelineExecutor(");
        assertThat(py).doesNotContain("language_threshold").as("defaults are left out");
    }

    @Test
    void tunedParametersNGramTuplesAndUnexpressibleOptionsAreWritten() {
        PipelineConfig c = PipelineConfig.of("tuned", List.of(
                StepConfig.of("gopher_repetition").withParam("top_n_grams", List.of(List.of(2, 0.25))),
                new StepConfig("gopher_quality", null, true, 0.05, Map.of("min_doc_words", 30, "max_symbol_word_ratio", 0.2),
                        List.of(new StepConfig.DomainOverride(List.of("wiki.org"), Map.of("min_doc_words", 10)))),
                StepConfig.of("fineweb_quality").withEnabled(false)));
        String py = DatatroveScript.render(c, CATALOG);
        assertThat(py).contains("GopherRepetitionFilter(top_n_grams=((2, 0.25),)")
                .contains("GopherQualityFilter(min_doc_words=30, max_symbol_word_ratio=0.2")
                .contains("# Loupe keeps 0.05 of what this step removes")
                .contains("# Loupe overrides for [wiki.org]")
                .contains("# fineweb_quality: disabled in Loupe")
                .doesNotContain("FineWebQualityFilter(");
    }

    @Test
    void theScriptIsValidPython() throws Exception {
        Path script = tmp.resolve("pipeline.py");
        Files.writeString(script, DatatroveScript.render(Presets.require(Presets.DATATROVE_DEFAULTS), CATALOG));
        Process p;
        try {
            p = new ProcessBuilder("python3", "-m", "py_compile", script.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "python3 is not installed; skipping the syntax check of the exported script");
            return;
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }
}
