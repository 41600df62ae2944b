package org.loupe.app.clusters;

import org.loupe.app.common.Formats;
import static org.loupe.app.clusters.ClustersViewModel.COLOURED_LANGUAGES;
import static org.loupe.app.clusters.ClustersViewModel.LOG_SPAN;
import static org.loupe.app.clusters.ClustersViewModel.TOKENS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.loupe.analysis.cluster.ClusterMap;
import org.loupe.app.context.AppContext;
import org.loupe.app.clusters.Colouring.LegendEntry;
import org.loupe.app.common.SampleLanguages;
import org.loupe.app.task.LatestTask;
import org.loupe.app.session.SampleSession;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.decision.RowKeys;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.sample.Sample;

/**
 * The cluster map's colours and legend: by cluster, kept / removed under the live pipeline, language (the
 * sample's languages, identified in the background the first time they are asked for) or any measured metric
 * (a ramp over its 2nd to 98th percentile, on a log scale for long-tailed counts).
 */
final class ClusterColouring {
    private final AppContext context;
    private final SampleSession session;
    private final LatestTask<String[]> identifying;

    private final ObjectProperty<ColourMode> colourMode = new SimpleObjectProperty<>(ColourMode.CLUSTER);
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final ObjectProperty<String> metric = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Colouring> colouring = new ReadOnlyObjectWrapper<>();

    private BuiltMap built;
    private String[] languages;
    /** Identifying this sample's languages failed: not tried again on every recolouring. */
    private boolean languagesFailed;
    private boolean colouringNow;

    /**
     * @param session the live pipeline: decisions, token counts and the metric table
     * @param say  shows why languages are missing (in the map's summary)
     */
    ClusterColouring(AppContext context, SampleSession session, Consumer<String> say) {
        this.context = context;
        this.session = session;
        identifying = new LatestTask<String[]>(context.tasks()).onFailure(reason -> {
            languagesFailed = true;
            say.accept("Cannot identify languages: " + reason);
            recolourIf(ColourMode.LANGUAGE);
        });
        colourMode.addListener((o, a, m) -> recolour());
        metric.addListener((o, a, m) -> recolourIf(ColourMode.METRIC));
        refreshMetrics();
    }

    ObjectProperty<ColourMode> colourModeProperty() {
        return colourMode;
    }

    ObservableList<String> metrics() {
        return metrics;
    }

    ObjectProperty<String> metricProperty() {
        return metric;
    }

    ReadOnlyObjectProperty<Colouring> colouringProperty() {
        return colouring.getReadOnlyProperty();
    }

    /** Another sample: its languages are not known yet (identifying the old one's stops). */
    void adopt() {
        identifying.cancel();
        languages = null;
        languagesFailed = false;
    }

    /** Colours a new map (null: none). */
    void setMap(BuiltMap b) {
        built = b;
        refreshMetrics();
        recolour();
    }

    /** The pipeline decided again: the metrics offered and the colours follow. */
    void decisionsChanged() {
        refreshMetrics();
        recolour();
    }

    /** Stops identifying languages. */
    void cancel() {
        identifying.cancel();
    }

    private void refreshMetrics() {
        List<String> names = new ArrayList<>();
        if (session.keys() != null) {
            names.add(TOKENS);
        }
        MetricTable t = session.table();
        if (t != null) {
            t.names().stream().filter(n -> t.labels(n).isEmpty()).sorted().forEach(names::add);
        }
        if (!names.equals(metrics)) {
            String keep = metric.get();
            metrics.setAll(names);
            metric.set(names.contains(keep) ? keep : names.isEmpty() ? null : names.get(0));
        }
    }

    private void recolourIf(ColourMode mode) {
        if (!colouringNow && colourMode.get() == mode) {
            recolour();
        }
    }

    /** Colours the points under the current mode. */
    private void recolour() {
        if (built == null) {
            colouring.set(null);
            return;
        }
        MapPoints p = built.points();
        colouringNow = true;
        try {
            colouring.set(switch (colourMode.get() == null ? ColourMode.CLUSTER : colourMode.get()) {
                case CLUSTER -> byCluster(p);
                case STATUS -> byStatus(p);
                case LANGUAGE -> byLanguage(p);
                case METRIC -> byMetric(p);
            });
        } finally {
            colouringNow = false;
        }
    }

