package org.spicelearn.learn.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How data meet the network: input sources bound to columns, a feature scaling, and the task.
 *
 * @param inputs  input bindings (one source each)
 * @param scaling feature scaling, fitted on the training rows
 * @param task    classification or regression
 */
public record LearningProblem(List<InputBinding> inputs, InputScaling scaling, Task task) {
    /** Copies and validates. */
    public LearningProblem {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a learning problem needs at least one input");
        }
    }

    /** The input source names, in binding order. */
    public List<String> sourceNames() {
        return inputs.stream().map(InputBinding::sourceName).toList();
    }

    /**
     * Encodes {@code data} into volts, with the feature scaling fitted on {@code train}.
     *
     * @throws IllegalArgumentException naming a missing column or a bad label
     */
    public List<Example> encode(DataTable train, DataTable data) {
        int nIn = inputs.size();
        int[] columns = new int[nIn];
        double[][] affine = new double[nIn][];
        for (int i = 0; i < nIn; i++) {
            columns[i] = data.column(inputs.get(i).column());
            affine[i] = scaling.fit(train, train.column(inputs.get(i).column()));
        }
        List<Example> out = new ArrayList<>(data.size());
        for (int r = 0; r < data.size(); r++) {
            double[] volts = new double[nIn];
            for (int i = 0; i < nIn; i++) {
                InputBinding b = inputs.get(i);
                double scaled = affine[i][0] * data.value(r, columns[i]) + affine[i][1];
                volts[i] = b.offsetVolts() + b.scaleVolts() * scaled;
            }
            out.add(target(data, r, volts));
        }
        return out;
    }

    private Example target(DataTable data, int row, double[] volts) {
        if (task instanceof Task.Classification c) {
            int k = c.outputNodes().size();
            double raw = data.value(row, data.column(c.labelColumn()));
            int label = (int) raw;
            if (label != raw || label < 0 || label >= k) {
                throw new IllegalArgumentException(data.name() + " row " + (row + 1) + ": label " + raw
                        + " is not a class index in 0.." + (k - 1));
            }
            double[] t = new double[k];
            for (int o = 0; o < k; o++) {
                t[o] = o == label ? c.highVolts() : c.lowVolts();
            }
            return new Example(volts, t, label);
        }
        Task.Regression reg = (Task.Regression) task;
        double[] t = new double[reg.outputNodes().size()];
        for (int o = 0; o < t.length; o++) {
            t[o] = reg.offsetVolts() + reg.scaleVolts() * data.value(row, data.column(reg.targetColumns().get(o)));
        }
        return new Example(volts, t, -1);
    }
}
