/**
 * The shared vocabulary of spicelearn: circuits, elements, immutable voltage and conductance
 * values, boundary conditions, and the {@link org.spicelearn.circuit.Substrate} a learner trains.
 */
package org.spicelearn.circuit;
