package org.loupe.engine.cli;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.run.SampleMeasurements;
import org.loupe.engine.measure.lid.LanguageIdentifier;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.measure.lid.LanguageMeasure;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.ConfigLoader;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.BuiltinSteps;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.task.TaskContext;

/**
 * A sample measured and decided by a pipeline config, headless, as the workbench does it: the measured metrics
 * (cached in the sample's folder), the decisions of the enabled steps, and the language of every row.
 *
 * @param table     the measured metrics ({@code step.metric} columns)
 * @param keys      the row keys the decisions used
 * @param decisions what the config decides for every row
 * @param catalog   the step catalog the config was checked against
 */
public record DecidedSample(MetricTable table, RowKeys keys, Decisions decisions, StepCatalog catalog) {

    /** The step catalog with the language codes of the bundled language-ID model. */
    public static StepCatalog builtinCatalog() {
        Set<String> codes = new HashSet<>(new LanguageMeasure(LanguageIdentifier.lid176()).codes());
        return BuiltinSteps.catalog(codes);
    }

    /**
     * Measures the sample for the config (what is cached is reused) and decides it.
     *
     * @throws IllegalArgumentException when the config does not fit the catalog
     */
    public static DecidedSample decide(Sample sample, PipelineConfig config, StepCatalog catalog, int threads,
                                       TaskContext ctx) throws IOException {
        try {
            new ConfigLoader(catalog).check(config);
        } catch (org.loupe.engine.pipeline.ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        StepResources measures = new StepResources(EnglishTokenizer.shared(), LanguageIdentifier::lid176);
        MetricTable table = new SampleMeasurements(sample, catalog, measures, threads).measure(config, ctx);
        long[] tokens = SampleMeasurements.tokens(sample, config.tokenEncoding(), threads, ctx);
        int n = sample.size();
        long[] ids = new long[n];
        String[] hosts = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = RowKeys.hashId(sample.id(i));
            hosts[i] = sample.host(i);
        }
        RowKeys keys = new RowKeys(ids, hosts, tokens);
        return new DecidedSample(table, keys, decideAgain(config, catalog, table, keys, null), catalog);
    }

    /** Decides another config over the same measurements (its steps must have been measured). */
    public Decisions redecide(PipelineConfig config) {
        return decideAgain(config, catalog, table, keys, decisions);
    }

    private static Decisions decideAgain(PipelineConfig config, StepCatalog catalog, MetricTable table, RowKeys keys,
                                         Decisions previous) {
        List<StepConfig> enabled = config.steps().stream().filter(StepConfig::enabled).toList();
        return Decisions.decide(config.withSteps(enabled), catalog, table, keys, previous);
    }

    /** The language code of every row (fastText lid.176, cached in the sample's folder); null entries when unknown. */
    public static String[] languages(Sample sample, int threads, TaskContext ctx) throws IOException {
        MetricTable t = SampleMeasurements.languages(sample, LanguageIdentifier.lid176(), threads, ctx);
        return t.labelPerRow("language");
    }
}
