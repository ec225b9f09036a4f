/**
 * {@code spicelearn batch}: many training runs from a directory of specs, a glob or a sweep file,
 * each in its own worker process (no ngspice state is shared), resumable after a kill, summarised
 * in {@code summary.csv} and {@code summary.html}.
 *
 * <p>Layout of an output directory {@code DIR}: one directory per run, {@code DIR/<run id>/}, as
 * {@code spicelearn train} writes it, plus the batch's own files in it ({@code batch-spec.xml}, the
 * worker's {@code batch-worker.out} and {@code batch-worker.err}, and last the marker
 * {@code batch-status.properties}); {@code DIR/summary.csv}, {@code DIR/summary.html} and the lock
 * {@code DIR/.batch.lock}. A run counts as complete only when its marker says {@code completed}; the
 * marker is renamed into place atomically after the worker exited 0 with its {@code result.xml}
 * written, so a kill at any moment leaves either a complete run or one that the next batch cleans
 * and redoes.
 */
package org.spicelearn.cli.batch;
