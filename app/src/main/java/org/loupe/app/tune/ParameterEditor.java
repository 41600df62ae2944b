package org.loupe.app.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.filter.Check;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepType;

/**
 * Editing the selected step's parameters: the parameter table (value, range, direction, role, meaning),
 * values typed as text, thresholds dragged on the histogram (a number all the way to the config), and
 * Loupe's two step parameters (keep fraction, per-domain overrides). Every edit is checked as a config file
 * is checked before it is applied; problems go to the error sink.
 */
final class ParameterEditor {
    private final SampleSession session;
    private final IntSupplier selectedStep;
    private final Supplier<List<Check>> selectedChecks;
    private final Consumer<String> error;
    private final ObservableList<TuneViewModel.ParamRow> rows = FXCollections.observableArrayList();

    ParameterEditor(SampleSession session, IntSupplier selectedStep, Supplier<List<Check>> selectedChecks,
                    Consumer<String> error) {
        this.session = session;
        this.selectedStep = selectedStep;
        this.selectedChecks = selectedChecks;
        this.error = error;
    }

    ObservableList<TuneViewModel.ParamRow> rows() {
        return rows;
    }

    private StepConfig selected() {
        int index = selectedStep.getAsInt();
        return index < 0 || index >= session.config().steps().size() ? null : session.config().steps().get(index);
    }

    private StepType typeOf(StepConfig step) {
        return session.catalog().type(step.type()).orElseThrow();
    }

    /** Sets a parameter of the selected step from text; invalid values are reported, not applied. */
    void setParam(String name, String text) {
        StepConfig step = selected();
        if (step == null) {
            return;
        }
        StepType type = typeOf(step);
        if (name.equals(TuneViewModel.KEEP_FRACTION) || name.equals(TuneViewModel.OVERRIDES)) {
            StepConfig next;
            try {
                next = name.equals(TuneViewModel.KEEP_FRACTION) ? step.withKeepFraction(Double.parseDouble(text.trim()))
                        : new StepConfig(step.type(), step.name(), step.enabled(), step.keepFraction(), step.params(),
                        parseOverrides(type, text));
            } catch (IllegalArgumentException e) {
                error.accept(name + ": " + e.getMessage());
                return;
            }
            apply(step, next, false);
            return;
        }
        ParamSpec spec = type.param(name).orElseThrow();
        Object value;
        try {
            value = parse(spec, text);
        } catch (IllegalArgumentException e) {
            error.accept(name + ": " + e.getMessage());
            return;
        }
        apply(step, step.withParam(spec, value), spec.role() == ParamSpec.Role.MEASURE);
    }

    /**
     * Moves a threshold to a value (a drag on the histogram): integers are rounded, fractions kept to three
     * significant digits; an n-gram fraction changes only its own pair. Decides at once.
     */
    void moveThreshold(Check check, double value) {
        StepConfig step = selected();
        if (step == null || Double.isNaN(value)) {
            return;
        }
        ParamSpec spec = typeOf(step).param(check.param()).orElse(null);
        if (spec == null) {
            error.accept(check.param() + " is not a threshold that can be dragged");
            return;
        }
        switch (spec.type()) {
            // A number from the slider to the config: integers rounded, fractions to three significant digits.
            case INTEGER, NUMBER -> apply(step, step.withParam(spec, threeDigits(clamp(spec, value))), false);
            case PAIR_LIST -> movePair(step, check, threeDigits(clamp(spec, value)));
            default -> error.accept(check.param() + " is not a number");
        }
    }

    /** Sets a threshold to the exact number typed (an n-gram fraction changes only its own pair). */
    void setThreshold(Check check, String text) {
        StepConfig step = selected();
        if (step == null) {
            return;
        }
        if (typeOf(step).param(check.param()).map(p -> p.type() == ParamSpec.Type.PAIR_LIST).orElse(false)) {
            try {
                movePair(step, check, Double.parseDouble(text.trim()));
            } catch (NumberFormatException e) {
                error.accept(check.param() + ": not a number: " + text);
            }
        } else {
            setParam(check.param(), text);
        }
    }

    /** Gopher's n-gram fractions: the pair whose n the metric names ({@code dup_3_gram_char_frac}). */
    private void movePair(StepConfig step, Check check, double value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("_(\\d+)_gram").matcher(check.metric());
        if (!m.find()) {
            return;
        }
        int n = Integer.parseInt(m.group(1));
        double frac = Math.max(0, Math.min(1, value));
        StepParams current = StepParams.of(typeOf(step), step);
        ParamSpec spec = typeOf(step).param(check.param()).orElseThrow();
        List<List<Number>> pairs = new ArrayList<>();
        boolean found = false;
        for (StepParams.Pair pair : current.pairs(spec)) {
            if (pair.n() == n) {
                pairs.add(List.of((long) n, frac));
                found = true;
            } else {
                pairs.add(pair.asList());
            }
        }
        if (!found) {
            pairs.add(List.of((long) n, frac));
        }
        // Only the fraction changed: the measured n-grams stay, so this decides without measuring.
        apply(step, step.withParam(spec, pairs), false);
    }

