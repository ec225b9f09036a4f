package org.spicelearn.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spicelearn.bridge.NgspiceLibraryLocator;
import org.spicelearn.validation.report.ReportWriter;

/**
 * Runs the whole quick suite (every experiment, reduced) into a temporary directory and asserts
 * that every check passes and that both report files exist and are well formed.
 */
@Tag("ngspice")
class QuickSuiteTest {
    /** The library netlists, seen from the validation module directory where tests run. */
    static final Path LIBRARY = Path.of("..", "netlists", "library");

    @Test
    void everyCheckOfTheQuickSuitePasses(@TempDir Path out) throws Exception {
        if (!NgspiceLibraryLocator.available()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and libngspice is missing: the quick validation suite cannot run");
            }
            Assumptions.abort("libngspice is missing");
        }
        ValidationReport report = new ValidationSuite(new ValidationSettings(true, LIBRARY, 1), System.out::println)
                .run(List.of());
        ReportWriter.write(report, out);
        assertEquals(Experiment.values().length, report.sections().size());
        for (SectionResult s : report.sections()) {
            if (!s.passed()) {
                System.out.println(s.experiment() + " measured: " + s.measured());
            }
            for (Check c : s.checks()) {
                System.out.printf("%s/%s = %s (%s) %s%n", s.experiment(), c.name(), Format.number(c.value()),
                        c.bound().describe(), c.passed() ? "pass" : "FAIL");
            }
        }
        assertTrue(report.passed(), "failed checks: " + report.failures());
        assertTrue(report.sections().stream().allMatch(s -> s.checks().size() >= 3), "every experiment has checks");
        Path xml = out.resolve(ReportWriter.XML_FILE);
        Path html = out.resolve(ReportWriter.HTML_FILE);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(ReportWriter.schema()).newValidator()
                .validate(new StreamSource(xml.toFile()));
        String page = Files.readString(html);
        for (Experiment e : Experiment.values()) {
            assertTrue(page.contains("id=\"" + e.cliName() + "\""), "section " + e);
        }
        assertTrue(page.split("data:image/png;base64,", -1).length - 1 >= Experiment.values().length,
                "at least one embedded chart per experiment");
        assertTrue(report.seconds() < 300, "the quick suite must run in under 5 minutes, took " + report.seconds() + " s");
    }
}
