/** The trainer, its configuration, the append-only run log, listeners, checkpoints and drift analysis. */
package org.spicelearn.learn.train;
