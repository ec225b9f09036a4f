package org.spicelearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
    /** The repository's netlists module, seen from the cli module directory where tests run. */
    static final Path NETLISTS = Path.of("..", "netlists");

    /** Runs the CLI; returns exit code, standard output and standard error. */
    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void aValidNetlistGetsItsSummaryAndExitZero() {
        Path xor = NETLISTS.resolve("library/xor.cir");
        String[] r = run("check", xor.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals(xor + ": valid\n"
                + "title: xor: layered [4, 4, 1] seed 1 (spicelearn library)\n"
                + "nodes: 16 (ground included)\n"
                + "elements: 48 (8 diode, 30 resistor, 10 voltage source)\n"
                + "trainables: 30 (30 in [1.0E-7, 0.001] S)\n"
                + "inputs: 4 (vin0p<-x1 vin0n<-x1 vin1p<-x2 vin1n<-x2)\n"
                + "outputs: 1 (out0:column=y)\n"
                + "task: regression (xor)\n"
                + "warnings: 0\n", r[1].replace(System.lineSeparator(), "\n"));
    }

    @Test
    void everyProblemIsListedWithExitTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.cir");
        Files.writeString(bad, "t\nv1 a 0 1\nr1 a 0 1k5\nq1 a 0 0 x\n.control\nshell rm -rf /\n.endc\n");
        String[] r = run("check", bad.toString());
        assertEquals("2", r[0]);
        assertEquals("", r[1]);
        assertEquals(bad + ":3: bad value '1k5'\n"
                + bad + ":4: element q1: bipolar transistor (letter 'q') is not supported by spicelearn\n"
                + bad + ":5: refused: .control block (a netlist is data; allow control blocks explicitly, e.g. --allow-control, to keep it as text)\n"
                + bad + ": 3 problems\n", r[2].replace(System.lineSeparator(), "\n"));
    }

    @Test
    void controlBlocksAndOutsideIncludesNeedTheirFlags(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("p"));
        Files.writeString(dir.resolve("shared.inc"), "r2 a 0 2k\n");
        Path top = dir.resolve("p/top.cir");
        Files.writeString(top, "t\nv1 a 0 1\nr1 a 0 1k ; fine\n.include ../shared.inc\n.control\nop\n.endc\n");
        String[] refused = run("check", top.toString());
        assertEquals("2", refused[0]);
        assertTrue(refused[2].contains(top + ":4: refused: included file"), refused[2]);
        assertTrue(refused[2].contains(top + ":5: refused: .control block"), refused[2]);
        String[] allowed = run("check", "--allow-control", "--allow-outside-includes", top.toString());
        assertEquals("0", allowed[0], allowed[2]);
        assertTrue(allowed[1].contains("elements: 3 (2 resistor, 1 voltage source)"), allowed[1]);
        assertTrue(allowed[1].contains("control block: 1 lines kept as text, not run"), allowed[1]);
    }

    @Test
    void warningsAreListedButTheNetlistIsValid(@TempDir Path dir) throws Exception {
        Path w = dir.resolve("w.cir");
        Files.writeString(w, "w\nv1 a 0 1\nr1 a 0 1k tc1=1m\n*@spicelearn trainable r1 gmin=1u gmax=1\n*@spicelearn output a class=on\n");
        String[] r = run("check", w.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("trainables: 1 (1 in [1.0E-6, 1.0] S)\n"), r[1]);
        assertTrue(r[1].contains("outputs: 1 (a:class=on)\n"), r[1]);
        assertTrue(r[1].endsWith("warnings: 1\n  " + w + ":3: parameter tc1 of r1 is ignored by spicelearn\n"), r[1]);
    }

    @Test
    void aMissingFileIsBadInput() {
        String[] r = run("check", "no/such/file.cir");
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("no/such/file.cir:0: cannot read the netlist"), r[2]);
    }
}
