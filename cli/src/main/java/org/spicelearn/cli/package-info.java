/** The {@code spicelearn} command line: picocli commands over the other modules. */
package org.spicelearn.cli;
