package org.spicelearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final String LIBRARY = CheckCommandTest.NETLISTS.resolve("library").toString();

    @Test
    void anUnknownExperimentIsBadUsageListingTheValidNames() {
        String[] r = CheckCommandTest.run("validate", "gradients");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("unknown experiment 'gradients'") && r[2].contains("flexible-vs-rigid"), r[2]);
    }

    @Test
    void aMissingLibraryIsBadInput(@TempDir Path dir) {
        String[] r = CheckCommandTest.run("validate", "gradient", "--library", dir.resolve("none").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("is not a directory"), r[2]);
    }

    @Test
    void passingChecksExitZeroAndWriteBothFiles(@TempDir Path dir) {
        Path out = dir.resolve("report");
        String[] r = CheckCommandTest.run("validate", "gradient", "--quick", "--out", out.toString(), "--library", LIBRARY);
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("gradient: PASS"), r[1]);
        assertTrue(Files.isRegularFile(out.resolve("validation.xml")));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
    }

    @Test
    void aFailingCheckExitsOne(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-library"));
        String[] r = CheckCommandTest.run("validate", "solver-agreement", "--quick", "--out", dir.resolve("o").toString(),
                "--library", empty.toString());
        assertEquals("1", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("FAILED solver-agreement/"), r[1]);
    }
}
