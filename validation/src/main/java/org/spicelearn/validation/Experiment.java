package org.spicelearn.validation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The named experiments of {@code spicelearn validate}, in report order (LEARNING.md section 4).
 */
public enum Experiment {
    /** ngspice against the ideal substrate: DC on library and random networks, transient against step size. */
    SOLVER_AGREEMENT("solver-agreement", "Solver agreement: ngspice against the ideal substrate"),
    /** EP, CpL and CL estimates against the adjoint gradient as the nudge shrinks. */
    GRADIENT("gradient", "Contrastive estimates against the exact gradient"),
    /** Drift of temporally local, stochastic-phase updates against the rigid update. */
    UNBIASED_PHASES("unbiased-phases", "Temporally local updates drift like the rigid rule"),
    /** Training curves of rigid and flexible phase dynamics on four tasks. */
    FLEXIBLE_VS_RIGID("flexible-vs-rigid", "Flexible against rigid phases: training results"),
    /** Bias of learning through transients against phase length over RC time constant. */
    NONEQUILIBRIUM_BIAS("nonequilibrium-bias", "Learning away from equilibrium: bias against phase length"),
    /** The same run on ngspice and on the ideal substrate. */
    TRAJECTORY("trajectory", "Same run, two substrates: trajectory divergence"),
    /** Quantisation, asymmetric response and write noise against final accuracy. */
    DEVICES("devices", "Device non-idealities against final accuracy");

    private final String cliName;
    private final String title;

    Experiment(String cliName, String title) {
        this.cliName = cliName;
        this.title = title;
    }

    /** The command-line name, e.g. {@code solver-agreement}. */
    public String cliName() {
        return cliName;
    }

    /** The section title in the report. */
    public String title() {
        return title;
    }

    /**
     * The experiment with the given command-line name (case-insensitive; underscores accepted).
     *
     * @throws IllegalArgumentException naming the valid experiments
     */
    public static Experiment byName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Experiment e : values()) {
            if (e.cliName.equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown experiment '" + name + "'; valid: "
                + Arrays.stream(values()).map(Experiment::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
