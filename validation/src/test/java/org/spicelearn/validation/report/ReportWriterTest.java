package org.spicelearn.validation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spicelearn.validation.Bound;
import org.spicelearn.validation.Check;
import org.spicelearn.validation.Experiment;
import org.spicelearn.validation.Figure;
import org.spicelearn.validation.Plot;
import org.spicelearn.validation.SectionResult;
import org.spicelearn.validation.Table;
import org.spicelearn.validation.ValidationReport;

class ReportWriterTest {

    static ValidationReport sample() {
        SectionResult gradient = new SectionResult(Experiment.GRADIENT, "what <is> tested", "theory & more", "measured",
                List.of(new Check("slope", "a slope", 2.01, "", new Bound.Within(2, 0.3), List.of(Figure.of("seed", 1))),
                        new Check("nan", "never passes", Double.NaN, "V", new Bound.AtMost(1), List.of())),
                List.of(new Plot("err", "beta (S)", "error", true, true, List.of(Plot.Series.of("ep",
                        new double[] {1e-2, 1e-1, 0}, new double[] {1e-4, 1e-2, 1})))),
                List.of(new Table("t", List.of("a", "b"), List.of(List.of("1", "2")))), 1.5);
        return new ValidationReport(true, Instant.parse("2026-01-01T00:00:00Z"), 2.0, List.of(gradient));
    }

    @Test
    void theXmlFollowsTheSchemaAndReadsBack(@TempDir Path dir) throws Exception {
        ReportWriter.write(sample(), dir);
        Path xml = dir.resolve(ReportWriter.XML_FILE);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(ReportWriter.schema()).newValidator()
                .validate(new StreamSource(xml.toFile()));
        ValidationXml back = (ValidationXml) JAXBContext.newInstance(ValidationXml.class).createUnmarshaller()
                .unmarshal(xml.toFile());
        assertFalse(back.passed);
        assertEquals(2, back.checks);
        assertEquals(1, back.failed);
        ValidationXml.CheckXml slope = back.experiments.get(0).checks.get(0);
        assertEquals("slope", slope.name);
        assertTrue(slope.passed);
        assertEquals(2.01, slope.value, 0);
        assertEquals("within", slope.threshold.kind);
        assertEquals(2.0, slope.threshold.target, 0);
        assertEquals(0.3, slope.threshold.tolerance, 0);
        assertTrue(Double.isNaN(back.experiments.get(0).checks.get(1).value));
        assertFalse(back.experiments.get(0).checks.get(1).passed);
        assertEquals(List.of("1", "2"), back.experiments.get(0).tables.get(0).rows.get(0).cells);
        assertFalse(Files.exists(dir.resolve(ReportWriter.XML_FILE + ".tmp")));
    }

    @Test
    void theHtmlIsSelfContainedAndEscaped(@TempDir Path dir) throws Exception {
        ReportWriter.write(sample(), dir);
        String html = Files.readString(dir.resolve(ReportWriter.HTML_FILE));
        assertTrue(html.contains("what &lt;is&gt; tested"));
        assertTrue(html.contains("theory &amp; more"));
        assertTrue(html.contains("src=\"data:image/png;base64,iVBORw0KGgo"), "an embedded PNG");
        assertFalse(html.contains("src=\"http"), "no external resources");
        assertTrue(html.contains("1 of 2 checks passed"));
    }

    @Test
    void chartsArePngsOfTheConfiguredSize() throws Exception {
        byte[] png = ChartRenderer.png(sample().sections().get(0).plots().get(0));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertEquals(ChartRenderer.WIDTH_PIXELS, img.getWidth());
        assertEquals(ChartRenderer.HEIGHT_PIXELS, img.getHeight());
    }
}
