package org.spicelearn.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spicelearn.cli.BadInputException;

/** TARGET resolution: a directory, a glob, a sweep, mixed files, id clashes. */
class BatchTargetTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryMixesSpecsAndSweepsWithPrefixedIds() throws IOException {
        Files.writeString(dir.resolve("base.xml"), SweepTest.BASE);
        Files.writeString(dir.resolve("alt.xml"), SweepTest.BASE.replace("<seed>7</seed>", "<seed>8</seed>"));
        Files.writeString(dir.resolve("grid.xml"), "<sweep base=\"base.xml\"><param name=\"p\" values=\"0.2 0.4\"/></sweep>");
        Files.writeString(dir.resolve("notes.txt"), "not a spec");
        List<PlannedRun> runs = BatchTarget.plan(dir.toString());
        assertEquals(List.of("alt", "base", "grid_p-0.2", "grid_p-0.4"), runs.stream().map(PlannedRun::id).toList());
        assertEquals("8", runs.get(0).parameters().get("seed"));
        assertEquals(new PlannedRun.SpecFile(dir.resolve("alt.xml")), runs.get(0).spec());
    }

    @Test
    void aGlobMatchesAcrossDirectories() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("a/x.xml"), SweepTest.BASE);
        Files.writeString(dir.resolve("b/y.xml"), SweepTest.BASE);
        Files.writeString(dir.resolve("b/z.txt"), SweepTest.BASE);
        assertEquals(List.of("x", "y"), BatchTarget.plan(dir + "/*/*.xml").stream().map(PlannedRun::id).toList());
        assertEquals(List.of("y"), BatchTarget.plan(dir + "/**/y.xml").stream().map(PlannedRun::id).toList());
        Files.createDirectories(dir.resolve("b/out/y2"));
        Files.writeString(dir.resolve("b/out").resolve(BatchRunner.LOCK), "");
        Files.writeString(dir.resolve("b/out/y2/batch-spec.xml"), SweepTest.BASE);
        assertEquals(List.of("x", "y"), BatchTarget.plan(dir + "/**.xml").stream().map(PlannedRun::id).toList(),
                "a batch output directory is skipped");
    }

    @Test
    void clashingIdsAndEmptyTargetsAreBadInput() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("a/x.xml"), SweepTest.BASE);
        Files.writeString(dir.resolve("b/x.xml"), SweepTest.BASE);
        BadInputException clash = assertThrows(BadInputException.class, () -> BatchTarget.plan(dir + "/*/x.xml"));
        assertEquals("batch: two runs have the id x (" + dir.resolve("a/x.xml") + " and " + dir.resolve("b/x.xml") + ")",
                clash.getMessage());
        BadInputException none = assertThrows(BadInputException.class, () -> BatchTarget.plan(dir + "/*.json"));
        assertTrue(none.getMessage().endsWith("matches no spec or sweep file"), none.getMessage());
        BadInputException missing = assertThrows(BadInputException.class, () -> BatchTarget.plan(dir + "/nope.xml"));
        assertEquals("batch: " + dir + "/nope.xml does not exist", missing.getMessage());
    }

    @Test
    void aMalformedFileIsBadInputAloneAndAFailedRunAmongOthers() throws IOException {
        Files.writeString(dir.resolve("broken.xml"), "<training>\n<netlist>");
        BadInputException alone = assertThrows(BadInputException.class, () -> BatchTarget.plan(dir.resolve("broken.xml").toString()));
        assertTrue(alone.getMessage().startsWith(dir.resolve("broken.xml") + ": line 2: "), alone.getMessage());
        Files.writeString(dir.resolve("good.xml"), SweepTest.BASE);
        List<PlannedRun> runs = BatchTarget.plan(dir.toString());
        assertEquals(List.of("broken", "good"), runs.stream().map(PlannedRun::id).toList());
        assertEquals(List.of(), List.copyOf(runs.get(0).parameters().keySet()));
        assertEquals(new PlannedRun.SpecFile(dir.resolve("broken.xml")), runs.get(0).spec());
    }
}
