/**
 * Seeded, deterministic generators of the networks spicelearn trains: layered deep resistive
 * networks, disordered planar-like networks, crossbars and R-2R ladders. Node and element names
 * are part of each generator's contract (netlists and training specs refer to them).
 */
package org.spicelearn.circuit.generate;
