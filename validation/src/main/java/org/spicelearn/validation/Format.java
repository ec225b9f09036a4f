package org.spicelearn.validation;

import java.util.Locale;

/** Number formatting shared by the report writers: compact, locale-independent. */
public final class Format {
    private Format() {
    }

    /** A number with 4 significant digits (scientific for very large or small magnitudes); NaN as {@code NaN}. */
    public static String number(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        double a = Math.abs(x);
        if (x == 0 || (a >= 1e-3 && a < 1e5)) {
            String s = String.format(Locale.ROOT, "%.4g", x);
            return s.contains("e") ? s : stripZeros(s);
        }
        return String.format(Locale.ROOT, "%.3e", x);
    }

    /** {@code mean +/- sd}. */
    public static String meanSd(double mean, double sd) {
        return number(mean) + " +/- " + number(sd);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        String t = s.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
