package org.spicelearn.validation;

import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.Substrate;

/**
 * A substrate whose conductances never change: every requested change is added to a running sum
 * (the drift a learner would produce at these conductances) and reported as not applied. Used to
 * measure the drift of a training schedule at fixed conductances.
 */
public final class FrozenSubstrate implements Substrate {
    private final Substrate inner;
    private final double[] requestedSum;

    /** Wraps {@code inner} (which it closes). */
    public FrozenSubstrate(Substrate inner) {
        this.inner = inner;
        this.requestedSum = new double[inner.conductances().size()];
    }

    /** The sum of every requested change so far, in siemens. */
    public double[] requestedSum() {
        return requestedSum.clone();
    }

    @Override
    public Circuit circuit() {
        return inner.circuit();
    }

    @Override
    public Conductances conductances() {
        return inner.conductances();
    }

    @Override
    public void setBoundary(BoundaryConditions conditions) {
        inner.setBoundary(conditions);
    }

    @Override
    public NodeVoltages settle() {
        return inner.settle();
    }

    @Override
    public NodeVoltages advance(double durationSeconds) {
        return inner.advance(durationSeconds);
    }

    @Override
    public Conductances adjust(Conductances requestedDeltas) {
        for (int i = 0; i < requestedSum.length; i++) {
            requestedSum[i] += requestedDeltas.siemens(i);
        }
        return Conductances.zeros(requestedSum.length);
    }

    @Override
    public void close() {
        inner.close();
    }
}
