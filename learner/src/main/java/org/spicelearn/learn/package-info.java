/**
 * The learner: trains a {@link org.spicelearn.circuit.Substrate} with temporally local contrastive
 * learning. Depends on circuit-models only; a rule sees what a device could measure, nothing more.
 */
package org.spicelearn.learn;
