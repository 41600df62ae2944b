package org.loupe.app.clusters;

import java.util.List;

/**
 * The points' colours.
 *
 * @param mode     what they say
 * @param metric   the metric (METRIC only), else null
 * @param category each point's category (an index into the legend's categories; -1: none), or null in METRIC mode
 * @param values   each point's metric value (NaN: none), or null unless METRIC
 * @param low      the value drawn with the ramp's first colour (METRIC), else 0
 * @param high     the value drawn with the ramp's last colour (METRIC), else 0
 * @param logScale whether the ramp follows log(1 + value) (METRIC over non-negative values spanning more
 *                 than {@value ClustersViewModel#LOG_SPAN}×), else linear
 * @param legend   what the colours mean, in order
 * @param argb     each point's colour
 */
public record Colouring(ColourMode mode, String metric, int[] category, double[] values, double low, double high,
                        boolean logScale, List<LegendEntry> legend, int[] argb) {

    /** A legend line: what a colour means and how many points have it. */
    public record LegendEntry(String label, int argb, long points) { }
}
