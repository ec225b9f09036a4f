package org.spicelearn.cli.batch;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlList;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.jaxb.core.annotation.XmlLocation;
import org.xml.sax.Locator;

/** JAXB data-transfer objects of a sweep file ({@code spec/sweep.xsd}); mutable edge types read by {@link Sweep}. */
final class SweepXml {
    private SweepXml() {
    }

    /** The root element {@code <sweep>}. */
    @XmlRootElement(name = "sweep")
    @XmlAccessorType(XmlAccessType.FIELD)
    static final class Root {
        /** Base training spec, relative to the sweep file. */
        @XmlAttribute(required = true) String base;
        /** The swept parameters, outermost first. */
        @XmlElement(name = "param") List<Param> params = new ArrayList<>();
    }

    /** {@code <param name values>}. */
    @XmlAccessorType(XmlAccessType.FIELD)
    static final class Param {
        /** Parameter key, see {@link SweepParameter}. */
        @XmlAttribute(required = true) String name;
        /** The values. */
        @XmlAttribute(required = true) @XmlList List<String> values = new ArrayList<>();
        @XmlLocation @XmlTransient Locator locator;

        int line() {
            return locator == null ? 0 : locator.getLineNumber();
        }
    }
}
