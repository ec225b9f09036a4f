package org.spicelearn.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spicelearn.circuit.BehaviouralSource;
import org.spicelearn.circuit.Capacitor;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.CurrentSource;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.Vccs;
import org.spicelearn.circuit.Vcvs;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.Waveform;

class NetlistParserTest {
    static Path resource(String name) {
        try {
            return Path.of(NetlistParserTest.class.getResource("/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDialectTourReadsEveryConstruct() throws NetlistException {
        ParsedNetlist p = NetlistParser.parse(resource("golden/dialect.cir"));
        Circuit c = p.circuit();
        assertEquals("Dialect Tour: every construct spicelearn reads", c.title());
        VoltageSource vin = (VoltageSource) c.element("vin");
        assertEquals(1.5, vin.dcVolts());
        assertEquals(c.nodeIndex("in"), vin.plus());
        Resistor r1 = (Resistor) c.element("r1");
        assertEquals(2000.0, r1.ohms());
        assertEquals(new ConductanceBounds(1e-6, 1e-2), r1.bounds());
        assertEquals(4700.0, ((Resistor) c.element("rload")).ohms());
        assertTrue(((Resistor) c.element("rl2")).trainable());
        // subcircuit instances, flattened with ngspice's names, parameter defaults and overrides
        assertEquals(1500.0, ((Resistor) c.element("r.xa.r1")).ohms());
        assertEquals(1000.0, ((Resistor) c.element("r.xb.r1")).ohms());
        Resistor xa2 = (Resistor) c.element("r.xa.r2");
        assertEquals(c.nodeIndex("xa.m"), xa2.a());
        assertEquals(c.nodeIndex("out"), xa2.b());
        assertEquals(Circuit.GROUND, ((Resistor) c.element("r.xb.r2")).b(), "gnd is ground");
        assertEquals(1e-12, ((Capacitor) c.element("c.xb.cm")).farads());
        assertEquals(1e-6, ((Capacitor) c.element("c1")).farads());
        assertEquals(2.0, ((Vcvs) c.element("eamp")).gain());
        assertEquals(1e-3, ((Vccs) c.element("gsense")).transconductanceSiemens());
        assertEquals(new DiodeModel.Shockley("dmod", 2e-14, 1.5), ((Diode) c.element("d1")).model());
        assertEquals(new Waveform.Pulse(0, 1, 1e-9, 1e-9, 1e-9, 5e-9, 10e-9), ((VoltageSource) c.element("vp")).waveform());
        assertEquals(0.0, ((VoltageSource) c.element("vp")).dcVolts(), "DC value of a pulse is its initial value");
        CurrentSource ipwl = (CurrentSource) c.element("ipwl");
        assertEquals(new Waveform.Pwl(new double[] {0, 1e-6, 2e-6}, new double[] {0, 1e-3, 0}), ipwl.waveform());
        assertEquals(new Waveform.Sin(0.5, 0.1, 1000, 0, 0), ((VoltageSource) c.element("vs")).waveform());
        assertEquals(0.5, ((VoltageSource) c.element("vs")).dcVolts());
        assertEquals("i=v(mid) * 1m", ((BehaviouralSource) c.element("bq")).expression());
        assertEquals(List.of(".options reltol=1e-6", ".temp 27", ".tran 1n 100n"), p.directives());
        // roles
        NetworkRoles roles = p.roles();
        assertEquals(List.of(new NetworkRoles.Input("vin", "x", 0.5, 0.1)), roles.inputs());
        assertEquals(List.of(new NetworkRoles.Output("out", NetworkRoles.OutputKind.CLASS, "High")), roles.outputs());
        assertEquals(new NetworkRoles.Task(NetworkRoles.TaskKind.CLASSIFICATION, "toy"), roles.task());
        assertEquals(3, c.trainables().size());
        // warnings: RS ignored, omitted SIN values
        List<String> warnings = p.warnings().stream().map(NetlistProblem::toString).toList();
        assertTrue(warnings.stream().anyMatch(w -> w.endsWith("dialect.cir:33: diode model parameter rs of dmod is ignored by spicelearn (ngspice uses it)")), warnings.toString());
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(List.of(), p.controlText());
    }

    @Test
    void theWriterOutputOfTheTourMatchesItsGoldenFile() throws Exception {
        ParsedNetlist p = NetlistParser.parse(resource("golden/dialect.cir"));
        String written = NetlistWriter.write(p.circuit(), p.roles());
        assertEquals(Files.readString(resource("golden/dialect.written.cir")), written);
        ParsedNetlist again = NetlistParser.parse(written);
        assertEquals(p.circuit(), again.circuit());
        assertEquals(p.roles().withoutTrainables(), again.roles().withoutTrainables());
    }

    @Test
    void includesAndLibrarySectionsResolveRelativeToTheIncludingFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.writeString(dir.resolve("top.cir"), "top\n.include sub/parts.inc\n.lib 'sub/models.lib' fast\nv1 a 0 1\nxd a 0 half\nd1 a 0 dfast\n.end\n");
        Files.writeString(dir.resolve("sub/parts.inc"), ".include deeper/r.inc\n.subckt half p q\nr1 p m 1k\nr2 m q 1k\n.ends\n");
        Files.writeString(dir.resolve("sub/deeper/r.inc"), "r9 a 0 9k\n.end\nr10 a 0 1\n"); // .end ends only this file
        Files.writeString(dir.resolve("sub/models.lib"), ".lib slow\n.model dfast D(IS=1e-9)\n.endl\n.lib fast\n.model dfast D(IS=1e-12 N=2)\n.endl fast\n");
        Circuit c = NetlistParser.parse(dir.resolve("top.cir")).circuit();
        assertEquals(9000.0, ((Resistor) c.element("r9")).ohms());
        assertTrue(!c.hasElement("r10"), "lines after an included .end are not read");
        assertTrue(c.hasElement("d1"), "the including file goes on after the included .end");
        assertTrue(c.hasNode("xd.m"));
        assertEquals(new DiodeModel.Shockley("dfast", 1e-12, 2), ((Diode) c.element("d1")).model());
    }

    @Test
    void includesOutsideTheTreeNeedPermission(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("proj"));
        Files.writeString(dir.resolve("outside.inc"), "r2 a 0 1k\n");
        Path top = dir.resolve("proj/top.cir");
        Files.writeString(top, "t\nv1 a 0 1\n.include ../outside.inc\n");
        NetlistException e = assertThrows(NetlistException.class, () -> NetlistParser.parse(top));
        NetlistProblem only = e.problems().get(0);
        assertEquals(top.toString(), only.file());
        assertEquals(3, only.line());
        assertTrue(only.message().startsWith("refused: included file"), only.message());
        Circuit c = NetlistParser.parse(top, ParseOptions.DEFAULT.withAllowOutsideIncludes(true)).circuit();
        assertEquals(1000.0, ((Resistor) c.element("r2")).ohms());
    }

    @Test
    void aSymbolicLinkCannotSmuggleAnIncludeOutOfTheTree(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("proj"));
        Files.writeString(dir.resolve("secret.inc"), "r2 a 0 1k\n");
        Files.createSymbolicLink(dir.resolve("proj/link.inc"), dir.resolve("secret.inc"));
        Path top = dir.resolve("proj/top.cir");
        Files.writeString(top, "t\nv1 a 0 1\n.include link.inc\n");
        NetlistException e = assertThrows(NetlistException.class, () -> NetlistParser.parse(top));
        assertEquals(3, e.problems().get(0).line());
        assertTrue(e.problems().get(0).message().startsWith("refused: included file"), e.getMessage());
    }

