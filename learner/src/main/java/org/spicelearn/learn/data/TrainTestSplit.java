package org.spicelearn.learn.data;

import org.spicelearn.learn.Rng;

/**
 * A seeded random split of a table into training and test rows.
 *
 * @param train the training rows
 * @param test  the held-out rows
 */
public record TrainTestSplit(DataTable train, DataTable test) {

    /**
     * Shuffles the rows with {@code seed} and holds out {@code round(testFraction * n)} of them.
     *
     * @param table        all rows
     * @param testFraction fraction held out, in [0, 1)
     * @param seed         shuffle seed
     */
    public static TrainTestSplit of(DataTable table, double testFraction, long seed) {
        if (!(testFraction >= 0) || !(testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must lie in [0, 1), got " + testFraction);
        }
        int n = table.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        new Rng(seed).shuffle(order);
        int nTest = (int) Math.round(testFraction * n);
        int[] test = java.util.Arrays.copyOfRange(order, 0, nTest);
        int[] train = java.util.Arrays.copyOfRange(order, nTest, n);
        return new TrainTestSplit(table.select(train, "[train]"), table.select(test, "[test]"));
    }
}
