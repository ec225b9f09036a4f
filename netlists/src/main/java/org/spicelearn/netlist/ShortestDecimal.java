package org.spicelearn.netlist;

import static java.lang.Math.multiplyHigh;

import java.math.BigInteger;

/**
 * Writes a finite double as the shortest decimal that reads back as exactly that double, in the
 * layout of {@link Double#toString(double)} but with a lower-case exponent ({@code 1000.0},
 * {@code 1.0e-4}, {@code -2.5}): Raffaello Giulietti's Schubfach algorithm, the one
 * {@code Double.toString} uses from JDK 19 on. On JDK 17, {@code Double.toString} (FloatingDecimal)
 * took about 120 ns a number, the largest Java cost of an EP step on ngspice (about 150 numbers a
 * step); this takes a few tens of ns and makes no object. Both read back exactly; they differ only
 * where JDK 17's answer is not the shortest (rare).
 *
 * <p>Reference: R. Giulietti, "The Schubfach way to render doubles" (2020), and OpenJDK's
 * {@code jdk.internal.math.DoubleToDecimal}.
 */
final class ShortestDecimal {
    private static final int P = 53;
    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << (P - 1);
    private static final int BQ_MASK = 0x7FF;
    private static final long T_MASK = (1L << (P - 1)) - 1;
    private static final long C_TINY = 3;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    private static final int H = 17;
    private static final long MASK_63 = (1L << 63) - 1;
    private static final int MASK_28 = (1 << 28) - 1;
    private static final long[] POW10 = new long[H + 1];
    /** g(k) for k in [K_MIN, K_MAX]: 126-bit approximations of 10^-k, split into 63-bit halves. */
    private static final long[] G = new long[2 * (K_MAX - K_MIN + 1)];