    @Test
    void controlBlocksAreKeptAsTextOnlyWhenAllowed() throws NetlistException {
        String text = "t\nv1 a 0 1\nr1 a 0 1k\n.control\nshell rm -rf /\nop\n.endc\n.end\n";
        NetlistException e = assertThrows(NetlistException.class, () -> NetlistParser.parse(text));
        assertEquals(List.of(new NetlistProblem("<string>", 4, "refused: .control block (a netlist is data;"
                + " allow control blocks explicitly, e.g. --allow-control, to keep it as text)")), e.problems());
        ParsedNetlist p = NetlistParser.parse(text, "x.cir", null, ParseOptions.DEFAULT.withAllowControl(true));
        assertEquals(List.of("shell rm -rf /", "op"), p.controlText());
        assertEquals(2, p.circuit().elements().size());
    }

    @Test
    void nestedSubcircuitsTakeNgspiceHierarchicalNames() throws NetlistException {
        Circuit c = NetlistParser.parse("nested\n.subckt inner a b\nr1 a m 1k\nr2 m b 1k\n.ends\n.subckt outer p q\n"
                + "xi p mid inner\nr3 mid q 1k\n.ends\nv1 in gnd 1\nx1 in 0 outer\n").circuit();
        assertEquals(List.of("0", "in", "x1.mid", "x1.xi.m"), c.nodeNames());
        assertEquals(List.of("v1", "r.x1.xi.r1", "r.x1.xi.r2", "r.x1.r3"), c.elements().stream().map(e -> e.name()).toList());
    }

