package org.loupe.app.common;

import java.util.Locale;

/**
 * Numbers as the views show them: short enough for a narrow table column ("12.3k", "41%"), with the
 * full value ({@link #count}) for tooltips.
 */
public final class Formats {
    private Formats() {
    }

    /** A number to three significant digits, without trailing zeros ("0.123", "41.2", "12300"). */
    public static String shortNumber(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v == 0 ? 0 : v);
        }
        java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(3));
        return b.stripTrailingZeros().toPlainString();
    }

    /** A count in full, with thousands separators ("12,345"). */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A count in at most six characters: in full below 10,000 ("9,999"), then with a suffix and three
     * significant digits ("12.3k", "123k", "1.23M", "4.5B").
     */
    public static String compactCount(long n) {
        long a = Math.abs(n);
        if (a < 10_000) {
            return count(n);
        }
        String[] suffixes = {"k", "M", "B", "T"};
        double v = n;
        int s = -1;
        do {
            v /= 1000;
            s++;
        } while (Math.abs(v) >= 999.5 && s < suffixes.length - 1);
        String digits = Math.abs(v) >= 99.95 ? String.format(Locale.ROOT, "%.0f", v)
                : Math.abs(v) >= 9.995 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        if (digits.contains(".")) {
            digits = digits.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return digits + suffixes[s];
    }

    /**
     * A share as a percentage: whole percents from 10% to 99% ("41%"), one decimal below 10% and above 99%
     * ("2.5%", "99.6%"), "<0.1%" and ">99.9%" for the nearly-none and nearly-all, "–" when undefined.
     */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) {
            return "–";
        }
        double p = 100 * fraction;
        if (p == 0 || p == 100) {
            return String.format(Locale.ROOT, "%.0f%%", p);
        }
        if (p > 0 && p < 0.05) {
            return "<0.1%";
        }
        if (p > 99.95 && p < 100) {
            return ">99.9%";
        }
        if (p < 9.95 || (p > 99 && p < 100)) {
            return String.format(Locale.ROOT, "%.1f%%", p).replace(".0%", "%");
        }
        return String.format(Locale.ROOT, "%.0f%%", p);
    }

    /** A size in bytes ("512 B", "1.5 KB", "3.2 MB", binary multiples). */
    public static String bytes(long n) {
        return org.loupe.engine.io.Sizes.human(n);
    }
}
