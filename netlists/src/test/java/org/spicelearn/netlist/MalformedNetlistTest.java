package org.spicelearn.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed netlists: each must fail with a problem naming the file, the line and what is wrong. */
class MalformedNetlistTest {
    private static final String OK = "v1 a 0 1\nr1 a 0 1k\n";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("bad value", "t\nv1 a 0 1\nr1 a 0 1k5\n", 3, "bad value '1k5'"),
                Arguments.of("value out of range", "t\nv1 a 0 1\nr1 a 0 1e999\n", 3, "value '1e999' is out of range"),
                Arguments.of("missing value", "t\nv1 a 0 1\nr1 a 0\n", 3, "element r1 has no value"),
                Arguments.of("zero resistance", "t\nv1 a 0 1\nr1 a 0 0\n", 3, "element r1 needs a positive resistance, got 0.0"),
                Arguments.of("too few nodes", "t\nv1 a 0 1\nr1 a\n", 3, "element r1 needs 2 nodes"),
                Arguments.of("unknown element letter", "t\n" + OK + "#1 a 0 1\n", 4, "unknown element letter '#' in '#1'"),
                Arguments.of("stray comma", "t\n" + OK + ",\n", 4, "unknown element letter ',' in ','"),
                Arguments.of("unsupported element", "t\n" + OK + "l1 a 0 1m\n", 4,
                        "element l1: inductor (letter 'l') is not supported by spicelearn"),
                Arguments.of("undefined model", "t\n" + OK + "d1 a 0 dnone\n", 4, "undefined model 'dnone' for diode d1"),
                Arguments.of("model of wrong type", "t\n" + OK + "d1 a 0 q1\n.model q1 npn(bf=100)\n", 4,
                        "model q1 of diode d1 is of type npn, not D"),
                Arguments.of("duplicate element", "t\n" + OK + "R1 a 0 2k\n", 4, "duplicate element name r1 (first at bad.cir:3)"),
                Arguments.of("duplicate model", "t\n" + OK + ".model d D(is=1e-14)\n.model D d(is=1e-15)\n", 5,
                        "duplicate model d (first defined at bad.cir:4)"),
                Arguments.of("missing .ends", "t\n" + OK + ".subckt s a b\nr9 a b 1k\n", 4, "missing .ends for .subckt s a b"),
                Arguments.of(".ends without .subckt", "t\n" + OK + ".ends\n", 4, ".ends without .subckt"),
                Arguments.of("undefined subcircuit", "t\n" + OK + "x1 a 0 nosuch\n", 4, "undefined subcircuit 'nosuch' for instance x1"),
                Arguments.of("port count", "t\n" + OK + ".subckt s p q\nr9 p q 1k\n.ends\nx1 a s\n", 7,
                        "instance x1 connects 1 nodes but subcircuit s has 2 ports"),
                Arguments.of("recursive subcircuit", "t\n" + OK + ".subckt s p\nx9 p s\nr9 p 0 1\n.ends\nx1 a s\n", 5,
                        "recursive subcircuit s (instantiated inside itself)"),
                Arguments.of("undefined parameter", "t\nv1 a 0 1\nr1 a 0 {rx*2}\n", 3, "undefined parameter 'rx'"),
                Arguments.of("bare parameter", "t\n.param rx=1k\nv1 a 0 1\nr1 a 0 rx\n", 4, "bad value 'rx' (write {rx} to use the parameter)"),
                Arguments.of("forward parameter", "t\n.param a={b} b=1\n" + OK, 2, "parameter a: undefined parameter 'b'"),
                Arguments.of("floating node", "t\n" + OK + "r2 b c 1k\n", 4, "node b has no DC path to ground"),
                Arguments.of("continuation without line", "t\n+ r1 a 0 1k\n" + OK, 2, "continuation line '+' with no line to continue"),
                Arguments.of("control block", "t\n" + OK + ".control\nop\n.endc\n", 4,
                        "refused: .control block (a netlist is data; allow control blocks explicitly, e.g. --allow-control, to keep it as text)"),
                Arguments.of("shell", "t\n" + OK + "shell ls\n", 4, "refused: 'shell' would make ngspice run commands"),
                Arguments.of("ng_script", "*ng_script\n" + OK, 1,
                        "refused: the file is an ngspice script (*ng_script), not a netlist; a netlist is data"),
                Arguments.of("unterminated control", "t\n" + OK + ".control\nop\n", 4, ".control without .endc"),
                Arguments.of("reserved name", "t\n" + OK + "v__sl_clamp0 a 0 1\n", 4,
                        "name 'v__sl_clamp0' contains '__sl_', which is reserved for spicelearn's auxiliary elements"),
                Arguments.of("invalid node name", "t\n" + OK + "r2 a Net-(R1-Pad2) 1k\n", 4,
                        "invalid node name 'net-(r1-pad2)' (not allowed: white space, = ( ) , { } ' \" ; $ @ * ? \\ ` and a leading + or -)"),
                Arguments.of("invalid element name", "t\n" + OK + "r<2> a 0 1k\n", 4,
                        "invalid name 'r<2>' (allowed: letters, digits and _ . : / - + & % | #)"),
                Arguments.of("nonlinear E", "t\n" + OK + "e1 b 0 value={v(a)*2}\nr2 b 0 1k\n", 4,
                        "element e1: only the linear form 'eNAME OUT+ OUT- CTRL+ CTRL- GAIN' is supported ('value' is not; use a B source)"),
                Arguments.of("B without expression", "t\n" + OK + "b1 b 0 v(a)\n", 4, "behavioural source b1 needs V=expression or I=expression"),
                Arguments.of("external source", "t\n" + OK + "v2 b 0 external\n", 4,
                        "source v2: 'external' sources are set by spicelearn's bridge, not by netlists"),
                Arguments.of("bad PWL", "t\n" + OK + "v2 b 0 pwl(0 0 1)\n", 4, "source v2: PWL takes time-value pairs, got 3 values"),
                Arguments.of("unclosed waveform", "t\n" + OK + "v2 b 0 pulse(0 1\n", 4, "missing ')' after waveform arguments"),
                Arguments.of("diode area", "t\n" + OK + "d1 a 0 dm 2\n.model dm D\n", 4, "diode d1: area factor 2 is not supported"),
                Arguments.of("multiplier", "t\n" + OK + "r2 a 0 1k m=2\n", 4, "element r2: multiplier m=2 is not supported"),
                Arguments.of("no elements", "just a title\n.end\n", 1, "the netlist has no elements"),
                Arguments.of("include without directory", "t\n" + OK + ".include other.cir\n", 4,
                        "cannot include 'other.cir': the netlist was read without a directory"),
                Arguments.of("unknown role", "t\n*@spicelearn learnable r1\n" + OK, 2,
                        "unknown *@spicelearn keyword 'learnable' (expected trainable, input, output, task, ideal-diode or nodes)"),
                Arguments.of("trainable without bounds", "t\n*@spicelearn trainable r1 gmin=1u\n" + OK, 2, "missing gmax=..."),
                Arguments.of("trainable matches nothing", "t\n*@spicelearn trainable rz* gmin=1u gmax=1\n" + OK, 2,
                        "trainable pattern 'rz*' matches no resistor"),
                Arguments.of("value outside bounds", "t\n*@spicelearn trainable r1 gmin=1u gmax=1m\nv1 a 0 1\nr1 a 0 10\n", 4,
                        "r1 conductance 0.1 S lies outside its bounds [1.0E-6, 0.001] S"),
                Arguments.of("output undefined node", "t\n*@spicelearn output nowhere class=a\n" + OK, 2, "output names undefined node 'nowhere'"),
                Arguments.of("input not a source", "t\n*@spicelearn input r1 column=x\n" + OK, 2, "input names 'r1', which is not a voltage source"),
                Arguments.of("ideal diode without model", "t\n*@spicelearn ideal-diode dq threshold=0.1\n" + OK, 2,
                        "ideal-diode names 'dq', which is not a .model of type D"),
                Arguments.of("bad node in node order", "t\n*@spicelearn nodes a b(c\n" + OK, 2,
                        "invalid node name 'b(c' (not allowed: white space, = ( ) , { } ' \" ; $ @ * ? \\ ` and a leading + or -)"),
                Arguments.of("subckt unknown parameter", "t\n" + OK + ".subckt s p params: r=1\nr9 p 0 {r}\n.ends\nx1 a s q=2\n", 7,
                        "subcircuit s has no parameter q"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void eachProblemNamesFileLineAndMessage(String what, String text, int line, String message) {
        NetlistException e = assertThrows(NetlistException.class,
                () -> NetlistParser.parse(text, "bad.cir", null, ParseOptions.DEFAULT));
        NetlistProblem expected = new NetlistProblem("bad.cir", line, message);
        assertTrue(e.problems().contains(expected), () -> "expected " + expected + " among " + e.problems());
        assertTrue(e.getMessage().contains(expected.toString()), e.getMessage());
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        String text = "t\nv1 a 0 1\nr1 a 0 1k5\nr2 a 0 {nope}\nq1 a 0 0 npn\nr1 a 0 1k\n.ends\n*@spicelearn output zz class=a\n";
        NetlistException e = assertThrows(NetlistException.class, () -> NetlistParser.parse(text, "m.cir", null, ParseOptions.DEFAULT));
        assertEquals(List.of(
                "m.cir:3: bad value '1k5'",
                "m.cir:4: undefined parameter 'nope'",
                "m.cir:5: element q1: bipolar transistor (letter 'q') is not supported by spicelearn",
                "m.cir:6: duplicate element name r1 (first at m.cir:3)",
                "m.cir:7: .ends without .subckt",
                "m.cir:8: output names undefined node 'zz'"), e.problems().stream().map(NetlistProblem::toString).toList());
    }

    @Test
    void recursiveIncludesAreCaught(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("top.cir"), "top\nv1 a 0 1\n.include a.inc\n");
        Files.writeString(dir.resolve("a.inc"), "r1 a 0 1k\n.include b.inc\n");
        Files.writeString(dir.resolve("b.inc"), "r2 a 0 1k\n.include a.inc\n");
        NetlistException e = assertThrows(NetlistException.class, () -> NetlistParser.parse(dir.resolve("top.cir")));
        Path b = dir.resolve("b.inc").toRealPath();
        assertEquals(List.of(new NetlistProblem(b.toString(), 2, "recursive include of " + b.getParent().resolve("a.inc"))),
                e.problems());
    }

    @Test
    void missingIncludesAndSectionsAreLocated(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lib.lib"), ".lib typ\n.model d D\n.endl\n");
        Files.writeString(dir.resolve("top.cir"), "top\nv1 a 0 1\nr1 a 0 1\n.include gone.inc\n.lib lib.lib fast\n");
        NetlistException e = assertThrows(NetlistException.class, () -> NetlistParser.parse(dir.resolve("top.cir")));
        String top = dir.resolve("top.cir").toString();
        assertEquals(List.of(
                new NetlistProblem(top, 4, "included file " + dir.resolve("gone.inc") + " does not exist"),
                new NetlistProblem(dir.resolve("lib.lib").toRealPath().toString(), 0, "no section 'fast' (.lib fast) in this file")),
                e.problems());
    }
}