    static {
        long p = 1;
        for (int i = 0; i <= H; i++) {
            POW10[i] = p;
            p *= 10;
        }
        BigInteger mask63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            // 10^-k = beta 2^r with 2^125 <= beta < 2^126; g = floor(beta) + 1
            int r = flog2pow10(-k) - 125;
            BigInteger floorBeta;
            if (k <= 0) {
                BigInteger n = BigInteger.TEN.pow(-k);
                floorBeta = r >= 0 ? n.shiftRight(r) : n.shiftLeft(-r);
            } else {
                floorBeta = BigInteger.ONE.shiftLeft(-r).divide(BigInteger.TEN.pow(k));
            }
            BigInteger g = floorBeta.add(BigInteger.ONE);
            G[2 * (k - K_MIN)] = g.shiftRight(63).longValueExact();
            G[2 * (k - K_MIN) + 1] = g.and(mask63).longValueExact();
        }
    }

    private ShortestDecimal() {
    }

    /**
     * Appends {@code v} to {@code out}.
     *
     * @throws IllegalArgumentException for NaN and infinities
     */
    static StringBuilder append(StringBuilder out, double v) {
        long bits = Double.doubleToRawLongBits(v);
        long t = bits & T_MASK;
        int bq = (int) (bits >>> (P - 1)) & BQ_MASK;
        if (bq == BQ_MASK) {
            throw new IllegalArgumentException("SPICE cannot express the number " + v);
        }
        if (bits < 0) {
            out.append('-');
        }
        if (bq != 0) {
            int mq = -Q_MIN + 1 - bq;
            long c = C_MIN | t;
            if (0 < mq && mq < P) {
                long f = c >> mq;
                if (f << mq == c) {
                    return toChars(out, f, 0);
                }
            }
            return toDecimal(out, -mq, c, 0);
        }
        if (t != 0) {
            return t < C_TINY ? toDecimal(out, Q_MIN, 10 * t, -1) : toDecimal(out, Q_MIN, t, 0);
        }
        return out.append("0.0");
    }

    private static StringBuilder toDecimal(StringBuilder out, int q, long c, int dk) {
        int odd = (int) c & 0x1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN | q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        long g1 = G[2 * (k - K_MIN)];
        long g0 = G[2 * (k - K_MIN) + 1];
        long vb = rop(g1, g0, cb << h);
        long vbl = rop(g1, g0, cbl << h);
        long vbr = rop(g1, g0, cbr << h);
        long s = vb >> 2;
        if (s >= 100) {
            long sp10 = 10 * multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean upin = vbl + odd <= sp10 << 2;
            boolean wpin = (tp10 << 2) + odd <= vbr;
            if (upin != wpin) {
                return toChars(out, upin ? sp10 : tp10, k);
            }
        }
        long tt = s + 1;
        boolean uin = vbl + odd <= s << 2;
        boolean win = (tt << 2) + odd <= vbr;
        if (uin != win) {
            return toChars(out, uin ? s : tt, k + dk);
        }
        long cmp = vb - (s + tt << 1);
        return toChars(out, cmp < 0 || cmp == 0 && (s & 0x1) == 0 ? s : tt, k + dk);
    }

    private static long rop(long g1, long g0, long cp) {
        long x1 = multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | (z & MASK_63) + MASK_63 >>> 63;
    }

    /** Writes f 10^e, f > 0. */
    private static StringBuilder toChars(StringBuilder out, long f, int e) {
        int len = flog10pow2(Long.SIZE - Long.numberOfLeadingZeros(f));
        if (f >= POW10[len]) {
            len += 1;
        }
        f *= POW10[H - len];
        e += len;
        long hm = multiplyHigh(f, 193_428_131_138_340_668L) >>> 20;
        int l = (int) (f - 100_000_000L * hm);
        int h = (int) (hm * 1_441_151_881L >>> 57);
        int m = (int) (hm - 100_000_000 * h);
        int start = out.length();
        if (0 < e && e <= 7) {
            // plain format without leading zeroes
            out.append((char) ('0' + h));
            int y = y(m);
            int i = 1;
            for (; i < e; ++i) {
                int tt = 10 * y;
                out.append((char) ('0' + (tt >>> 28)));
                y = tt & MASK_28;
            }
            out.append('.');
            for (; i <= 8; ++i) {
                int tt = 10 * y;
                out.append((char) ('0' + (tt >>> 28)));
                y = tt & MASK_28;
            }
            lowDigits(out, l, start);
        } else if (-3 < e && e <= 0) {
            // plain format with leading zeroes
            out.append("0.");
            for (; e < 0; ++e) {
                out.append('0');
            }
            out.append((char) ('0' + h));
            append8Digits(out, m);
            lowDigits(out, l, start);
        } else {
            // computerized scientific notation
            out.append((char) ('0' + h)).append('.');
            append8Digits(out, m);
            lowDigits(out, l, start);
            exponent(out, e - 1);
        }
        return out;
    }

    private static void lowDigits(StringBuilder out, int l, int start) {
        if (l != 0) {
            append8Digits(out, l);
        }
        // remove trailing zeroes, but not the one right after the point
        int end = out.length();
        while (out.charAt(end - 1) == '0') {
            end--;
        }
        if (out.charAt(end - 1) == '.') {
            end++;
        }
        out.setLength(end);
    }

    private static void append8Digits(StringBuilder out, int m) {
        int y = y(m);
        for (int i = 0; i < 8; ++i) {
            int tt = 10 * y;
            out.append((char) ('0' + (tt >>> 28)));
            y = tt & MASK_28;
        }
    }

    private static int y(int a) {
        return (int) (multiplyHigh((long) (a + 1) << 28, 193_428_131_138_340_668L) >>> 20) - 1;
    }

    private static void exponent(StringBuilder out, int e) {
        out.append('e');
        if (e < 0) {
            out.append('-');
            e = -e;
        }
        if (e < 10) {
            out.append((char) ('0' + e));
            return;
        }
        int d;
        if (e >= 100) {
            d = e * 1_311 >>> 17;
            out.append((char) ('0' + d));
            e -= 100 * d;
        }
        d = e * 103 >>> 10;
        out.append((char) ('0' + d)).append((char) ('0' + e - 10 * d));
    }

    private static int flog10pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    private static int flog10threeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L + -274_743_187_321L >> 41);
    }

    private static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }
}
