package org.spicelearn.learn.data;

import java.util.List;

/**
 * What the outputs must learn: classes (one output node per class) or continuous targets.
 */
public sealed interface Task permits Task.Classification, Task.Regression {

    /** The output node names, in the order targets are given. */
    List<String> outputNodes();

    /**
     * Classification: output node {@code k} stands for class {@code k}; the label column holds
     * integers {@code 0..K-1}; the target is {@code highVolts} at the true class's node and
     * {@code lowVolts} elsewhere; the predicted class is the output with the highest voltage.
     *
     * @param labelColumn the class column
     * @param outputNodes one node per class, in class order
     * @param highVolts   target of the true class
     * @param lowVolts    target of the other classes
     */
    record Classification(String labelColumn, List<String> outputNodes, double highVolts, double lowVolts)
            implements Task {
        /** Validates. */
        public Classification {
            outputNodes = List.copyOf(outputNodes);
            if (outputNodes.size() < 2) {
                throw new IllegalArgumentException("classification needs at least two output nodes");
            }
            if (!(highVolts > lowVolts)) {
                throw new IllegalArgumentException("classification needs highVolts > lowVolts");
            }
        }
    }

    /**
     * Regression: output node {@code o} should reach {@code offsetVolts + scaleVolts * y[targetColumns[o]]}.
     *
     * @param outputNodes   output nodes
     * @param targetColumns one data column per output node
     * @param scaleVolts    volts per target unit
     * @param offsetVolts   volts added
     */
    record Regression(List<String> outputNodes, List<String> targetColumns, double scaleVolts, double offsetVolts)
            implements Task {
        /** Validates. */
        public Regression {
            outputNodes = List.copyOf(outputNodes);
            targetColumns = List.copyOf(targetColumns);
            if (outputNodes.isEmpty() || outputNodes.size() != targetColumns.size()) {
                throw new IllegalArgumentException("regression needs one target column per output node");
            }
        }
    }
}
