/**
 * Hardware in the loop: the spicelearn HIL line protocol (version {@value
 * org.spicelearn.bridge.remote.HilProtocol#VERSION}, {@code docs/hil-protocol.md}), a
 * {@link org.spicelearn.circuit.Substrate} that speaks it over TCP ({@link
 * org.spicelearn.bridge.remote.RemoteSubstrate}), and a reference server that behaves like
 * programmable hardware ({@link org.spicelearn.bridge.remote.HilServer} over {@link
 * org.spicelearn.bridge.remote.ReferenceHardware}: ngspice plus simulated device non-idealities).
 */
package org.spicelearn.bridge.remote;
