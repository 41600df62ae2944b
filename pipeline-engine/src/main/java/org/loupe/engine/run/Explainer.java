package org.loupe.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.filter.DuplicateGroups;
import org.loupe.engine.measure.Measurer;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.PipelineConfig;
import org.loupe.engine.pipeline.StepCatalog;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepResources;
import org.loupe.engine.pipeline.StepType;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.Hosts;
import org.loupe.engine.task.TaskContext;

/**
 * Explains what a pipeline does to each document: every step's verdict, reason, metric values and (for
 * text-editing steps, and sentence dedup's cuts under the decisions) output text, plus the pipeline's first-fail
 * decision and final text. A dedup step also says which group of copies the document is in
 * ({@code cluster_id}, -1 for none, numbered like datatrove's {@code minhash_cluster_id}), the group's size (1 for
 * none) and the id of the copy that survives it. Steps see the
 * text as the pipeline hands it on, or all the original text ({@code independent}). Uses the very
 * measure and decide code of the workbench and of full runs.
 */
public final class Explainer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineConfig config;
    private final StepCatalog catalog;
    private final StepResources measures;
    private final int threads;

    public Explainer(PipelineConfig config, StepCatalog catalog, StepResources measures, int threads) {
        this.config = config;
        this.catalog = catalog;
        this.measures = measures;
        this.threads = threads;
    }

    /** One JSON object per document, in input order. */
    public List<ObjectNode> explain(List<Document> docs, boolean independent, TaskContext ctx) {
        int n = docs.size();
        List<StepConfig> enabled = new ArrayList<>();
        List<Measurer.Step> steps = new ArrayList<>();
        for (StepConfig s : config.steps()) {
            if (s.enabled()) {
                StepType type = catalog.type(s.type()).orElseThrow();
                enabled.add(s);
                steps.add(new Measurer.Step(s.stepName(), measures.create(type, s)));
            }
        }
        MetricTable table = new MetricTable(n);
        String[][] after = new String[steps.size()][n];
        new Measurer(threads, measures::words).measureDocuments(n,
                row -> new Measurer.Input(docs.get(row).text(), docs.get(row).url(), docs.get(row).metadata()),
                steps, independent, table, (k, row, text) -> after[k][row] = text, ctx);
        long[] ids = new long[n];
        String[] hosts = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = RowKeys.hashId(docs.get(i).id());
            hosts[i] = Hosts.host(docs.get(i).url());
        }
        for (int k = 0; k < steps.size(); k++) {
            int step = k;
            table.attachTexts(steps.get(k).name(), row -> independent || step == 0 ? docs.get(row).text() : after[step - 1][row]);
        }
        PipelineConfig active = config.withSteps(enabled);
        Decisions d = Decisions.decide(active, catalog, table, new RowKeys(ids, hosts, new long[n]));
        List<DuplicateGroups> groups = new ArrayList<>(enabled.size());
        for (int k = 0; k < enabled.size(); k++) {
            groups.add(d.duplicates(k).orElse(null));
        }
        List<ObjectNode> out = new ArrayList<>(n);
        for (int row = 0; row < n; row++) {
            ObjectNode o = JSON.createObjectNode();
            o.put("id", docs.get(row).id());
            ObjectNode stepsNode = o.putObject("steps");
            String text = docs.get(row).text();
            for (int k = 0; k < enabled.size(); k++) {
                StepConfig s = enabled.get(k);
                StepType type = d.stepType(k);
                ObjectNode sn = stepsNode.putObject(s.stepName());
                sn.put("keep", !d.fails(k, row));
                sn.put("reason", d.stepReason(k, row));
                if (d.rescued(k, row)) {
                    sn.put("kept_by_keep_fraction", true);
                }
                ObjectNode metrics = sn.putObject("metrics");
                for (String m : steps.get(k).measure().metrics()) {
                    if (MetricTable.isInternal(m)) {
                        continue; // a dedup step's signature or flags: nothing to read
                    }
                    String col = MetricTable.name(s.stepName(), m);
                    double v = table.column(col)[row];
                    List<String> labels = table.labels(col);
                    if (!labels.isEmpty()) {
                        int idx = (int) v;
                        metrics.put(m, idx >= 0 && idx < labels.size() ? labels.get(idx) : null);
                    } else if (Double.isNaN(v)) {
                        metrics.putNull(m);
                    } else if (v == Math.rint(v) && Math.abs(v) < 1e15 && isCount(m)) {
                        metrics.put(m, (long) v);
                    } else {
                        metrics.put(m, v);
                    }
                }
                DuplicateGroups g = groups.get(k);
                if (g != null) {
                    int group = g.group(row);
                    sn.put("cluster_id", group);
                    sn.put("cluster_size", g.groupSize(row));
                    sn.put("survivor_id", group < 0 ? null : docs.get(g.survivor(group)).id());
                }
                if (type.editsText()) {
                    sn.put("text_after", after[k][row]);
                }
                java.util.Optional<StepType.DecidedText> cut = type.textDependsOnDecisions()
                        ? d.decidedText(k, row) : java.util.Optional.empty();
                if (cut.isPresent()) {
                    // The text the step hands on under these decisions (null: dropped), and the reference's
                    // exclusion text with >>> … <<< around each cut run (null: nothing cut).
                    sn.put("text_after", cut.get().textAfter());
                    sn.put("annotated", cut.get().annotated());
                }
                if (!independent) {
                    text = cut.isPresent() && cut.get().textAfter() != null ? cut.get().textAfter() : after[k][row];
                }
            }
            o.put("keep", d.kept(row));
            o.put("reason", d.reason(row));
            o.put("failed_step", d.kept(row) ? null : enabled.get(d.removedBy(row)).stepName());
            o.put("text_after", text);
            out.add(o);
        }
        return out;
    }

    private static boolean isCount(String metric) {
        return metric.startsWith("n_") || metric.startsWith("lines_") || metric.equals("len_text") || metric.equals("num_sentences");
    }
}