    /** Replaces the selected step ({@code before}) by its edited form, checked like a config file. */
    private void apply(StepConfig before, StepConfig after, boolean remeasure) {
        int index = selectedStep.getAsInt();
        if (index >= 0 && session.config().steps().get(index) == before) {
            session.edit(session.config().withStep(index, after), remeasure);
        }
    }

    /** The rows of the selected step's table; only changed rows are replaced, so an edit in progress survives. */
    void refresh(boolean measured) {
        StepConfig step = selected();
        if (step == null) {
            rows.clear();
            return;
        }
        StepType type = typeOf(step);
        Map<String, Object> effective = StepParams.of(type, step).asMap();
        List<Check> checks = measured ? selectedChecks.get() : List.of();
        List<TuneViewModel.ParamRow> next = new ArrayList<>();
        for (ParamSpec p : type.params()) {
            String range = p.min() == null && p.max() == null ? ""
                    : p.min() != null && p.max() != null ? "[" + TuneViewModel.shortNumber(p.min()) + ", "
                    + TuneViewModel.shortNumber(p.max()) + "]"
                    : p.min() != null ? "≥ " + TuneViewModel.shortNumber(p.min()) : "≤ " + TuneViewModel.shortNumber(p.max());
            String direction = p.direction() != ParamSpec.Direction.NONE ? p.direction().text()
                    : checks.stream().filter(c -> c.param().equals(p.name())).findFirst()
                    .map(c -> c.op().isMinimum() ? "drops below" : "drops above").orElse("");
            next.add(new TuneViewModel.ParamRow(p.name(), format(effective.get(p.name())), p.role(), p.description(), range,
                    direction));
        }
        next.add(new TuneViewModel.ParamRow(TuneViewModel.KEEP_FRACTION, format(step.keepFraction()), ParamSpec.Role.DECISION,
                "Loupe: the share of the documents this step would drop that are kept anyway (seeded by document id), "
                        + "to look at what a filter costs; 0 = none.", "[0, 1]", ""));
        next.add(new TuneViewModel.ParamRow(TuneViewModel.OVERRIDES, formatOverrides(step.overrides()), ParamSpec.Role.DECISION,
                "Loupe: other thresholds for some domains, as 'a.com b.org: min_doc_words=20, max_doc_words=5000; "
                        + "c.net: …' (decision parameters only).", "", ""));
        if (next.size() == rows.size()) {
            for (int i = 0; i < next.size(); i++) {
                if (!next.get(i).equals(rows.get(i))) {
                    rows.set(i, next.get(i));
                }
            }
        } else {
            rows.setAll(next);
        }
    }

    private static double clamp(ParamSpec spec, double v) {
        double out = v;
        if (spec.min() != null) {
            out = Math.max(spec.min(), out);
        }
        if (spec.max() != null) {
            out = Math.min(spec.max(), out);
        }
        return out;
    }

    /** A value rounded to three significant digits (thresholds dragged on a histogram). */
    static double threeDigits(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
    }

    static String format(Object v) {
        return v == null ? "" : String.valueOf(v);
    }

    static String formatOverrides(List<StepConfig.DomainOverride> overrides) {
        List<String> parts = new ArrayList<>();
        for (StepConfig.DomainOverride o : overrides) {
            List<String> kv = new ArrayList<>();
            o.params().forEach((k, v) -> kv.add(k + "=" + format(v)));
            parts.add(String.join(" ", o.domains()) + ": " + String.join(", ", kv));
        }
        return String.join("; ", parts);
    }

    /** Parses {@code a.com b.org: p=1, q=2; c.net: p=3} against the step's parameters. */
    static List<StepConfig.DomainOverride> parseOverrides(StepType type, String text) {
        List<StepConfig.DomainOverride> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + part.trim() + "': expected 'domains: param=value, …'");
            }
            List<String> domains = List.of(part.substring(0, colon).trim().split("[\\s,]+"));
            Map<String, Object> params = new java.util.LinkedHashMap<>();
            for (String kv : part.substring(colon + 1).split(",")) {
                if (kv.isBlank()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("'" + kv.trim() + "': expected param=value");
                }
                String key = kv.substring(0, eq).trim();
                ParamSpec spec = type.param(key).orElseThrow(() -> new IllegalArgumentException("no parameter " + key));
                params.put(key, parse(spec, kv.substring(eq + 1)));
            }
            out.add(new StepConfig.DomainOverride(domains, params));
        }
        return out;
    }

    /** A typed value from text, by the parameter's type. */
    static Object parse(ParamSpec spec, String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equals("null")) {
            if (!spec.nullable()) {
                throw new IllegalArgumentException("a value is required");
            }
            return null;
        }
        return switch (spec.type()) {
            case INTEGER -> Long.parseLong(t);
            case NUMBER -> Double.parseDouble(t);
            case BOOLEAN -> {
                if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("true or false");
                }
                yield Boolean.parseBoolean(t);
            }
            case STRING -> t;
            case STRING_LIST -> List.of(t.replaceAll("^\\[|]$", "").split("\\s*,\\s*"));
            case PAIR_LIST -> throw new IllegalArgumentException("edit n-gram pairs in the config file");
        };
    }
}