    private Colouring byCluster(MapPoints p) {
        ClusterMap map = built.map();
        int k = map.clusters().size();
        List<LegendEntry> legend = new ArrayList<>(k + 1);
        int[] colours = new int[k];
        for (ClusterMap.Cluster c : map.clusters()) {
            colours[c.id()] = ClusterPalette.category(c.id());
            legend.add(new LegendEntry(c.id() + " · " + c.label(), colours[c.id()], c.size()));
        }
        if (map.noise().length > 0) {
            legend.add(new LegendEntry("unclustered", ClusterPalette.NONE, map.noise().length));
        }
        int[] category = p.cluster().clone();
        return categorical(ColourMode.CLUSTER, category, colours, legend);
    }

    private Colouring byStatus(MapPoints p) {
        Decisions d = session.decisions();
        int n = p.size();
        int[] category = new int[n];
        long keptPoints = 0;
        boolean decided = d != null && d.rows() == built.sample().size();
        for (int i = 0; i < n; i++) {
            if (!decided) {
                category[i] = -1;
            } else if (d.kept(p.rows()[i])) {
                category[i] = 0;
                keptPoints++;
            } else {
                category[i] = 1;
            }
        }
        List<LegendEntry> legend = decided
                ? List.of(new LegendEntry("kept", ClusterPalette.KEPT, keptPoints), new LegendEntry("removed", ClusterPalette.REMOVED, n - keptPoints))
                : List.of(new LegendEntry("waiting for the pipeline", ClusterPalette.NONE, n));
        return categorical(ColourMode.STATUS, category, new int[] {ClusterPalette.KEPT, ClusterPalette.REMOVED}, legend);
    }

    private Colouring byLanguage(MapPoints p) {
        int n = p.size();
        if (languages == null && !identifying.isRunning() && !languagesFailed) {
            identify(built.sample());
        }
        String[] langs = languages;
        if (langs == null) {
            int[] none = new int[n];
            Arrays.fill(none, -1);
            String what = identifying.isRunning() ? "identifying languages…" : "languages unavailable";
            return categorical(ColourMode.LANGUAGE, none, new int[0], List.of(new LegendEntry(what, ClusterPalette.NONE, n)));
        }
        Map<String, Long> counts = new HashMap<>();
        long unknown = 0;
        for (int i = 0; i < n; i++) {
            String l = language(langs, p.rows()[i]);
            if (l == null) {
                unknown++;
            } else {
                counts.merge(l, 1L, Long::sum);
            }
        }
        List<Map.Entry<String, Long>> order = new ArrayList<>(counts.entrySet());
        order.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        boolean other = order.size() > COLOURED_LANGUAGES;
        int coloured = other ? COLOURED_LANGUAGES - 1 : order.size();
        Map<String, Integer> index = new HashMap<>();
        List<LegendEntry> legend = new ArrayList<>();
        int[] colours = new int[coloured + (other ? 1 : 0)];
        for (int c = 0; c < coloured; c++) {
            colours[c] = ClusterPalette.category(c);
            index.put(order.get(c).getKey(), c);
            legend.add(new LegendEntry(order.get(c).getKey(), colours[c], order.get(c).getValue()));
        }
        if (other) {
            colours[coloured] = ClusterPalette.category(ClusterPalette.categories() - 1);
            long rest = order.subList(coloured, order.size()).stream().mapToLong(Map.Entry::getValue).sum();
            legend.add(new LegendEntry(String.format("other (%d languages)", order.size() - coloured), colours[coloured], rest));
        }
        if (unknown > 0) {
            legend.add(new LegendEntry("unknown", ClusterPalette.NONE, unknown));
        }
        int[] category = new int[n];
        for (int i = 0; i < n; i++) {
            String l = language(langs, p.rows()[i]);
            category[i] = l == null ? -1 : index.getOrDefault(l, coloured);
        }
        return categorical(ColourMode.LANGUAGE, category, colours, legend);
    }

