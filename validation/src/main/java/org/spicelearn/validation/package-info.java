/** spicelearn module validation. */
package org.spicelearn.validation;
