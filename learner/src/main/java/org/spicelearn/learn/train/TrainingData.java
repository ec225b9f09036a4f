package org.spicelearn.learn.train;

import java.util.List;

/**
 * Encoded data and the network ports they use.
 *
 * @param sourceNames    input voltage sources, in the order of {@code Example.inputVolts}
 * @param outputNodes    output node names, in the order of {@code Example.targetVolts}
 * @param train          training examples
 * @param test           held-out examples (may be empty)
 * @param classification whether accuracy (argmax of the outputs) is meaningful
 */
public record TrainingData(List<String> sourceNames, List<String> outputNodes,
                           List<org.spicelearn.learn.data.Example> train,
                           List<org.spicelearn.learn.data.Example> test, boolean classification) {
    /** Copies and validates. */
    public TrainingData {
        sourceNames = List.copyOf(sourceNames);
        outputNodes = List.copyOf(outputNodes);
        train = List.copyOf(train);
        test = List.copyOf(test);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
    }
}
