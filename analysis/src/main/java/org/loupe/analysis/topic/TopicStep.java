package org.loupe.analysis.topic;

import static org.loupe.engine.pipeline.ParamSpec.Role.DECISION;
import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loupe.analysis.embed.MiniLmEmbedder;
import org.loupe.analysis.embed.Vectors;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.DocumentText;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.pipeline.StepType;

/**
 * The topic filter: each document is embedded (all-MiniLM-L6-v2, as on the cluster map) and assigned to the
 * nearest of the clusters' centroids; documents nearest a dropped cluster are removed (or, with
 * {@code keep}, those nearest any other). The centroids travel inside the config (base64 of float32), so a
 * saved pipeline decides the same on the sample, on a whole folder and on another machine. Every document
 * is embedded on its own (no batch), so its vector does not depend on its neighbours in a batch.
 */
public final class TopicStep implements StepType {
    public static final String NAME = "topic";
    public static final String DROPPED = "topic_dropped";
    public static final String NOT_KEPT = "topic_not_kept";

    private final Map<Integer, MiniLmEmbedder> embedders = new HashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Topic";
    }

    @Override
    public String referenceClass() {
        return "(Loupe) nearest-centroid topic filter";
    }

    public static final ParamSpec CENTROIDS = ParamSpec.string("centroids", "", false, MEASURE,
            "The clusters' centroids: base64 of little-endian float32, one unit vector per label (written by the Clusters view).");
    public static final ParamSpec LABELS = ParamSpec.strings("labels", List.of(), false, MEASURE, "A name per centroid, in order.");
    public static final ParamSpec MAX_TOKENS = ParamSpec.integer("max_tokens", 48L, 8L, 256L, false, MEASURE,
            "Word pieces of each document embedded.");
    public static final ParamSpec DROP = ParamSpec.strings("drop", List.of(), false, DECISION,
            "Clusters (by name) whose documents are removed.");
    public static final ParamSpec KEEP = ParamSpec.strings("keep", null, true, DECISION,
            "When set, only documents nearest these clusters are kept.");
    private static final List<ParamSpec> PARAMS = List.of(CENTROIDS, LABELS, MAX_TOKENS, DROP, KEEP);

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public List<String> metrics() {
        return List.of("topic", "topic_similarity");
    }

    @Override
    public List<String> reasons() {
        return List.of(DROPPED, NOT_KEPT);
    }

    @Override
    public boolean editsText() {
        return false;
    }

    /** The centroids as a config value. */
    public static String encode(float[][] centroids) {
        int dim = centroids.length == 0 ? 0 : centroids[0].length;
        ByteBuffer b = ByteBuffer.allocate(8 + centroids.length * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(centroids.length).putInt(dim);
        for (float[] c : centroids) {
            for (float f : c) {
                b.putFloat(f);
            }
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** The centroids of a config value. */
    public static float[][] decode(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the topic step has no centroids (build the cluster map and add the step from it)");
        }
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(value.strip())).order(ByteOrder.LITTLE_ENDIAN);
        int k = b.getInt();
        int dim = b.getInt();
        if (k < 1 || dim < 1 || b.remaining() != k * dim * 4) {
            throw new IllegalArgumentException("the topic step's centroids are damaged (" + k + " × " + dim + ", "
                    + b.remaining() + " bytes)");
        }
        float[][] c = new float[k][dim];
        for (int i = 0; i < k; i++) {
            for (int d = 0; d < dim; d++) {
                c[i][d] = b.getFloat();
            }
        }
        return c;
    }

    private synchronized MiniLmEmbedder embedder(int maxTokens) {
        return embedders.computeIfAbsent(maxTokens, t -> new MiniLmEmbedder(Runtime.getRuntime().availableProcessors(), t));
    }

    @Override
    public StepMeasure measure(StepParams params, StepResources resources) {
        float[][] centroids = decode(params.string(CENTROIDS));
        List<String> labels = labels(params, centroids.length);
        MiniLmEmbedder embedder = embedder((int) params.integer(MAX_TOKENS));
        return new StepMeasure() {
            @Override
            public List<String> metrics() {
                return TopicStep.this.metrics();
            }

            @Override
            public String measure(DocumentText doc, double[] out) {
                float[] v = embedder.embed(List.of(doc.text()))[0];
                int best = 0;
                float bestSim = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < centroids.length; c++) {
                    float s = Vectors.dot(v, centroids[c]);
                    if (s > bestSim) {
                        bestSim = s;
                        best = c;
                    }
                }
                out[0] = best;
                out[1] = bestSim;
                return doc.text();
            }

            @Override
            public List<String> labels(String metric) {
                return metric.equals("topic") ? labels : List.of();
            }
        };
    }

    private static List<String> labels(StepParams params, int k) {
        List<String> labels = new ArrayList<>();
        if (params.strings(LABELS) != null) {
            labels.addAll(params.strings(LABELS));
        }
        for (int i = labels.size(); i < k; i++) {
            labels.add("cluster " + i);
        }
        return List.copyOf(labels.subList(0, k));
    }

    @Override
    public StepDecider decider(String stepName, StepParams params, MetricTable table) {
        String column = MetricTable.name(stepName, "topic");
        double[] topic = table.column(column);
        List<String> labels = table.labels(column);
        Set<String> drop = names(params.strings(DROP));
        Set<String> keep = params.strings(KEEP) == null ? null : names(params.strings(KEEP));
        int[] reason = new int[labels.size()];
        for (int c = 0; c < labels.size(); c++) {
            String l = labels.get(c);
            reason[c] = drop.contains(l) ? 0 : keep != null && !keep.contains(l) ? 1 : -1;
        }
        return new StepDecider() {
            @Override
            public int decide(int row) {
                double t = topic[row];
                if (Double.isNaN(t)) {
                    return -1;
                }
                int c = (int) t;
                return c >= 0 && c < reason.length ? reason[c] : -1;
            }

            @Override
            public List<Check> checks() {
                return List.of();
            }
        };
    }

    private static Set<String> names(List<String> v) {
        return v == null ? Set.of() : new HashSet<>(v);
    }
}