    private static String language(String[] langs, int row) {
        return row < langs.length ? langs[row] : null;
    }

    private Colouring byMetric(MapPoints p) {
        int n = p.size();
        String name = metric.get();
        double[] column = column(name);
        double[] values = new double[n];
        double[] finite = new double[n];
        int f = 0;
        for (int i = 0; i < n; i++) {
            int row = p.rows()[i];
            values[i] = column == null || row >= column.length ? Double.NaN : column[row];
            if (Double.isFinite(values[i])) {
                finite[f++] = values[i];
            }
        }
        double low = 0;
        double high = 0;
        boolean log = false;
        int[] argb = new int[n];
        List<LegendEntry> legend = new ArrayList<>();
        if (f > 0) {
            Arrays.sort(finite, 0, f);
            // The 2nd to 98th percentile: a few outliers do not wash out the rest.
            low = finite[(int) Math.floor(0.02 * (f - 1))];
            high = finite[(int) Math.ceil(0.98 * (f - 1))];
            // Long-tailed counts (tokens, words) would be one colour on a linear ramp.
            log = low >= 0 && high >= LOG_SPAN * Math.max(low, 1);
            double from = log ? Math.log1p(low) : low;
            double span = (log ? Math.log1p(high) : high) - from;
            for (int i = 0; i < n; i++) {
                double v = values[i];
                double at = log ? Math.log1p(Math.max(0, v)) : v;
                argb[i] = Double.isFinite(v) ? ClusterPalette.ramp(span > 0 ? (at - from) / span : 0.5) : ClusterPalette.NONE;
            }
            legend.add(new LegendEntry("≤ " + Formats.shortNumber(low), ClusterPalette.ramp(0), countAtMost(finite, f, low)));
            legend.add(new LegendEntry("≥ " + Formats.shortNumber(high), ClusterPalette.ramp(1), countAtLeast(finite, f, high)));
        } else {
            Arrays.fill(argb, ClusterPalette.NONE);
        }
        if (f < n) {
            legend.add(new LegendEntry(column == null ? "no metric" : "no value", ClusterPalette.NONE, n - f));
        }
        return new Colouring(ColourMode.METRIC, name, null, values, low, high, log, List.copyOf(legend), argb);
    }

    private static long countAtMost(double[] sorted, int f, double v) {
        long c = 0;
        for (int i = 0; i < f && sorted[i] <= v; i++) {
            c++;
        }
        return c;
    }

    private static long countAtLeast(double[] sorted, int f, double v) {
        long c = 0;
        for (int i = f - 1; i >= 0 && sorted[i] >= v; i--) {
            c++;
        }
        return c;
    }

    /** A metric's values per sample row, or null when it is not measured. */
    private double[] column(String name) {
        if (name == null) {
            return null;
        }
        if (name.equals(TOKENS)) {
            RowKeys keys = session.keys();
            if (keys == null) {
                return null;
            }
            double[] out = new double[keys.tokens().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = keys.tokens()[i];
            }
            return out;
        }
        MetricTable t = session.table();
        return t != null && t.has(name) ? t.column(name) : null;
    }

    private static Colouring categorical(ColourMode mode, int[] category, int[] colours, List<LegendEntry> legend) {
        int[] argb = new int[category.length];
        for (int i = 0; i < category.length; i++) {
            int c = category[i];
            argb[i] = c < 0 || c >= colours.length ? ClusterPalette.NONE : colours[c];
        }
        return new Colouring(mode, null, category, null, 0, 0, false, List.copyOf(legend), argb);
    }

    /** Reads the sample's languages (cached in its workspace folder; identified once when not) in the background. */
    private void identify(Sample s) {
        identifying.start("Identifying languages", ctx -> SampleLanguages.identify(context, s, ctx), codes -> {
            languages = codes;
            recolourIf(ColourMode.LANGUAGE);
        });
    }
}
