package org.loupe.engine.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a pipeline config as a runnable datatrove (0.10) script, for teams that run datatrove: the
 * same filters, in the same order, with the same parameters (defaults left out), each with its own
 * exclusion writer like {@code examples/fineweb.py}. With dedup steps the script becomes datatrove's
 * multi-stage dedup (see {@link #renderStaged}): one executor per stage, chained with {@code depends=}.
 * What datatrove cannot express is written as a comment (and, for dedup steps, listed by {@link #notes}): per-domain overrides, Loupe's {@code keep_fraction} on steps other than C4 bad words, and
 * user-supplied URL lists (datatrove's URLFilter takes extra lists inline).
 */
public final class DatatroveScript {
    private DatatroveScript() {
    }

    public static String render(PipelineConfig config, StepCatalog catalog) {
        List<Entry> entries = entries(config, catalog);
        boolean staged = entries.stream().anyMatch(e -> e.call() != null && e.call().kind() != StepType.DatatroveCall.Kind.FILTER);
        return staged ? renderStaged(config, entries) : renderSingle(config, entries);
    }

    /**
     * What the script cannot do as Loupe does, for the export's output: one line per dedup step that keeps a
     * share of its copies or sees its content differently (empty when the script is exact).
     */
    public static List<String> notes(PipelineConfig config, StepCatalog catalog) {
        List<String> out = new ArrayList<>();
        for (Entry e : entries(config, catalog)) {
            if (e.call() != null && e.call().kind() != StepType.DatatroveCall.Kind.FILTER) {
                for (String c : e.call().comments()) {
                    out.add(e.step().stepName() + ": " + c);
                }
            }
        }
        return out;
    }

    /** A step of the config with its datatrove call (null when disabled or without an equivalent). */
    private record Entry(StepConfig step, StepType.DatatroveCall call) {
    }

    private static List<Entry> entries(PipelineConfig config, StepCatalog catalog) {
        List<Entry> out = new ArrayList<>();
        for (StepConfig s : config.steps()) {
            StepType.DatatroveCall call = s.enabled() ? catalog.type(s.type()).orElseThrow().datatrove(s).orElse(null) : null;
            out.add(new Entry(s, call));
        }
        return out;
    }

    private static void header(StringBuilder py, PipelineConfig config, String what) {
        py.append("#!/usr/bin/env python3\n");
        py.append("\"\"\"").append(config.name() == null ? "Pipeline" : config.name())
                .append(" -- exported from Loupe. ").append(what).append("\n\n")
                .append("Usage: python this_script.py INPUT_FOLDER OUTPUT_FOLDER [TASKS]\n\"\"\"\n");
        py.append("import sys\n\n");
        py.append("from datatrove.executor import LocalPipelineExecutor\n");
    }

    private static void imports(StringBuilder py, List<Entry> entries) {
        Map<String, List<String>> classes = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.call() == null) {
                continue;
            }
            List<String> inModule = classes.computeIfAbsent(e.call().module(), m -> new ArrayList<>());
            List<String> names = new ArrayList<>();
            names.add(e.call().cls());
            names.addAll(e.call().kind().stages());
            for (String c : names) {
                if (!inModule.contains(c)) {
                    inModule.add(c);
                }
            }
        }
        classes.forEach((module, names) -> {
            py.append("from ").append(module).append(" import (\n");
            for (String c : names) {
                py.append("    ").append(c).append(",\n");
            }
            py.append(")\n");
        });
        py.append("from datatrove.pipeline.readers import JsonlReader\n");
        py.append("from datatrove.pipeline.writers.jsonl import JsonlWriter\n");
        List<String> extra = new ArrayList<>();
        for (Entry e : entries) {
            if (e.call() != null) {
                e.call().imports().stream().filter(i -> !extra.contains(i)).forEach(extra::add);
            }
        }
        extra.forEach(i -> py.append(i).append("\n"));
        py.append("\n");
        py.append("INPUT = sys.argv[1]\nOUTPUT = sys.argv[2]\nTASKS = int(sys.argv[3]) if len(sys.argv) > 3 else 1\n\n");
    }

    private static String inputReader(PipelineConfig config) {
        String text = config.fieldMapping() != null && config.fieldMapping().text() != null ? config.fieldMapping().text() : "text";
        String id = config.fieldMapping() != null && config.fieldMapping().id() != null ? config.fieldMapping().id() : "id";
        return "JsonlReader(INPUT, text_key=" + str(text) + ", id_key=" + str(id) + ")";
    }

    /** The lines of a filter (or its comment) in a pipeline list; returns whether it was written as a call. */
    private static boolean filterLines(StringBuilder py, String indent, Entry e, int index) {
        StepConfig s = e.step();
        if (!s.enabled()) {
            py.append(indent).append("# ").append(s.stepName()).append(": disabled in Loupe\n");
            return false;
        }
        StepType.DatatroveCall call = e.call();
        if (call == null) {
            py.append(indent).append("# ").append(s.stepName()).append(": no datatrove equivalent\n");
            return false;
        }
        for (String comment : call.comments()) {
            py.append(indent).append("# ").append(comment).append("\n");
        }
        py.append(indent).append(call.cls()).append("(");
        List<String> parts = arguments(call);
        parts.add("exclusion_writer=" + removedWriter(index, s));
        py.append(String.join(", ", parts)).append("),\n");
        return true;
    }

    private static List<String> arguments(StepType.DatatroveCall call) {
        List<String> parts = new ArrayList<>();
        call.args().forEach((k, v) -> parts.add(k + "=" + python(k, v)));
        return parts;
    }

    private static String removedWriter(int index, StepConfig s) {
        return "JsonlWriter(f\"{OUTPUT}/removed/" + index + "_" + s.stepName() + "\")";
    }

    private static String renderSingle(PipelineConfig config, List<Entry> entries) {
        StringBuilder py = new StringBuilder();
        header(py, config, "Runs the same filters, in the same order, with the same parameters.");
        imports(py, entries);
        py.append("pipeline = [\n");
        py.append("    ").append(inputReader(config)).append(",\n");
        int index = 1;
        for (Entry e : entries) {
            if (filterLines(py, "    ", e, index)) {
                index++;
            }
        }
        py.append("    JsonlWriter(f\"{OUTPUT}/kept\"),\n");
        py.append("]\n\n");
        py.append("if __name__ == \"__main__\":\n");
        py.append("    LocalPipelineExecutor(pipeline=pipeline, tasks=TASKS, logging_dir=f\"{OUTPUT}/logs\").run()\n");
        return py.toString();
    }

    /**
     * The pipeline cut at its dedup steps into datatrove's stages: the steps before the first dedup step write
     * their survivors to {@code OUTPUT/stage_1}; each dedup step runs its stages over the previous stage's
     * output (signatures, then buckets or duplicates, then clusters), each executor depending on the one
     * before, and its filter stage reads that output again, drops the copies (to {@code OUTPUT/removed/…}),
     * runs the steps after it up to the next dedup step, and writes {@code OUTPUT/stage_<k>} (the last
     * stage: {@code OUTPUT/kept}). Running the last executor runs the chain.
     */
    private static String renderStaged(PipelineConfig config, List<Entry> entries) {
        StringBuilder py = new StringBuilder();
        header(py, config, "Runs the same filters and dedup stages, in the same order, with the same parameters.");
        imports(py, entries);
        // segments: the entries before the first dedup step, then each dedup step with the entries after it
        List<List<Entry>> segments = new ArrayList<>();
        segments.add(new ArrayList<>());
        for (Entry e : entries) {
            if (e.call() != null && e.call().kind() != StepType.DatatroveCall.Kind.FILTER) {
                segments.add(new ArrayList<>());
            }
            segments.get(segments.size() - 1).add(e);
        }
        String previous = null; // the executor the next one depends on
        String input = inputReader(config);
        int index = 1;
        int stage = 0;
        for (int k = 0; k < segments.size(); k++) {
            List<Entry> segment = segments.get(k);
            boolean last = k == segments.size() - 1;
            if (k == 0 && segment.stream().noneMatch(e -> e.call() != null)) {
                for (Entry e : segment) {
                    filterLines(py, "", e, index); // disabled or without equivalent: comments only
                }
                continue; // the first dedup step reads the input itself
            }
            StringBuilder pipeline = new StringBuilder();
            pipeline.append("        ").append(input).append(",\n");
            int from = 0;
            if (k > 0) {
                Entry dedup = segment.get(0);
                from = 1;
                DedupStages stages = dedupStages(py, dedup, index, input, previous);
                pipeline.append(stages.filterLines());
                previous = stages.last();
                index++;
            }
            for (Entry e : segment.subList(from, segment.size())) {
                if (filterLines(pipeline, "        ", e, index)) {
                    index++;
                }
            }
            stage++;
            String out = last ? "{OUTPUT}/kept" : "{OUTPUT}/stage_" + stage;
            pipeline.append("        JsonlWriter(f\"").append(out).append("\"),\n");
            String name = "stage_" + stage;
            py.append("# stage ").append(stage).append(": ")
                    .append(k == 0 ? "the steps before the first dedup step" : "drops " + segment.get(0).step().stepName()
                            + "'s copies" + (segment.size() > 1 ? ", then the steps up to the next dedup step" : ""))
                    .append("; the documents kept go to ").append(out).append("\n");
            executor(py, name, pipeline.toString(), "TASKS", "{OUTPUT}/logs/" + name, previous);
            previous = name;
            input = "JsonlReader(f\"" + out + "\")";
        }
        py.append("if __name__ == \"__main__\":\n");
        py.append("    ").append(previous).append(".run()\n");
        return py.toString();
    }

    /** The filter stage's lines of a dedup step, and the executor it depends on. */
    private record DedupStages(String filterLines, String last) {
    }

    /**
     * Writes a dedup step's config and the executors of every stage but the filter to {@code py}: datatrove's
     * {@code examples/minhash_deduplication.py} (signatures over TASKS tasks, one bucket task per bucket, one
     * cluster task) and its exact dedup (signatures, one finder task). The filter stage runs in the next
     * executor, over the same input and tasks as the signatures, so that document indices agree.
     */
    private static DedupStages dedupStages(StringBuilder py, Entry dedup, int index, String input, String previous) {
        StepConfig s = dedup.step();
        StepType.DatatroveCall call = dedup.call();
        String id = index + "_" + s.stepName();
        String var = "s" + index + "_" + s.stepName().replaceAll("[^A-Za-z0-9_]", "_");
        String folder = "{OUTPUT}/dedup/" + id;
        py.append("# ").append(id).append(": ").append(call.kind() == StepType.DatatroveCall.Kind.MINHASH_DEDUP
                ? "MinHash dedup" : call.kind() == StepType.DatatroveCall.Kind.SENTENCE_DEDUP ? "sentence dedup" : "exact dedup").append(" of ").append(previous == null ? "the input" : "what " + previous + " keeps")
                .append(", in datatrove's stages\n");
        for (String comment : call.comments()) {
            py.append("# ").append(comment).append("\n");
        }
        String config = var + "_config";
        py.append(config).append(" = ").append(call.cls()).append("(").append(String.join(", ", arguments(call))).append(")\n");
        List<String> stages = call.kind().stages();
        String removed = removedWriter(index, s);
        String filter;
        String last;
        if (call.kind() == StepType.DatatroveCall.Kind.MINHASH_DEDUP) {
            String sigs = var + "_signatures";
            executor(py, sigs, "        " + input + ",\n        " + stages.get(0) + "(output_folder=f\"" + folder
                    + "/signatures\", config=" + config + "),\n", "TASKS", "{OUTPUT}/logs/" + id + "/signatures", previous);
            String buckets = var + "_buckets";
            executor(py, buckets, "        " + stages.get(1) + "(input_folder=f\"" + folder + "/signatures\", output_folder=f\""
                    + folder + "/buckets\", config=" + config + "),\n", config + ".num_buckets",
                    "{OUTPUT}/logs/" + id + "/buckets", sigs);
            String clusters = var + "_clusters";
            executor(py, clusters, "        " + stages.get(2) + "(input_folder=f\"" + folder + "/buckets\", output_folder=f\""
                    + folder + "/remove_ids\", config=" + config + ", save_cluster_id=True, save_cluster_size=True),\n", "1",
                    "{OUTPUT}/logs/" + id + "/clusters", buckets);
            filter = "        " + stages.get(3) + "(input_folder=f\"" + folder + "/remove_ids\", exclusion_writer=" + removed
                    + ", load_cluster_ids=True, load_cluster_sizes=True),\n";
            last = clusters;
        } else {
            String sigs = var + "_signatures";
            executor(py, sigs, "        " + input + ",\n        " + stages.get(0) + "(output_folder=f\"" + folder
                    + "/signatures\", config=" + config + ", finder_workers=1),\n", "TASKS",
                    "{OUTPUT}/logs/" + id + "/signatures", previous);
            String dups = var + "_duplicates";
            executor(py, dups, "        " + stages.get(1) + "(data_folder=f\"" + folder + "/signatures\", output_folder=f\""
                    + folder + "/duplicates\", config=" + config + "),\n", "1", "{OUTPUT}/logs/" + id + "/duplicates", sigs);
            filter = "        " + stages.get(2) + "(data_folder=f\"" + folder + "/duplicates\", config=" + config
                    + ", exclusion_writer=" + removed + "),\n";
            last = dups;
        }
        return new DedupStages(filter, last);
    }

    private static void executor(StringBuilder py, String name, String pipeline, String tasks, String logs, String depends) {
        py.append(name).append(" = LocalPipelineExecutor(\n");
        py.append("    pipeline=[\n").append(pipeline).append("    ],\n");
        py.append("    tasks=").append(tasks).append(",\n");
        py.append("    logging_dir=f\"").append(logs).append("\",\n");
        if (depends != null) {
            py.append("    depends=").append(depends).append(",\n");
        }
        py.append(")\n\n");
    }

    /** A Python literal for a parameter value (tuples for datatrove's n-gram pairs). */
    static String python(String key, Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof StepType.DatatroveCall.Code c) {
            return c.python();
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Number n) {
            return n instanceof Double || n instanceof Float ? fmt(n.doubleValue()) : n.toString();
        }
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            boolean pairs = key.endsWith("_n_grams");
            for (Object o : l) {
                items.add(python(key, o));
            }
            if (pairs || (key.endsWith("_n_grams") && !items.isEmpty())) {
                return "(" + String.join(", ", items) + (items.size() == 1 ? ",)" : ")");
            }
            if (!l.isEmpty() && l.get(0) instanceof Number && key.endsWith("grams")) {
                return "(" + String.join(", ", items) + ")";
            }
            return "[" + String.join(", ", items) + "]";
        }
        return str(v.toString());
    }

    private static String fmt(double d) {
        String s = Double.toString(d);
        return s.toLowerCase(Locale.ROOT);
    }

    private static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
