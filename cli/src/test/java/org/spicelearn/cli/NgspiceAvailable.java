package org.spicelearn.cli;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.spicelearn.bridge.NgspiceLibraryLocator;

/** Tests tagged "ngspice" call {@link #require()}: a missing libngspice fails under CI=true, skips otherwise. */
final class NgspiceAvailable {
    private NgspiceAvailable() {
    }

    static void require() {
        if (!NgspiceLibraryLocator.available()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("libngspice is required under CI=true but was not found");
            }
            Assumptions.abort("libngspice is missing");
        }
    }
}
