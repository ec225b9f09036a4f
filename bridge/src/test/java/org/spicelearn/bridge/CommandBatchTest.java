package org.spicelearn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spicelearn.netlist.SpiceNames;

class CommandBatchTest {
    @Test
    void batchesWriteAltersAsSpiceNamesDoes() {
        CommandBatch batch = new CommandBatch();
        batch.addAlter("alter r1=", 27129.28980184685).addAlter(SpiceNames.alterPrefix("V1", null), -0.5)
                .addAlter(SpiceNames.alterPrefix("g1", "gain"), 1e-4).add("op");
        assertEquals(List.of(SpiceNames.alterCommand("r1", 27129.28980184685), SpiceNames.alterCommand("v1", -0.5),
                "alter g1 gain=1.0e-4", "op"), batch.toList());
        assertThrows(IllegalArgumentException.class, () -> batch.addAlter("alter r1=", Double.NaN));
        assertEquals(4, batch.size(), "a failed alter leaves nothing behind");
        assertEquals("alter r1=27129.28980184685 ; alter v1=-0.5 ; alter g1 gain=1.0e-4 ; op", batch.toString());
    }
}
