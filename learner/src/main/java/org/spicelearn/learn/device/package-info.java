/** Device models that turn requested conductance changes into physically applied ones. */
package org.spicelearn.learn.device;
