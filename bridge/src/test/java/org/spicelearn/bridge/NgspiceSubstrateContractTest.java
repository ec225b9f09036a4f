package org.spicelearn.bridge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.SubstrateContract;
import org.spicelearn.circuit.TransientSettings;

/** The circuit-models substrate contract, run on ngspice with a relative tolerance of 1e-9. */
@Tag("ngspice")
class NgspiceSubstrateContractTest extends SubstrateContract {
    @BeforeAll
    static void needsNgspice() {
        NgspiceRequired.check();
    }

    @Override
    protected Substrate create(Circuit circuit) {
        return new NgspiceSubstrate(circuit);
    }

    @Override
    protected Substrate createTransient(Circuit circuit, TransientSettings settings) {
        return new NgspiceSubstrate(circuit, settings);
    }

    @Override
    protected double relativeTolerance() {
        return 1e-9;
    }
}
