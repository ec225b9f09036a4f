package org.spicelearn.circuit.ideal;

import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.SubstrateContract;
import org.spicelearn.circuit.TransientSettings;

/** The substrate contract for the ideal substrate, at near machine precision. */
class IdealSubstrateContractTest extends SubstrateContract {
    @Override
    protected Substrate create(Circuit circuit) {
        return new IdealSubstrate(circuit);
    }

    @Override
    protected Substrate createTransient(Circuit circuit, TransientSettings settings) {
        return new IdealSubstrate(circuit, settings);
    }

    @Override
    protected double relativeTolerance() {
        return 1e-11;
    }

    @Override
    protected double transientTolerance() {
        return 1e-5;
    }
}
