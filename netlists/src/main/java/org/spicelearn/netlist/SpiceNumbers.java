package org.spicelearn.netlist;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SPICE numbers exactly and without locale: a decimal number, an optional exponent, an optional
 * scale suffix ({@code f p n u m k meg g t mil}, case-insensitive) and optional trailing unit letters
 * that are ignored ({@code 10kOhm} is 1e4, {@code 1uF} is 1e-6, {@code 3V} is 3). As in SPICE,
 * {@code m} is milli and {@code 1F} is one femto. The result is the double nearest to the exact
 * decimal value (the suffix shifts the decimal exponent before rounding, so {@code 1.1u} equals
 * {@code 1.1e-6}).
 */
public final class SpiceNumbers {
    private static final Pattern NUMBER = Pattern.compile("([+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+))(?:e([+-]?[0-9]+))?([a-z]*)");
    private static final int MAX_EXPONENT_DIGITS = 6;
    private static final BigDecimal MIL_METRES = new BigDecimal("25.4e-6");

    private SpiceNumbers() {
    }

    /** Whether {@code token} reads as a SPICE number. */
    public static boolean isNumber(String token) {
        try {
            parse(token);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The value of a SPICE number.
     *
     * @throws NumberFormatException with a readable message when {@code token} is not a finite SPICE number
     */
    public static double parse(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        Matcher m = NUMBER.matcher(t);
        if (!m.matches()) {
            throw new NumberFormatException("bad value '" + token + "'");
        }
        String exponentText = m.group(2) == null ? "0" : m.group(2);
        String digits = exponentText.replaceFirst("^[+-]", "");
        if (digits.length() > MAX_EXPONENT_DIGITS) {
            throw new NumberFormatException("value '" + token + "' is out of range");
        }
        long exponent = Long.parseLong(exponentText);
        String suffix = m.group(3);
        double value;
        if (suffix.startsWith("mil")) {
            value = new BigDecimal(m.group(1) + "e" + exponent).multiply(MIL_METRES).doubleValue();
        } else {
            value = Double.parseDouble(m.group(1) + "e" + (exponent + suffixExponent(suffix)));
        }
        if (!Double.isFinite(value)) {
            throw new NumberFormatException("value '" + token + "' is out of range");
        }
        return value;
    }

    private static int suffixExponent(String suffix) {
        if (suffix.startsWith("meg")) {
            return 6;
        }
        if (suffix.isEmpty()) {
            return 0;
        }
        switch (suffix.charAt(0)) {
            case 'f':
                return -15;
            case 'p':
                return -12;
            case 'n':
                return -9;
            case 'u':
                return -6;
            case 'm':
                return -3;
            case 'k':
                return 3;
            case 'g':
                return 9;
            case 't':
                return 12;
            default:
                return 0; // a unit such as V, A, Ohm, Hz, s
        }
    }
}
