/** Data tables, CSV loading, the shipped Iris and digits sets, input scaling to volts, tasks and splits. */
package org.spicelearn.learn.data;
