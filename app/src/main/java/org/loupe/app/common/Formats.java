package org.loupe.app.common;

/** Numbers as the views show them. */
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
}
