package org.spicelearn.cli.spec;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElements;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlTransient;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.jaxb.core.annotation.XmlLocation;
import org.xml.sax.Locator;

/**
 * JAXB data-transfer objects of the training spec ({@code spec/training-spec.xsd}); mutable
 * edge types only, translated into learner values by {@link SpecTranslator}. Field defaults mirror
 * the schema's defaults.
 */
public final class SpecXml {
    private SpecXml() {
    }

    /** Something in the spec file with a source position. */
    @XmlTransient
    @XmlAccessorType(XmlAccessType.FIELD)
    public abstract static class Located {
        @XmlLocation
        @XmlTransient
        Locator locator;

        /** The line of this element's start tag in the spec, or 0 when unknown. */
        public int line() {
            return locator == null ? 0 : locator.getLineNumber();
        }
    }

    /** The root element {@code <training>}. */
    @XmlRootElement(name = "training")
    @XmlType(propOrder = {"netlist", "trainables", "supplies", "data", "inputs", "outputs", "rule", "phases", "device",
        "substrate", "learningRate", "epochs", "seed"})
    public static final class Training extends Located {
        /** Netlist path, relative to the spec. */
        @XmlElement(required = true) public String netlist;
        /** Trainable patterns and bounds, or null for the netlist's roles. */
        public Trainables trainables;
        /** DC overrides of fixed sources, or null. */
        public Supplies supplies;
        /** The data. */
        @XmlElement(required = true) public Data data;
        /** Input bindings, or null for the netlist's roles. */
        public Inputs inputs;
        /** Output mapping, or null for the netlist's roles. */
        public Outputs outputs;
        /** The rule. */
        @XmlElement(required = true) public Rule rule;
        /** The phase dynamics. */
        @XmlElement(required = true) public Phases phases;
        /** The device model, or null for ideal. */
        public Device device;
        /** The substrate. */
        @XmlElement(required = true) public Substrate substrate;
        /** The learning rate. */
        @XmlElement(required = true) public LearningRate learningRate;
        /** Epochs. */
        public int epochs = 1;
        /** Seed. */
        public long seed;
    }

    /** {@code <trainables>}. */
    public static final class Trainables extends Located {
        /** Names or globs. */
        @XmlElement(name = "match") public List<String> match = new ArrayList<>();
        /** Lower bound, siemens. */
        @XmlAttribute public double minSiemens;
        /** Upper bound, siemens. */
        @XmlAttribute public double maxSiemens;
    }

    /** {@code <supplies>}. */
    public static final class Supplies extends Located {
        /** The overrides. */
        @XmlElement(name = "supply") public List<Supply> supply = new ArrayList<>();
    }

    /** {@code <supply>}. */
    public static final class Supply extends Located {
        /** Voltage source name. */
        @XmlAttribute(required = true) public String source;
        /** New DC value, volts. */
        @XmlAttribute(required = true) public double volts;
    }

    /** {@code <data>}. */
    public static final class Data extends Located {
        /** iris or digits. */
        @XmlAttribute public String builtin;
        /** CSV path relative to the spec. */
        @XmlAttribute public String csv;
        /** Held-out fraction. */
        @XmlAttribute public double testFraction = 0.2;
        /** none, minmax, zscore. */
        @XmlAttribute public String scaling = "minmax";
    }

    /** {@code <inputs>}. */
    public static final class Inputs extends Located {
        /** The bindings. */
        @XmlElement(name = "input") public List<Input> input = new ArrayList<>();
    }

    /** {@code <input>}. */
    public static final class Input extends Located {
        /** Voltage source name. */
        @XmlAttribute(required = true) public String source;
        /** Data column. */
        @XmlAttribute(required = true) public String column;
        /** Volts per scaled unit. */
        @XmlAttribute public double scaleVolts = 1;
        /** Volts added. */
        @XmlAttribute public double offsetVolts;
    }

    /** {@code <outputs>}. */
    public static final class Outputs extends Located {
        /** The output nodes. */
        @XmlElement(name = "output") public List<Output> output = new ArrayList<>();
        /** classification or regression. */
        @XmlAttribute(required = true) public String task;
        /** Label column (classification). */
        @XmlAttribute public String labelColumn;
        /** Target of the true class. */
        @XmlAttribute public double highVolts = 1;
        /** Target of the other classes. */
        @XmlAttribute public double lowVolts;
        /** Regression volts per unit. */
        @XmlAttribute public double scaleVolts = 1;
        /** Regression offset. */
        @XmlAttribute public double offsetVolts;
    }

