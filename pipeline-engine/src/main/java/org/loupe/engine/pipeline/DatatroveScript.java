package org.loupe.engine.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a pipeline config as a runnable datatrove (0.10) script, for teams that run datatrove: the
 * same filters, in the same order, with the same parameters (defaults left out), each with its own
 * exclusion writer like {@code examples/fineweb.py}. What datatrove cannot express is written as a
 * comment: per-domain overrides, Loupe's {@code keep_fraction} on steps other than C4 bad words, and
 * user-supplied URL lists (datatrove's URLFilter takes extra lists inline).
 */
public final class DatatroveScript {
    private DatatroveScript() {
    }

    public static String render(PipelineConfig config, StepCatalog catalog) {
        StringBuilder py = new StringBuilder();
        py.append("#!/usr/bin/env python3\n");
        py.append("\"\"\"").append(config.name() == null ? "Pipeline" : config.name())
                .append(" -- exported from Loupe. Runs the same filters, in the same order, with the same parameters.\n\n")
                .append("Usage: python this_script.py INPUT_FOLDER OUTPUT_FOLDER [TASKS]\n\"\"\"\n");
        py.append("import sys\n\n");
        py.append("from datatrove.executor import LocalPipelineExecutor\n");
        Map<String, List<String>> classes = new LinkedHashMap<>();
        for (StepConfig s : config.steps()) {
            java.util.Optional<StepType.DatatroveCall> call = s.enabled()
                    ? catalog.type(s.type()).orElseThrow().datatrove(s) : java.util.Optional.empty();
            if (call.isPresent()) {
                List<String> inModule = classes.computeIfAbsent(call.get().module(), m -> new ArrayList<>());
                if (!inModule.contains(call.get().cls())) {
                    inModule.add(call.get().cls());
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
        py.append("from datatrove.pipeline.writers.jsonl import JsonlWriter\n\n");
        py.append("INPUT = sys.argv[1]\nOUTPUT = sys.argv[2]\nTASKS = int(sys.argv[3]) if len(sys.argv) > 3 else 1\n\n");
        String text = config.fieldMapping() != null && config.fieldMapping().text() != null ? config.fieldMapping().text() : "text";
        String id = config.fieldMapping() != null && config.fieldMapping().id() != null ? config.fieldMapping().id() : "id";
        py.append("pipeline = [\n");
        py.append("    JsonlReader(INPUT, text_key=").append(str(text)).append(", id_key=").append(str(id)).append("),\n");
        int index = 1;
        for (StepConfig s : config.steps()) {
            if (!s.enabled()) {
                py.append("    # ").append(s.stepName()).append(": disabled in Loupe\n");
                continue;
            }
            StepType type = catalog.type(s.type()).orElseThrow();
            StepType.DatatroveCall call = type.datatrove(s).orElse(null);
            if (call == null) {
                py.append("    # ").append(s.stepName()).append(": no datatrove equivalent\n");
                continue;
            }
            for (String comment : call.comments()) {
                py.append("    # ").append(comment).append("\n");
            }
            Map<String, Object> args = call.args();
            py.append("    ").append(call.cls()).append("(");
            List<String> parts = new ArrayList<>();
            args.forEach((k, v) -> parts.add(k + "=" + python(k, v)));
            parts.add("exclusion_writer=JsonlWriter(f\"{OUTPUT}/removed/" + index + "_" + s.stepName() + "\")");
            py.append(String.join(", ", parts)).append("),\n");
            index++;
        }
        py.append("    JsonlWriter(f\"{OUTPUT}/kept\"),\n");
        py.append("]\n\n");
        py.append("if __name__ == \"__main__\":\n");
        py.append("    LocalPipelineExecutor(pipeline=pipeline, tasks=TASKS, logging_dir=f\"{OUTPUT}/logs\").run()\n");
        return py.toString();
    }

    /** A Python literal for a parameter value (tuples for datatrove's n-gram pairs). */
    static String python(String key, Object v) {
        if (v == null) {
            return "None";
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
