package org.spicelearn.circuit;

import java.util.Arrays;

/**
 * An immutable vector of conductances (or conductance changes), in siemens, indexed like
 * {@link Circuit#trainables()}.
 */
public final class Conductances {
    private final double[] siemens;

    private Conductances(double[] siemens) {
        this.siemens = siemens;
    }

    /** A vector holding a copy of {@code siemens}. */
    public static Conductances of(double... siemens) {
        return new Conductances(siemens.clone());
    }

    /** A vector of {@code size} zeros. */
    public static Conductances zeros(int size) {
        return new Conductances(new double[size]);
    }

    /** The number of entries. */
    public int size() {
        return siemens.length;
    }

    /** Entry {@code i}, in siemens. */
    public double siemens(int i) {
        return siemens[i];
    }

    /** A copy of the entries. */
    public double[] toArray() {
        return siemens.clone();
    }

    /** The element-wise sum. */
    public Conductances plus(Conductances other) {
        checkSize(other);
        double[] out = new double[siemens.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = siemens[i] + other.siemens[i];
        }
        return new Conductances(out);
    }

    /** The element-wise difference {@code this - other}. */
    public Conductances minus(Conductances other) {
        checkSize(other);
        double[] out = new double[siemens.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = siemens[i] - other.siemens[i];
        }
        return new Conductances(out);
    }

    /** Every entry multiplied by {@code factor}. */
    public Conductances times(double factor) {
        double[] out = new double[siemens.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = siemens[i] * factor;
        }
        return new Conductances(out);
    }

    /** The largest absolute entry (0 when empty). */
    public double maxAbs() {
        double m = 0;
        for (double v : siemens) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private void checkSize(Conductances other) {
        if (other.siemens.length != siemens.length) {
            throw new IllegalArgumentException("size mismatch: " + siemens.length + " vs " + other.siemens.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conductances c && Arrays.equals(siemens, c.siemens);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(siemens);
    }

    @Override
    public String toString() {
        return "Conductances" + Arrays.toString(siemens);
    }
}
