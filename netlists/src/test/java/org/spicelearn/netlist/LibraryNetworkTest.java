package org.spicelearn.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.VoltageSource;

/** The shipped library: up to date with its generator, self-contained, and stable under the round trip. */
class LibraryNetworkTest {
    /** The library directory (tests run in the module directory). */
    static final Path LIBRARY = Path.of("library");

    static Stream<LibraryNetwork> shipped() {
        return Arrays.stream(LibraryNetwork.values()).filter(LibraryNetwork::shipped);
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void theShippedFileIsWhatTheGeneratorWrites(LibraryNetwork network) throws Exception {
        String file = Files.readString(LIBRARY.resolve(network.fileName()));
        assertEquals(network.generate().netlist(), file, "regenerate with LibraryNetwork (see netlists/library/README.md)");
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyLibraryNetlistRoundTrips(LibraryNetwork network) throws Exception {
        ParsedNetlist p = NetlistParser.parse(LIBRARY.resolve(network.fileName()));
        LibraryNetwork.Generated g = network.generate();
        assertEquals(g.circuit(), p.circuit());
        assertEquals(g.roles(), p.roles().withoutTrainables());
        assertEquals(List.of(), p.warnings());
        String again = NetlistWriter.write(p.circuit(), p.roles());
        assertEquals(Files.readString(LIBRARY.resolve(network.fileName())), again);
        assertEquals(p.circuit(), NetlistParser.parse(again).circuit());
        // every input names a voltage source, every output an existing node, and everything trains
        for (NetworkRoles.Input in : p.roles().inputs()) {
            assertTrue(p.circuit().element(in.source()) instanceof VoltageSource, in.source());
        }
        p.roles().outputs().forEach(o -> assertTrue(p.circuit().hasNode(o.node()), o.node()));
        assertTrue(p.circuit().trainables().size() > 0);
    }

    @Test
    void theReadmeTableIsUpToDate() throws Exception {
        StringBuilder table = new StringBuilder();
        for (LibraryNetwork l : LibraryNetwork.values()) {
            table.append(l.readmeRow(l.generate().circuit())).append('\n');
        }
        assertEquals(LibraryNetwork.readme(table.toString()), Files.readString(LIBRARY.resolve("README.md")));
    }

    @Test
    void kendallsNetworkIsGeneratedOnDemandAndRoundTrips() throws Exception {
        LibraryNetwork.Generated g = LibraryNetwork.KENDALL.generate();
        Circuit c = g.circuit();
        assertEquals(1568 * 100 + 100 * 10 + 2 * 100 + 2 * 10, c.trainables().size());
        assertEquals(784 * 2, g.roles().inputs().size());
        ParsedNetlist p = NetlistParser.parse(g.netlist());
        assertEquals(c, p.circuit());
        assertEquals(g.roles(), p.roles().withoutTrainables());
    }

    @Test
    void namesResolve() {
        assertEquals(LibraryNetwork.IRIS, LibraryNetwork.byName("iris-4-10-3.cir"));
        assertEquals(LibraryNetwork.KENDALL, LibraryNetwork.byName("KENDALL"));
    }
}
