/** Phase dynamics as composable strategies: rigid or temporally local, phase order, length distributions, sample switching, edge clocks, DC or transient mode. */
package org.spicelearn.learn.phase;
