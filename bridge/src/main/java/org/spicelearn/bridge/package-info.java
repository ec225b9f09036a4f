/**
 * libngspice 39.3 in the JVM: the physical substrate of spicelearn.
 *
 * <p>Three layers. {@code SharedSpice} (package-private) is the raw JNA mapping of
 * {@code sharedspice.h}; {@code NgspiceInstance} (package-private) is one initialised private copy of
 * the library with its callbacks; {@link org.spicelearn.bridge.NgspiceSession} is a conversation
 * about one circuit on one thread that enforces the rules measured in NGSPICE.md (signal handlers,
 * numeric locale, command length, housekeeping, typed errors, exit recovery);
 * {@link org.spicelearn.bridge.NgspiceSubstrate} implements the circuit-models
 * {@link org.spicelearn.circuit.Substrate} on top of it. {@link org.spicelearn.bridge.NgspiceBench}
 * holds the measurements behind the {@code spicelearn bench ngspice*} commands.
 *
 * <p>Only this package may use JNA (an architecture test enforces it); no JNA type appears in its
 * public API.
 */
package org.spicelearn.bridge;