    @Test
    void globalNodesAndBehaviouralReferencesAreMapped() throws NetlistException {
        Circuit c = NetlistParser.parse("g\n.global vdd\nvdd vdd 0 1\n.subckt s a\nr1 a vdd 1k\nb1 a 0 i=v(a,vdd)*1m+i(v2)\n"
                + "v2 a x 0\nr2 x 0 1k\n.ends\nx1 n s\nr0 n 0 1k\n").circuit();
        assertEquals(c.nodeIndex("vdd"), ((Resistor) c.element("r.x1.r1")).b());
        assertEquals("i=v(n,vdd)*1m+i(v.x1.v2)", ((BehaviouralSource) c.element("b.x1.b1")).expression());
    }

    @Test
    void nodeOrderAndIdealDiodesRoundTrip() throws NetlistException {
        Circuit.Builder b = Circuit.builder("order");
        int late = b.node("late");
        int early = b.node("early");
        b.add(VoltageSource.dc("v1", early, 0, 1));
        b.add(Resistor.fixed("r1", early, late, 100));
        b.add(new Diode("d1", late, 0, new DiodeModel.Ideal("dz", 0.25)));
        b.add(Resistor.trainable("r2", late, 0, 1e3, new ConductanceBounds(1e-4, 1e-2)));
        Circuit c = b.build();
        String text = NetlistWriter.write(c);
        assertTrue(text.contains("*@spicelearn nodes late early\n"), text);
        assertTrue(text.contains("*@spicelearn ideal-diode dz threshold=0.25\n"), text);
        assertEquals(c, NetlistParser.parse(text).circuit());
    }

    @Test
    void aMissingFileIsANetlistProblem(@TempDir Path dir) {
        NetlistException e = assertThrows(NetlistException.class, () -> NetlistParser.parse(dir.resolve("nope.cir")));
        assertEquals(0, e.problems().get(0).line());
        assertTrue(e.problems().get(0).message().startsWith("cannot read the netlist"));
    }

    @Test
    void warningsNameFileAndLine() throws NetlistException {
        ParsedNetlist p = NetlistParser.parse("w\nv1 a 0 ac 1\nr1 a 0 1k tc1=0.1\n.temp 50\n.foo bar\n"
                + ".model tiny D(IS=1e-30)\nd1 a 0 tiny\n");
        assertEquals(List.of(
                "<string>:2: AC specification of v1 is ignored by spicelearn",
                "<string>:2: source v1 has no value; 0 assumed (as ngspice does)",
                "<string>:3: parameter tc1 of r1 is ignored by spicelearn",
                "<string>:4: .temp 50: the ideal substrate computes at 27 degC",
                "<string>:5: unknown directive .foo kept as text and not interpreted",
                "<string>:6: diode model tiny: IS=1.0E-30 A is below what ngspice 39.3 resolves (it behaves as about 1e-28 A there)"),
                p.warnings().stream().map(NetlistProblem::toString).toList(), "sorted by line");
        assertInstanceOf(VoltageSource.class, p.circuit().element("v1"));
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
