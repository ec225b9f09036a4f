/** spicelearn module bridge. */
package org.spicelearn.bridge;
