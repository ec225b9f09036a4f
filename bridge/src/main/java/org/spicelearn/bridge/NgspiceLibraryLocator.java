package org.spicelearn.bridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Finds the libngspice shared-library file: the system property {@value #LIBRARY_PROPERTY}, then
 * the environment variable {@value #LIBRARY_ENV}, then the system names ({@code libngspice.so.0},
 * {@code libngspice.so}) in the usual library directories and {@code LD_LIBRARY_PATH}.
 */
public final class NgspiceLibraryLocator {
    /** The system property naming the library file. */
    public static final String LIBRARY_PROPERTY = "spicelearn.ngspice.library";
    /** The environment variable naming the library file. */
    public static final String LIBRARY_ENV = "SPICELEARN_NGSPICE_LIB";

    private static final List<String> SYSTEM_NAMES = List.of("libngspice.so.0", "libngspice.so");
    private static final List<String> SYSTEM_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
            "/usr/lib64", "/usr/lib", "/usr/local/lib");

    private NgspiceLibraryLocator() {
    }

    /** Finds the library with the JVM's system properties and environment. */
    public static Path locate() {
        return locate(System.getProperties(), System.getenv());
    }

    /** Whether a library can be found (for tests that need ngspice). */
    public static boolean available() {
        try {
            locate();
            return true;
        } catch (NgspiceNotFoundException e) {
            return false;
        }
    }

    /**
     * Finds the library from the given settings.
     *
     * @throws NgspiceNotFoundException listing every place tried, when none holds a readable file
     */
    static Path locate(Properties properties, Map<String, String> environment) {
        return locate(properties, environment, SYSTEM_DIRS);
    }

    /** Finds the library from the given settings, searching {@code systemDirs} for the system names. */
    static Path locate(Properties properties, Map<String, String> environment, List<String> systemDirs) {
        List<String> tried = new ArrayList<>();
        String property = properties.getProperty(LIBRARY_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path p = check(Path.of(property), "system property " + LIBRARY_PROPERTY, tried);
            if (p != null) {
                return p;
            }
        } else {
            tried.add("system property " + LIBRARY_PROPERTY + " (not set)");
        }
        String env = environment.get(LIBRARY_ENV);
        if (env != null && !env.isBlank()) {
            Path p = check(Path.of(env), "environment variable " + LIBRARY_ENV, tried);
            if (p != null) {
                return p;
            }
        } else {
            tried.add("environment variable " + LIBRARY_ENV + " (not set)");
        }
        Set<String> dirs = new LinkedHashSet<>();
        String ld = environment.get("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(d);
                }
            }
        }
        dirs.addAll(systemDirs);
        for (String dir : dirs) {
            for (String name : SYSTEM_NAMES) {
                Path p = check(Path.of(dir, name), "system name", tried);
                if (p != null) {
                    return p;
                }
            }
        }
        throw new NgspiceNotFoundException(tried);
    }

    private static Path check(Path path, String source, List<String> tried) {
        if (Files.isRegularFile(path) && Files.isReadable(path)) {
            return path.toAbsolutePath();
        }
        tried.add(source + " " + path + (Files.exists(path) ? " (not a readable file)" : " (no such file)"));
        return null;
    }
}
