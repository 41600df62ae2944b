package org.loupe.engine.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.pipeline.StepType;

/**
 * Compiles the decision of each built-in step type into a {@link StepDecider}, reproducing the
 * reference's check order, comparison directions and "disabled" conventions ({@code spec/filters.md}
 * §0.9, §3–§7): Gopher thresholds that are null or 0 are off, C4's {@code -1} is off, FineWeb's are
 * never off.
 */
public final class Deciders {
    private Deciders() {
    }

    /**
     * @param type     the step type
     * @param stepName the step's name (the prefix of its metric columns)
     * @param params   effective parameter values (defaults filled in)
     * @param table    the measured values
     */
    public static StepDecider compile(StepType type, String stepName, Map<String, Object> params, MetricTable table) {
        return switch (type.name()) {
            case "gopher_quality" -> checks(type, stepName, table, gopherQuality(params));
            case "gopher_repetition" -> checks(type, stepName, table, gopherRepetition(params));
            case "fineweb_quality" -> fineweb(type, stepName, table, params);
            case "c4_quality" -> new C4Decider(type, stepName, table, params);
            case "language" -> new LanguageDecider(stepName, table, params);
            case "url" -> new UrlDecider(type, stepName, table, params);
            case "c4_badwords" -> new C4BadWordsDecider(type, stepName, table, params);
            default -> {
                if (type instanceof org.loupe.engine.pipeline.ExtensionStep e) {
                    yield e.decider(stepName, params, table);
                }
                throw new IllegalArgumentException("no decision for step type " + type.name());
            }
        };
    }

    private static StepDecider checks(StepType type, String step, MetricTable table, List<Check> checks) {
        return new ChecksDecider(type, step, table, checks);
    }

    static List<Check> gopherQuality(Map<String, Object> p) {
        List<Check> c = new ArrayList<>();
        truthy(c, p, "min_doc_words", "n_non_symbol_words", Check.Op.LT, "gopher_short_doc");
        truthy(c, p, "max_doc_words", "n_non_symbol_words", Check.Op.GT, "gopher_long_doc");
        truthy(c, p, "min_avg_word_length", "avg_word_length", Check.Op.LT, "gopher_below_avg_threshold");
        truthy(c, p, "max_avg_word_length", "avg_word_length", Check.Op.GT, "gopher_above_avg_threshold");
        truthy(c, p, "max_symbol_word_ratio", "hash_ratio", Check.Op.GT, "gopher_too_many_hashes");
        truthy(c, p, "max_symbol_word_ratio", "ellipsis_ratio", Check.Op.GT, "gopher_too_many_ellipsis");
        truthy(c, p, "max_bullet_lines_ratio", "bullet_lines_ratio", Check.Op.GT, "gopher_too_many_bullets");
        truthy(c, p, "max_ellipsis_lines_ratio", "end_ellipsis_lines_ratio", Check.Op.GT, "gopher_too_many_end_ellipsis");
        truthy(c, p, "max_non_alpha_words_ratio", "alpha_words_ratio", Check.Op.LT, "gopher_below_alpha_threshold");
        truthy(c, p, "min_stop_words", "n_stop_words_present", Check.Op.LT, "gopher_enough_stop_words");
        return c;
    }

    static List<Check> gopherRepetition(Map<String, Object> p) {
        List<Check> c = new ArrayList<>();
        truthy(c, p, "dup_para_frac", "dup_para_frac", Check.Op.GT, "dup_para_frac");
        truthy(c, p, "dup_para_char_frac", "dup_para_char_frac", Check.Op.GT, "dup_para_char_frac");
        truthy(c, p, "dup_line_frac", "dup_line_frac", Check.Op.GT, "dup_line_frac");
        truthy(c, p, "dup_line_char_frac", "dup_line_char_frac", Check.Op.GT, "dup_line_char_frac");
        for (Object pair : list(p.get("top_n_grams"))) {
            List<?> nf = (List<?>) pair;
            int n = ((Number) nf.get(0)).intValue();
            double f = ((Number) nf.get(1)).doubleValue();
            c.add(new Check("top_n_grams", "top_" + n + "_gram_char_frac", Check.Op.GT, f, "top_" + n + "_gram"));
        }
        for (Object pair : list(p.get("dup_n_grams"))) {
            List<?> nf = (List<?>) pair;
            int n = ((Number) nf.get(0)).intValue();
            double f = ((Number) nf.get(1)).doubleValue();
            c.add(new Check("dup_n_grams", "dup_" + n + "_gram_char_frac", Check.Op.GT, f, "duplicated_" + n + "_n_grams"));
        }
        return c;
    }

