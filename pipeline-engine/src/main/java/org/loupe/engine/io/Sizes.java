package org.loupe.engine.io;

/** Human-readable sizes for progress bars and status lines. */
public final class Sizes {
    private Sizes() {
    }

    /** "512 B", "1.5 KB", "3.2 MB" (binary multiples). */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KB", "MB", "GB", "TB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