    /** {@code <output>}. */
    public static final class Output extends Located {
        /** Node name. */
        @XmlAttribute(required = true) public String node;
        /** Class index (classification). */
        @XmlAttribute(name = "class") public Integer classIndex;
        /** Target column (regression). */
        @XmlAttribute public String column;
    }

    /** {@code <rule>}. */
    public static final class Rule extends Located {
        /** ep, cpl, cl. */
        @XmlAttribute(required = true) public String kind;
        /** positive, negative, centred. */
        @XmlAttribute public String nudging = "centred";
        /** EP nudge, siemens. */
        @XmlAttribute public Double betaSiemens;
        /** CpL clamp fraction. */
        @XmlAttribute public Double etaC;
    }

    /** {@code <phases>}: one of its two children. */
    public static final class Phases extends Located {
        /** The chosen dynamics. */
        @XmlElements({@XmlElement(name = "rigid", type = Rigid.class),
            @XmlElement(name = "temporallyLocal", type = TemporallyLocal.class)})
        public Located dynamics;
    }

    /** {@code <rigid>}. */
    public static final class Rigid extends Located {
        /** Positive phase length. */
        @XmlAttribute public double positiveLength = 1;
        /** Negative phase length. */
        @XmlAttribute public double negativeLength = 1;
    }

    /** {@code <temporallyLocal>}. */
    public static final class TemporallyLocal extends Located {
        /** alternating or stochastic. */
        @XmlAttribute public String order = "stochastic";
        /** p. */
        @XmlAttribute public double positiveProbability = 0.5;
        /** Whether updates carry importance weights. */
        @XmlAttribute public boolean importanceWeights = true;
        /** fixed, geometric, exponential, uniform, lognormal. */
        @XmlAttribute public String lengths = "fixed";
        /** Mean positive length. */
        @XmlAttribute public double positiveMean = 1;
        /** Mean negative length. */
        @XmlAttribute public double negativeMean = 1;
        /** Uniform half width or log-normal sigma. */
        @XmlAttribute public double lengthSpread = 0.5;
        /** Phases per sample. */
        @XmlAttribute public Integer phasesPerSample;
        /** Mean sample duration of a random clock. */
        @XmlAttribute public Double sampleClockMean;
        /** Per-edge clock rate (desynchronised edges). */
        @XmlAttribute public Double edgeClockRate;
    }

    /** {@code <device>}. */
    public static final class Device extends Located {
        /** ideal, quantised, soft-bounds. */
        @XmlAttribute public String kind = "ideal";
        /** Bits (quantised). */
        @XmlAttribute public Integer bits;
        /** Soft-bounds gain of increases. */
        @XmlAttribute public double potentiationGain = 1;
        /** Soft-bounds gain of decreases. */
        @XmlAttribute public double depressionGain = 1;
        /** Soft-bounds exponent of increases. */
        @XmlAttribute public double potentiationExponent = 1;
        /** Soft-bounds exponent of decreases. */
        @XmlAttribute public double depressionExponent = 1;
        /** Relative write noise. */
        @XmlAttribute public double writeNoise;
        /** Device-to-device sigma. */
        @XmlAttribute public double variation;
    }

    /** {@code <substrate>}. */
    public static final class Substrate extends Located {
        /** ideal or ngspice. */
        @XmlAttribute(required = true) public String kind;
        /** dc or transient. */
        @XmlAttribute public String mode = "dc";
        /** Transient step, seconds. */
        @XmlAttribute public Double stepSeconds;
        /** Dead time after a switch, seconds. */
        @XmlAttribute public double deadTimeSeconds;
        /** Capacitance added from every free node to ground, farads (null: none). */
        @XmlAttribute public Double nodeCapacitanceFarads;
        /** backward-euler or trapezoidal. */
        @XmlAttribute public String integration = "backward-euler";
    }

    /** {@code <learningRate>}. */
    public static final class LearningRate extends Located {
        /** eta. */
        @XmlAttribute(required = true) public double eta;
        /** constant, inverse-time, robbins-monro. */
        @XmlAttribute public String schedule = "constant";
        /** Decay time in samples. */
        @XmlAttribute public Double tauSamples;
        /** Robbins-Monro exponent. */
        @XmlAttribute public Double kappa;
    }
}
