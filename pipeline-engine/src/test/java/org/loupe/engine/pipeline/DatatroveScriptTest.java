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

    @Test
    void fineWebWithMinHashBecomesDatatrovesFourChainedStages() {
        String py = DatatroveScript.render(Presets.require(Presets.FINEWEB_MINHASH), CATALOG);
        assertThat(py).contains("from datatrove.pipeline.dedup.minhash import (\n    MinhashConfig,\n    MinhashDedupSignature,\n"
                        + "    MinhashDedupBuckets,\n    MinhashDedupCluster,\n    MinhashDedupFilter,\n)\n")
                .contains("from datatrove.utils.hashing import HashConfig\n")
                .contains("MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8, seed=1, "
                        + "hash_config=HashConfig(hash_fc=\"sha1\", precision=64))");
        assertThat(py).containsSubsequence(
                "stage_1 = LocalPipelineExecutor(",
                "JsonlReader(INPUT, text_key=\"text\", id_key=\"id\")",
                "FineWebQualityFilter(",
                "JsonlWriter(f\"{OUTPUT}/stage_1\")",
                "_signatures = LocalPipelineExecutor(",
                "JsonlReader(f\"{OUTPUT}/stage_1\")",
                "MinhashDedupSignature(output_folder=f\"{OUTPUT}/dedup/",
                "depends=stage_1,",
                "_buckets = LocalPipelineExecutor(",
                "MinhashDedupBuckets(input_folder=",
                "tasks=", "_config.num_buckets,",
                "depends=", "_signatures,",
                "_clusters = LocalPipelineExecutor(",
                "save_cluster_id=True, save_cluster_size=True",
                "tasks=1,",
                "depends=", "_buckets,",
                "stage_2 = LocalPipelineExecutor(",
                "JsonlReader(f\"{OUTPUT}/stage_1\")",
                "MinhashDedupFilter(input_folder=", "/remove_ids\", exclusion_writer=JsonlWriter(f\"{OUTPUT}/removed/",
                "load_cluster_ids=True, load_cluster_sizes=True)",
                "JsonlWriter(f\"{OUTPUT}/kept\")",
                "depends=", "_clusters,",
                "if __name__ == \"__main__\":\n    stage_2.run()\n");
        assertThat(py).doesNotContain("pipeline = [").as("no single pipeline when there are dedup stages");
    }

    @Test
    void stepsAfterADedupStepContinueInTheNextSegmentAndExactDedupNormalises() {
        PipelineConfig c = PipelineConfig.of("mixed", List.of(
                StepConfig.of("gopher_quality"),
                StepConfig.of("exact_dedup"),
                StepConfig.of("fineweb_quality"),
                StepConfig.of("url_dedup"),
                StepConfig.of("c4_quality")));
        String py = DatatroveScript.render(c, CATALOG);
        assertThat(py).contains("from datatrove.pipeline.dedup.exact_dedup import (\n    ExactDedupConfig,\n"
                        + "    ExactDedupSignature,\n    ExactFindDedups,\n    ExactDedupFilter,\n)\n")
                .contains("from datatrove.utils.text import simplify_text\n")
                .contains("s2_exact_dedup_config = ExactDedupConfig(content_getter=lambda doc: simplify_text(doc.text), "
                        + "hash_config=HashConfig(hash_fc=\"xxhash\", precision=64))")
                .contains("s4_url_dedup_config = ExactDedupConfig(content_getter=lambda doc: doc.metadata.get(\"url\", \"\")");
        assertThat(py).containsSubsequence(
                "stage_1 = LocalPipelineExecutor(", "GopherQualityFilter(exclusion_writer=JsonlWriter(f\"{OUTPUT}/removed/1_gopher_quality\"))",
                "JsonlWriter(f\"{OUTPUT}/stage_1\")",
                "s2_exact_dedup_signatures = LocalPipelineExecutor(", "ExactDedupSignature(output_folder=", "finder_workers=1",
                "depends=stage_1,",
                "s2_exact_dedup_duplicates = LocalPipelineExecutor(", "ExactFindDedups(data_folder=", "tasks=1,",
                "depends=s2_exact_dedup_signatures,",
                "stage_2 = LocalPipelineExecutor(", "JsonlReader(f\"{OUTPUT}/stage_1\")",
                "ExactDedupFilter(data_folder=", "exclusion_writer=JsonlWriter(f\"{OUTPUT}/removed/2_exact_dedup\")",
                "FineWebQualityFilter(exclusion_writer=JsonlWriter(f\"{OUTPUT}/removed/3_fineweb_quality\"))",
                "JsonlWriter(f\"{OUTPUT}/stage_2\")", "depends=s2_exact_dedup_duplicates,",
                "s4_url_dedup_signatures = LocalPipelineExecutor(", "JsonlReader(f\"{OUTPUT}/stage_2\")", "depends=stage_2,",
                "s4_url_dedup_duplicates = LocalPipelineExecutor(",
                "stage_3 = LocalPipelineExecutor(", "ExactDedupFilter(", "removed/4_url_dedup",
                "C4QualityFilter(", "JsonlWriter(f\"{OUTPUT}/kept\")", "depends=s4_url_dedup_duplicates,",
                "    stage_3.run()");
    }

    @Test
    void aDedupStepFirstReadsTheInputAndKeepFractionIsACommentAndANote() {
        PipelineConfig c = PipelineConfig.of("dedup only", List.of(
                StepConfig.of("fineweb_quality").withEnabled(false),
                new StepConfig("minhash_dedup", null, true, 0.1, Map.of("hash_fc", "xxhash"), List.of()),
                StepConfig.of("exact_dedup").withParam("normalize", false)));
        String py = DatatroveScript.render(c, CATALOG);
        assertThat(py).containsSubsequence("# fineweb_quality: disabled in Loupe",
                "# Loupe keeps 0.1 of what minhash_dedup removes (keep_fraction)",
                "s1_minhash_dedup_signatures = LocalPipelineExecutor(",
                "JsonlReader(INPUT, text_key=\"text\", id_key=\"id\")",
                "stage_1 = LocalPipelineExecutor(", "MinhashDedupFilter(", "JsonlWriter(f\"{OUTPUT}/stage_1\")",
                "content_getter=lambda doc: doc.text,",
                "stage_2 = LocalPipelineExecutor(", "    stage_2.run()");
        assertThat(py).doesNotContain("simplify_text").doesNotContain("depends=None");
        assertThat(py.substring(0, py.indexOf("s1_minhash_dedup_signatures ="))).doesNotContain("stage_1 = ");
        assertThat(DatatroveScript.notes(c, CATALOG)).singleElement().asString()
                .startsWith("minhash_dedup: Loupe keeps 0.1 of what minhash_dedup removes");
    }

    @Test
    void theDedupScriptsAreValidPython() throws Exception {
        PipelineConfig mixed = PipelineConfig.of("mixed", List.of(StepConfig.of("gopher_quality"), StepConfig.of("exact_dedup"),
                StepConfig.of("fineweb_quality"), StepConfig.of("url_dedup"), StepConfig.of("minhash_dedup"),
                StepConfig.of("sentence_dedup")));
        for (PipelineConfig c : List.of(Presets.require(Presets.FINEWEB_MINHASH), mixed)) {
            compiles(DatatroveScript.render(c, CATALOG));
        }
    }

    @Test
    void sentenceDedupBecomesDatatrovesThreeSentenceStages() {
        PipelineConfig c = PipelineConfig.of("s", List.of(StepConfig.of("gopher_quality"),
                StepConfig.of("sentence_dedup").withParam("min_doc_words", 40L)));
        String py = DatatroveScript.render(c, CATALOG);
        assertThat(py).contains("from datatrove.pipeline.dedup.sentence_dedup import (\n    SentDedupConfig,\n")
                .contains("SentenceDedupSignature(output_folder=", "SentenceFindDedups(data_folder=",
                        "SentenceDedupFilter(data_folder=")
                .contains("SentDedupConfig(min_doc_words=40)");
        assertThat(py.indexOf("SentenceDedupSignature(")).isLessThan(py.indexOf("SentenceFindDedups("));
        assertThat(py.indexOf("SentenceFindDedups(")).isLessThan(py.indexOf("SentenceDedupFilter("));
    }

    private void compiles(String source) throws Exception {
        Path script = tmp.resolve("staged.py");
        Files.writeString(script, source);
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
