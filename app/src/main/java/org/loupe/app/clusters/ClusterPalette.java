package org.loupe.app.clusters;

/**
 * The map's data colours as ARGB ints (no JavaFX): a qualitative palette for clusters and languages, kept
 * and removed, grey for points without a value, and a perceptually ordered ramp (viridis) for metrics. The
 * colours read on light and dark backgrounds alike; the canvas' background comes from the theme.
 */
public final class ClusterPalette {

    /** Points in no category (unclustered, unknown language, no value). */
    public static final int NONE = 0xB09A9A9A;
    public static final int KEPT = 0xFF2CA02C;
    public static final int REMOVED = 0xFFD62728;

    /** Tableau 10 then its lighter companions: distinct neighbours, readable on light and dark. */
    private static final int[] QUALITATIVE = {
        0xFF1F77B4, 0xFFFF7F0E, 0xFF2CA02C, 0xFFD62728, 0xFF9467BD, 0xFF8C564B, 0xFFE377C2, 0xFF17BECF,
        0xFFBCBD22, 0xFF7F7F7F, 0xFFAEC7E8, 0xFFFFBB78, 0xFF98DF8A, 0xFFFF9896, 0xFFC5B0D5, 0xFFC49C94,
        0xFFF7B6D2, 0xFF9EDAE5, 0xFFDBDB8D, 0xFF393B79,
    };

    /** Viridis at nine evenly spaced stops. */
    private static final int[] RAMP = {
        0xFF440154, 0xFF472D7B, 0xFF3B528B, 0xFF2C728E, 0xFF21918C, 0xFF28AE80, 0xFF5EC962, 0xFFADDC30, 0xFFFDE725,
    };

    private ClusterPalette() {
    }

    /** The colour of category {@code i} (cycling past the palette's 20), {@link #NONE} when negative. */
    public static int category(int i) {
        return i < 0 ? NONE : QUALITATIVE[i % QUALITATIVE.length];
    }

    /** Distinct category colours before they repeat. */
    public static int categories() {
        return QUALITATIVE.length;
    }

    /** The ramp's colour at {@code t} in [0, 1] (clamped), {@link #NONE} for NaN. */
    public static int ramp(double t) {
        if (Double.isNaN(t)) {
            return NONE;
        }
        double u = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) u);
        double f = u - i;
        int a = RAMP[i];
        int b = RAMP[i + 1];
        int r = mix((a >> 16) & 0xFF, (b >> 16) & 0xFF, f);
        int g = mix((a >> 8) & 0xFF, (b >> 8) & 0xFF, f);
        int bl = mix(a & 0xFF, b & 0xFF, f);
        return 0xFF000000 | r << 16 | g << 8 | bl;
    }

    /** The same colour, faint: points outside the selection. */
    public static int faint(int argb) {
        int alpha = Math.min(argb >>> 24, 0x38);
        return alpha << 24 | (argb & 0x00FFFFFF);
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
