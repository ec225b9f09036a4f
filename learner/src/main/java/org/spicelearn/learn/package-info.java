/** spicelearn module learner. */
package org.spicelearn.learn;
