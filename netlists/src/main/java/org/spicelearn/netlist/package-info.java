/**
 * SPICE netlists in and out: {@link org.spicelearn.netlist.NetlistParser} reads ngspice netlists into
 * the circuit model, {@link org.spicelearn.netlist.NetlistWriter} writes circuits that ngspice loads
 * unchanged, {@link org.spicelearn.netlist.SpiceNames} is the one naming authority shared with the
 * bridge, {@link org.spicelearn.netlist.NetworkRoles} holds the {@code *@spicelearn} training roles,
 * and {@link org.spicelearn.netlist.LibraryNetwork} generates the ready networks of
 * {@code netlists/library/}.
 */
package org.spicelearn.netlist;
