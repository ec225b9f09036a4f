/**
 * The ideal substrate: exact digital physics of resistive networks (sparse nodal solves with a
 * reused symbolic factorisation, Newton for Shockley diodes, exact coordinate descent for ideal
 * diodes, fixed-step transients) and the adjoint gradient every learning-rule estimate is checked
 * against. Entry point: {@link org.spicelearn.circuit.ideal.IdealSubstrate}.
 */
package org.spicelearn.circuit.ideal;