    private static StepDecider fineweb(StepType type, String step, MetricTable table, Map<String, Object> p) {
        List<Check> c = new ArrayList<>();
        c.add(new Check("(always)", "n_lines", Check.Op.LT, 1, "empty"));
        c.add(new Check("line_punct_thr", "line_punct_ratio", Check.Op.LT, number(p, "line_punct_thr"), "line_punct_ratio"));
        c.add(new Check("short_line_thr", "short_line_ratio", Check.Op.GT, number(p, "short_line_thr"), "short_line_ratio"));
        c.add(new Check("char_duplicates_ratio", "char_dup_ratio", Check.Op.GT, number(p, "char_duplicates_ratio"), "char_dup_ratio"));
        c.add(new Check("new_line_ratio", "list_ratio", Check.Op.GT, number(p, "new_line_ratio"), "list_ratio"));
        boolean excludeZero = Boolean.TRUE.equals(p.get("line_punct_exclude_zero"));
        ChecksDecider base = new ChecksDecider(type, step, table, c);
        if (!excludeZero) {
            return base;
        }
        double[] punct = table.column(MetricTable.name(step, "line_punct_ratio"));
        int punctCheck = 1;
        return new StepDecider() {
            @Override
            public int decide(int row) {
                int r = base.decideFrom(row, 0);
                // line_punct_exclude_zero: a ratio of exactly 0 passes the punctuation check.
                if (r == base.reasonIndexOf(punctCheck) && punct[row] == 0) {
                    return base.decideFrom(row, punctCheck + 1);
                }
                return r;
            }

            @Override
            public List<Check> checks() {
                return base.checks();
            }
        };
    }

    private static void truthy(List<Check> out, Map<String, Object> p, String param, String metric, Check.Op op, String reason) {
        Object v = p.get(param);
        // The reference guards each check with "if threshold and ...": null and 0 disable it.
        if (v instanceof Number n && n.doubleValue() != 0) {
            out.add(new Check(param, metric, op, n.doubleValue(), reason));
        }
    }

    static double number(Map<String, Object> p, String param) {
        Object v = p.get(param);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(param + ": expected a number, got " + v);
        }
        return n.doubleValue();
    }

    private static List<?> list(Object v) {
        return v instanceof List<?> l ? l : List.of();
    }

    /** Ordered threshold checks over columns: the first that drops gives the reason. */
    static final class ChecksDecider implements StepDecider {
        private final List<Check> checks;
        private final double[][] columns;
        private final Check.Op[] ops;
        private final double[] thresholds;
        private final int[] reasons;

        ChecksDecider(StepType type, String step, MetricTable table, List<Check> checks) {
            this.checks = List.copyOf(checks);
            int n = checks.size();
            columns = new double[n][];
            ops = new Check.Op[n];
            thresholds = new double[n];
            reasons = new int[n];
            for (int i = 0; i < n; i++) {
                Check c = checks.get(i);
                columns[i] = table.column(MetricTable.name(step, c.metric()));
                ops[i] = c.op();
                thresholds[i] = c.threshold();
                reasons[i] = type.reasons().indexOf(c.reason());
                if (reasons[i] < 0) {
                    throw new IllegalStateException(type.name() + " has no reason " + c.reason());
                }
            }
        }

        @Override
        public int decide(int row) {
            return decideFrom(row, 0);
        }

        int decideFrom(int row, int firstCheck) {
            for (int i = firstCheck; i < columns.length; i++) {
                double v = columns[i][row];
                boolean drop = switch (ops[i]) {
                    case LT -> v < thresholds[i];
                    case GT -> v > thresholds[i];
                    case NOT_GT -> !(v > thresholds[i]);
                };
                if (drop) {
                    return reasons[i];
                }
            }
            return -1;
        }

        int reasonIndexOf(int check) {
            return reasons[check];
        }

        @Override
        public List<Check> checks() {
            return checks;
        }
    }
}
