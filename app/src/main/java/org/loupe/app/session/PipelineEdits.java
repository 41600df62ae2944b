package org.loupe.app.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loupe.analysis.topic.TopicStep;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.steps.MinHashDedupStep;
import org.loupe.engine.pipeline.steps.UrlStep;

/**
 * Pipeline edits that views other than Tune ask for, as pure functions of the config: each returns the
 * edited config, or empty when the edit changes nothing. The caller applies it through
 * {@link SampleSession#edit}.
 */
public final class PipelineEdits {
    private PipelineEdits() {
    }

    /**
     * Adds a domain to the URL filter's blocked domains ({@code extra_domains}), adding a URL step at the
     * front of the pipeline when there is none (and switching it on when it is off).
     */
    public static Optional<PipelineConfig> blockDomain(PipelineConfig c, String domain) {
        int i = c.indexOf(UrlStep.NAME);
        if (i < 0) {
            List<StepConfig> list = new ArrayList<>(c.steps());
            list.add(0, StepConfig.of(UrlStep.NAME).withParam(UrlStep.EXTRA_DOMAINS, List.of(domain)));
            return Optional.of(c.withSteps(list));
        }
        StepConfig step = c.steps().get(i);
        List<String> domains = new ArrayList<>(strings(step.params().get(UrlStep.EXTRA_DOMAINS.name())));
        if (domains.contains(domain) && step.enabled()) {
            return Optional.empty();
        }
        if (!domains.contains(domain)) {
            domains.add(domain);
        }
        return Optional.of(c.withStep(i, step.withParam(UrlStep.EXTRA_DOMAINS, domains).withEnabled(true)));
    }

    /**
     * Removes the documents nearest one cluster of the map: adds the cluster to the drop list of the topic
     * step with these centroids (switching it on), or appends such a step.
     *
     * @param centroids the map's centroids, as the topic step's {@code centroids} value
     * @param labels    a name per centroid
     * @param label     the cluster to drop
     * @return the edited config and whether it needs measuring (a new step does)
     */
    public static Optional<Edit> dropTopic(PipelineConfig c, String centroids, List<String> labels, String label) {
        for (int i = 0; i < c.steps().size(); i++) {
            StepConfig step = c.steps().get(i);
            if (step.type().equals(TopicStep.NAME) && centroids.equals(step.params().get(TopicStep.CENTROIDS.name()))) {
                List<String> drop = new ArrayList<>(strings(step.params().get(TopicStep.DROP.name())));
                if (drop.contains(label) && step.enabled()) {
                    return Optional.empty();
                }
                if (!drop.contains(label)) {
                    drop.add(label);
                }
                return Optional.of(new Edit(c.withStep(i, step.withParam(TopicStep.DROP, drop).withEnabled(true)), false));
            }
        }
        List<StepConfig> list = new ArrayList<>(c.steps());
        list.add(StepConfig.of(TopicStep.NAME).withParam(TopicStep.CENTROIDS, centroids)
                .withParam(TopicStep.LABELS, List.copyOf(labels)).withParam(TopicStep.DROP, List.of(label)));
        return Optional.of(new Edit(c.withSteps(list), true));
    }

    /**
     * Adds a MinHash dedup step with the reference's defaults at the end of the pipeline (FineWeb's order:
     * after the filters), or switches the first one on when it is off.
     *
     * @return the edited config (it needs measuring), or empty when an enabled MinHash step is there
     */
    public static Optional<PipelineConfig> addMinHashDedup(PipelineConfig c) {
        for (int i = 0; i < c.steps().size(); i++) {
            StepConfig step = c.steps().get(i);
            if (step.type().equals(MinHashDedupStep.NAME)) {
                return step.enabled() ? Optional.empty() : Optional.of(c.withStep(i, step.withEnabled(true)));
            }
        }
        List<StepConfig> list = new ArrayList<>(c.steps());
        list.add(StepConfig.of(MinHashDedupStep.NAME));
        return Optional.of(c.withSteps(list));
    }

    /**
     * Sets the bucket layout of a MinHash dedup step: {@code num_buckets} (b) and {@code hashes_per_bucket} (r).
     *
     * @return the edited config (it needs measuring: the signatures change), or empty when there is no such
     *         step or nothing changes
     */
    public static Optional<PipelineConfig> minHashLayout(PipelineConfig c, String stepName, int buckets, int hashesPerBucket) {
        int i = c.indexOf(stepName);
        if (i < 0 || !c.steps().get(i).type().equals(MinHashDedupStep.NAME)) {
            return Optional.empty();
        }
        StepConfig step = c.steps().get(i);
        StepConfig next = step.withParam(MinHashDedupStep.NUM_BUCKETS, (long) buckets)
                .withParam(MinHashDedupStep.HASHES_PER_BUCKET, (long) hashesPerBucket);
        return next.equals(step) ? Optional.empty() : Optional.of(c.withStep(i, next));
    }

    /** An edited config and whether applying it needs a measurement. */
    public record Edit(PipelineConfig config, boolean remeasure) { }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
