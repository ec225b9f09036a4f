/** Contrastive learning rules as local updates: what an edge senses, the phase signal, and the EP / coupled-learning / full-clamp estimators. */
package org.spicelearn.learn.rule;
