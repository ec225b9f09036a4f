package org.spicelearn.cli.batch;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.w3c.dom.Element;

/**
 * A key parameter of a training spec that a sweep can vary and the summary reports: where it lives
 * in the spec, its default when the spec leaves it out, and how a value is written into the spec.
 * Values are written as text and checked against the training-spec schema after expansion.
 */
public enum SweepParameter {
    /** The rule: {@code <rule kind>} (ep, cpl, cl). */
    RULE("rule", "rule", "kind", ""),
    /** The nudging of EP and CpL: {@code <rule nudging>} (positive, negative, centred). */
    NUDGING("nudging", "rule", "nudging", "centred"),
    /** The EP nudge conductance, siemens: {@code <rule betaSiemens>}. */
    BETA("beta", "rule", "betaSiemens", ""),
    /** The phase order of temporally local dynamics: {@code <temporallyLocal order>} (alternating, stochastic). */
    ORDER("order", "phases/temporallyLocal", "order", "stochastic"),
    /** The probability p of a positive phase: {@code <temporallyLocal positiveProbability>}. */
    P("p", "phases/temporallyLocal", "positiveProbability", "0.5"),
    /** Whether updates carry importance weights: {@code <temporallyLocal importanceWeights>}. */
    WEIGHTS("weights", "phases/temporallyLocal", "importanceWeights", "true"),
    /** The phase-length law: {@code <temporallyLocal lengths>} (fixed, geometric, exponential, uniform, lognormal). */
    LENGTHS("lengths", "phases/temporallyLocal", "lengths", "fixed"),
    /**
     * The mean phase length of both phase types: {@code positiveMean} and {@code negativeMean} of
     * {@code <temporallyLocal>}, or {@code positiveLength} and {@code negativeLength} of {@code <rigid>}.
     */
    MEAN("mean", "phases", "", "1"),
    /** The device model: {@code <device kind>} (ideal, quantised, soft-bounds); the element is created when absent. */
    DEVICE("device", "device", "kind", "ideal"),
    /** Bits of a quantised device: {@code <device bits>}. */
    BITS("bits", "device", "bits", ""),
    /** The substrate: {@code <substrate kind>} (ideal, ngspice). */
    SUBSTRATE("substrate", "substrate", "kind", ""),
    /** The substrate mode: {@code <substrate mode>} (dc, transient). */
    MODE("mode", "substrate", "mode", "dc"),
    /** The learning rate: {@code <learningRate eta>}. */
    ETA("eta", "learningRate", "eta", ""),
    /** The epochs: {@code <epochs>}. */
    EPOCHS("epochs", "epochs", "", "1"),
    /** The seed: {@code <seed>}. */
    SEED("seed", "seed", "", "0");

    private final String key;
    private final String path;
    private final String attribute;
    private final String defaultValue;

    SweepParameter(String key, String path, String attribute, String defaultValue) {
        this.key = key;
        this.path = path;
        this.attribute = attribute;
        this.defaultValue = defaultValue;
    }

    /** The name used in sweep files, run ids and summary columns, e.g. {@code p}. */
    public String key() {
        return key;
    }

    /** The parameter with this key. */
    public static SweepParameter byKey(String key) {
        for (SweepParameter p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown sweep parameter '" + key + "'; known: " + keys());
    }

    /** All keys, comma separated. */
    public static String keys() {
        return Arrays.stream(values()).map(SweepParameter::key).collect(Collectors.joining(", "));
    }

    /**
     * Writes {@code value} into the spec.
     *
     * @throws IllegalArgumentException when the spec has no place for this parameter (e.g. p with rigid phases)
     */
    void apply(SpecDocument spec, String value) {
        if (this == MEAN) {
            Element dynamics = phaseDynamics(spec);
            boolean rigid = "rigid".equals(dynamics.getLocalName());
            dynamics.setAttribute(rigid ? "positiveLength" : "positiveMean", value);
            dynamics.setAttribute(rigid ? "negativeLength" : "negativeMean", value);
            return;
        }
        if (path.startsWith("phases/")) {
            Element dynamics = phaseDynamics(spec);
            if (!"temporallyLocal".equals(dynamics.getLocalName())) {
                throw new IllegalArgumentException("parameter " + key + " needs <temporallyLocal> phase dynamics, the base spec has <"
                        + dynamics.getLocalName() + ">");
            }
            dynamics.setAttribute(attribute, value);
            return;
        }
        Element e = spec.topLevel(path);
        if (attribute.isEmpty()) {
            e.setTextContent(value);
        } else {
            e.setAttribute(attribute, value);
        }
    }

    /** The parameter's value in the spec (its default when left out), or "" when the spec has no such setting. */
    String read(SpecDocument spec) {
        Element phases = spec.find("phases");
        Element dynamics = phases == null ? null : firstElement(phases);
        if (this == MEAN) {
            if (dynamics == null) {
                return "";
            }
            boolean rigid = "rigid".equals(dynamics.getLocalName());
            String pos = valueOr(dynamics, rigid ? "positiveLength" : "positiveMean", defaultValue);
            String neg = valueOr(dynamics, rigid ? "negativeLength" : "negativeMean", defaultValue);
            return pos.equals(neg) ? pos : pos + "/" + neg;
        }
        if (path.startsWith("phases/")) {
            if (dynamics == null) {
                return "";
            }
            if (!"temporallyLocal".equals(dynamics.getLocalName())) {
                return this == LENGTHS ? dynamics.getLocalName() : "";
            }
            return valueOr(dynamics, attribute, defaultValue);
        }
        Element e = spec.find(path);
        if (e == null) {
            return this == DEVICE ? defaultValue : "";
        }
        return attribute.isEmpty() ? e.getTextContent().trim() : valueOr(e, attribute, defaultValue);
    }

    private static Element phaseDynamics(SpecDocument spec) {
        Element phases = spec.find("phases");
        Element dynamics = phases == null ? null : firstElement(phases);
        if (dynamics == null) {
            throw new IllegalArgumentException("the base spec has no <phases> dynamics");
        }
        return dynamics;
    }

    private static Element firstElement(Element parent) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String valueOr(Element e, String attribute, String fallback) {
        return e.hasAttribute(attribute) ? e.getAttribute(attribute).trim() : fallback;
    }
}
