package org.spicelearn.bridge;

import java.util.List;

/** Thrown when no libngspice file can be found; lists every place that was tried. */
public final class NgspiceNotFoundException extends NgspiceException {
    private static final long serialVersionUID = 1L;

    private final List<String> triedPlaces;

    /** Creates the exception from the places tried, each with the reason it failed. */
    public NgspiceNotFoundException(List<String> triedPlaces) {
        super(Kind.LIBRARY_NOT_FOUND, "", List.of("no libngspice found; tried: " + String.join("; ", triedPlaces)
                + " (set -D" + NgspiceLibraryLocator.LIBRARY_PROPERTY + "=<path> or " + NgspiceLibraryLocator.LIBRARY_ENV
                + ", or install libngspice0)"));
        this.triedPlaces = List.copyOf(triedPlaces);
    }

    /** Every place tried, with the reason it was not usable. */
    public List<String> triedPlaces() {
        return triedPlaces;
    }
}
