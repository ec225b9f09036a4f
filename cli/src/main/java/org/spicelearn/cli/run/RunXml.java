package org.spicelearn.cli.run;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import org.spicelearn.cli.spec.SpecXml;

/** JAXB data-transfer objects of the run directory's XML files: {@code result.xml} and checkpoints. */
public final class RunXml {
    private RunXml() {
    }

    /** {@code result.xml}: the spec echo, final metrics, timing. */
    @XmlRootElement(name = "result")
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(propOrder = {"status", "substrate", "epochsCompleted", "epochsPlanned", "samplesSeen", "wallSeconds",
        "samplesPerSecond", "finalTrain", "finalTest", "files", "spec"})
    public static final class Result {
        /** finished, stopped or failed. */
        public String status;
        /** ideal or ngspice. */
        public String substrate;
        /** Epochs completed. */
        public int epochsCompleted;
        /** Epochs the spec asked for. */
        public int epochsPlanned;
        /** Training samples presented. */
        public long samplesSeen;
        /** Wall time of the run, seconds. */
        public double wallSeconds;
        /** Training samples per second (evaluation excluded). */
        public double samplesPerSecond;
        /** Metrics on the training rows after the last epoch. */
        public Metrics finalTrain;
        /** Metrics on the held-out rows after the last epoch. */
        public Metrics finalTest;
        /** The other files of the run directory. */
        public Files files;
        /** The spec, as read. */
        @XmlElement(name = "spec") public SpecXml.Training spec;
    }

    /** Loss and accuracy of one data split. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static final class Metrics {
        /** Mean output cost, volts squared. */
        @XmlAttribute public double lossVolts2;
        /** Fraction correct (absent for regression). */
        @XmlAttribute public Double accuracy;
        /** Number of rows. */
        @XmlAttribute public int rows;
    }

    /** Names of the run directory's files. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static final class Files {
        /** Per-epoch metrics. */
        @XmlAttribute public String metrics;
        /** The trained netlist. */
        @XmlAttribute public String trainedNetlist;
        /** The last checkpoint. */
        @XmlAttribute public String lastCheckpoint;
    }

    /** A checkpoint: enough to continue a run exactly. */
    @XmlRootElement(name = "checkpoint")
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(propOrder = {"rngState", "conductance"})
    public static final class Checkpoint {
        /** Epochs completed. */
        @XmlAttribute public int epochsCompleted;
        /** Samples presented. */
        @XmlAttribute public long samplesSeen;
        /** Run-log entries so far. */
        @XmlAttribute public long stepsLogged;
        /** The four RNG state words. */
        @XmlElement(name = "rngState") public List<Long> rngState = new ArrayList<>();
        /** One entry per trainable, in circuit order. */
        @XmlElement(name = "conductance") public List<Conductance> conductance = new ArrayList<>();
    }

    /** One trainable conductance. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static final class Conductance {
        /** Resistor name. */
        @XmlAttribute public String name;
        /** Conductance, siemens (shortest exact decimal). */
        @XmlAttribute public double siemens;
    }
}
