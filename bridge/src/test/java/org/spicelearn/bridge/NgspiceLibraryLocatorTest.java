package org.spicelearn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library lookup order and its error (no native code involved). */
class NgspiceLibraryLocatorTest {
    @TempDir
    Path dir;

    private Path file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "not really a library");
    }

    @Test
    void thePropertyComesBeforeTheEnvironment() throws IOException {
        Path a = file("a.so");
        Path b = file("b.so");
        Properties p = new Properties();
        p.setProperty(NgspiceLibraryLocator.LIBRARY_PROPERTY, a.toString());
        assertEquals(a, NgspiceLibraryLocator.locate(p, Map.of(NgspiceLibraryLocator.LIBRARY_ENV, b.toString())));
        assertEquals(b, NgspiceLibraryLocator.locate(new Properties(), Map.of(NgspiceLibraryLocator.LIBRARY_ENV, b.toString())));
    }

    @Test
    void aMissingPropertyFileFallsBackToTheEnvironmentAndLdLibraryPath() throws IOException {
        Path lib = file("libngspice.so.0");
        Properties p = new Properties();
        p.setProperty(NgspiceLibraryLocator.LIBRARY_PROPERTY, dir.resolve("nope.so").toString());
        assertEquals(lib, NgspiceLibraryLocator.locate(p, Map.of("LD_LIBRARY_PATH", dir.toString())));
    }

    @Test
    void aMissingLibraryFailsUnderCiAndSkipsElsewhere() {
        Runnable missing = () -> {
            throw new NgspiceNotFoundException(List.of("nowhere"));
        };
        assertThrows(org.opentest4j.AssertionFailedError.class, () -> NgspiceRequired.check(missing, "true"));
        assertThrows(org.opentest4j.TestAbortedException.class, () -> NgspiceRequired.check(missing, null));
        assertThrows(org.opentest4j.TestAbortedException.class, () -> NgspiceRequired.check(missing, "false"));
        NgspiceRequired.check(() -> { }, "true");
    }

    @Test
    void aFailureListsEveryPlaceTried() {
        Properties p = new Properties();
        p.setProperty(NgspiceLibraryLocator.LIBRARY_PROPERTY, "/no/such/prop.so");
        NgspiceNotFoundException e = assertThrows(NgspiceNotFoundException.class, () -> NgspiceLibraryLocator.locate(p,
                Map.of(NgspiceLibraryLocator.LIBRARY_ENV, "/no/such/env.so", "LD_LIBRARY_PATH", "/no/such/dir"),
                List.of("/no/system/dir")));
        String all = String.join("\n", e.triedPlaces());
        assertTrue(all.contains("/no/such/prop.so"), all);
        assertTrue(all.contains("/no/such/env.so"), all);
        assertTrue(all.contains("/no/such/dir/libngspice.so.0"), all);
        assertTrue(all.contains("/no/such/dir/libngspice.so"), all);
        assertTrue(all.contains("/no/system/dir/libngspice.so.0"), all);
        assertEquals(NgspiceException.Kind.LIBRARY_NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains(NgspiceLibraryLocator.LIBRARY_PROPERTY), e.getMessage());
    }
}
