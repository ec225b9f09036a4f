/** spicelearn module netlists. */
package org.spicelearn.netlist;
