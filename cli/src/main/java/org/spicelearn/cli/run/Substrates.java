package org.spicelearn.cli.run;

import org.spicelearn.bridge.NgspiceSubstrate;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.TransientSettings;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.cli.spec.TrainingSetup;

/** Opens the substrate a training setup asks for. */
public final class Substrates {
    private Substrates() {
    }

    /** A new substrate holding the setup's circuit (transient-capable in transient mode). */
    public static Substrate open(TrainingSetup setup) {
        TransientSettings settings = Double.isNaN(setup.stepSeconds()) ? null
                : new TransientSettings(setup.integration(), setup.stepSeconds());
        if (setup.substrate() == TrainingSetup.SubstrateKind.NGSPICE) {
            return new NgspiceSubstrate(setup.circuit(), settings);
        }
        return new IdealSubstrate(setup.circuit(), settings);
    }
}
