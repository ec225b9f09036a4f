package org.spicelearn.validation;

import java.util.Locale;

/** Number formatting shared by the report writers: compact, locale-independent. */
public final class Format {
    private Format() {
    }

    /**
     * A number with 4 significant digits (scientific for very large or small magnitudes; values just
     * below 1 as {@code 1 - d}); NaN as {@code NaN}.
     */
    public static String number(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        double a = Math.abs(x);
        if (x > 0.9999 && x < 1) {
            // cosines and ratios near 1: show the distance from 1
            return String.format(Locale.ROOT, "1 - %.2e", 1 - x);
        }
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
