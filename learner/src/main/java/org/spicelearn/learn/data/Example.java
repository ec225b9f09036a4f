package org.spicelearn.learn.data;

/**
 * One encoded example: the volts of every input source, the target volts of every output node,
 * and the class label (-1 for regression).
 *
 * @param inputVolts  one value per input binding
 * @param targetVolts one value per output node
 * @param label       class index, or -1
 */
public record Example(double[] inputVolts, double[] targetVolts, int label) {
    /** Copies the arrays. */
    public Example {
        inputVolts = inputVolts.clone();
        targetVolts = targetVolts.clone();
    }

    @Override
    public double[] inputVolts() {
        return inputVolts.clone();
    }

    @Override
    public double[] targetVolts() {
        return targetVolts.clone();
    }

    /** Input {@code i}, in volts. */
    public double inputVolts(int i) {
        return inputVolts[i];
    }

    /** Target {@code o}, in volts. */
    public double targetVolts(int o) {
        return targetVolts[o];
    }
}
