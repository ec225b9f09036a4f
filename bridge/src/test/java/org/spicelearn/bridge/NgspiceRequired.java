package org.spicelearn.bridge;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The gate of every test tagged "ngspice": passes when libngspice can be found; otherwise fails when
 * the environment variable {@code CI} is {@code true} (a missing library must break the build there)
 * and skips elsewhere.
 */
final class NgspiceRequired {
    private NgspiceRequired() {
    }

    /** Fails (under CI=true) or skips the calling test when libngspice is missing. */
    static void check() {
        check(NgspiceLibraryLocator::locate, System.getenv("CI"));
    }

    /** The gate with its inputs given: {@code locate} finds the library or throws, {@code ci} is the CI variable. */
    static void check(Runnable locate, String ci) {
        try {
            locate.run();
        } catch (NgspiceNotFoundException e) {
            if ("true".equalsIgnoreCase(ci)) {
                fail("CI=true and " + e.getMessage());
            }
            Assumptions.abort(e.getMessage());
        }
    }
}
