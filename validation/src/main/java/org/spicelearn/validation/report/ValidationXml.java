package org.spicelearn.validation.report;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The root of {@code validation.xml}: one {@code experiment} element per experiment run. DTO only;
 * built from a {@link org.spicelearn.validation.ValidationReport} by {@link ReportWriter}.
 */
@XmlRootElement(name = "validation")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "validation", propOrder = {"experiments"})
public final class ValidationXml {
    /** The XML namespace of the schema (version 1). */
    public static final String NAMESPACE = "urn:spicelearn:validation:1";

    /** Whether the reduced suite ran. */
    @XmlAttribute(required = true)
    public boolean quick;
    /** Start time, ISO-8601 UTC. */
    @XmlAttribute(required = true)
    public String started;
    /** Wall time of the whole run, seconds. */
    @XmlAttribute(required = true)
    public double seconds;
    /** Whether every check passed. */
    @XmlAttribute(required = true)
    public boolean passed;
    /** Number of checks. */
    @XmlAttribute(required = true)
    public int checks;
    /** Number of failed checks. */
    @XmlAttribute(required = true)
    public int failed;
    /** The experiments, in run order. */
    @XmlElement(name = "experiment")
    public List<ExperimentXml> experiments = new ArrayList<>();

    /** One experiment's section. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "experiment", propOrder = {"tested", "theory", "measured", "checks", "tables"})
    public static final class ExperimentXml {
        /** Command-line name, e.g. {@code gradient}. */
        @XmlAttribute(required = true)
        public String name;
        /** Section title. */
        @XmlAttribute(required = true)
        public String title;
        /** Wall time, seconds. */
        @XmlAttribute(required = true)
        public double seconds;
        /** Whether every check passed. */
        @XmlAttribute(required = true)
        public boolean passed;
        /** What is tested. */
        @XmlElement(required = true)
        public String tested;
        /** What theory predicts. */
        @XmlElement(required = true)
        public String theory;
        /** What was measured. */
        @XmlElement(required = true)
        public String measured;
        /** The checks. */
        @XmlElement(name = "check")
        public List<CheckXml> checks = new ArrayList<>();
        /** The tables. */
        @XmlElement(name = "table")
        public List<TableXml> tables = new ArrayList<>();
    }

    /** One check. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "check", propOrder = {"description", "threshold", "figures"})
    public static final class CheckXml {
        /** Identifier, unique within the experiment. */
        @XmlAttribute(required = true)
        public String name;
        /** Whether the value lies within the threshold. */
        @XmlAttribute(required = true)
        public boolean passed;
        /** The measured value. */
        @XmlAttribute(required = true)
        public double value;
        /** Unit of the value (empty when dimensionless). */
        @XmlAttribute(required = true)
        public String unit;
        /** What is compared. */
        @XmlElement(required = true)
        public String description;
        /** The acceptance region. */
        @XmlElement(required = true)
        public ThresholdXml threshold;
        /** Further numbers. */
        @XmlElement(name = "figure")
        public List<FigureXml> figures = new ArrayList<>();
    }

    /** The acceptance region: {@code at-most limit}, {@code at-least limit} or {@code within target +/- tolerance}. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "threshold")
    public static final class ThresholdXml {
        /** {@code at-most}, {@code at-least} or {@code within}. */
        @XmlAttribute(required = true)
        public String kind;
        /** Limit of at-most / at-least. */
        @XmlAttribute
        public Double limit;
        /** Target of within. */
        @XmlAttribute
        public Double target;
        /** Tolerance of within. */
        @XmlAttribute
        public Double tolerance;
        /** The region in words. */
        @XmlAttribute(required = true)
        public String text;
    }

    /** A named number. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "figure")
    public static final class FigureXml {
        /** What it is. */
        @XmlAttribute(required = true)
        public String name;
        /** The number. */
        @XmlAttribute(required = true)
        public double value;
        /** Its unit (empty when dimensionless). */
        @XmlAttribute(required = true)
        public String unit;
    }

    /** A table. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "table", propOrder = {"header", "rows"})
    public static final class TableXml {
        /** What it shows. */
        @XmlAttribute(required = true)
        public String caption;
        /** Column titles. */
        @XmlElement(required = true)
        public RowXml header;
        /** Rows. */
        @XmlElement(name = "row")
        public List<RowXml> rows = new ArrayList<>();
    }

    /** A table row. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "row")
    public static final class RowXml {
        /** Cells. */
        @XmlElement(name = "cell")
        public List<String> cells = new ArrayList<>();
    }
}
