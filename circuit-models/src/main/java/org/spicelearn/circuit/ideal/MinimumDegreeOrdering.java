package org.spicelearn.circuit.ideal;

import java.util.PriorityQueue;

/**
 * The minimum-degree fill-reducing ordering of a symmetric sparsity pattern, computed on the
 * explicit elimination graph (exact degrees, ties broken by the smaller index, so deterministic).
 *
 * <p>It runs once per circuit (the symbolic phase); its cost grows with the fill, which stays
 * small for the planar-like and layered networks spicelearn trains.
 */
final class MinimumDegreeOrdering {
    private MinimumDegreeOrdering() {
    }

    /**
     * Orders the vertices of a symmetric pattern.
     *
     * @param n      number of vertices
     * @param rowPtr CSR row pointers
     * @param colIdx CSR column indices (the diagonal, if present, is ignored)
     * @return {@code order[k]} = the vertex eliminated {@code k}-th
     */
    static int[] order(int n, int[] rowPtr, int[] colIdx) {
        int[][] adj = new int[n][];
        int[] degree = new int[n];
        PriorityQueue<Long> queue = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            int[] row = new int[rowPtr[i + 1] - rowPtr[i]];
            int len = 0;
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                if (colIdx[p] != i) {
                    row[len++] = colIdx[p];
                }
            }
            adj[i] = java.util.Arrays.copyOf(row, len);
            degree[i] = len;
            queue.add(key(len, i));
        }
        boolean[] eliminated = new boolean[n];
        int[] mark = new int[n];
        int token = 0;
        int[] order = new int[n];
        int[] buffer = new int[Math.max(1, n)];
        int k = 0;
        while (k < n) {
            long key = queue.poll();
            int p = (int) (key & 0xffffffffL);
            if (eliminated[p] || (int) (key >>> 32) != degree[p]) {
                continue;
            }
            eliminated[p] = true;
            order[k++] = p;
            int[] live = liveNeighbours(adj[p], eliminated);
            adj[p] = null;
            for (int u : live) {
                token++;
                int len = 0;
                mark[u] = token;
                for (int v : adj[u]) {
                    if (!eliminated[v] && mark[v] != token) {
                        mark[v] = token;
                        buffer[len++] = v;
                    }
                }
                for (int v : live) {
                    if (mark[v] != token) {
                        mark[v] = token;
                        buffer[len++] = v;
                    }
                }
                adj[u] = java.util.Arrays.copyOf(buffer, len);
                if (len != degree[u]) {
                    degree[u] = len;
                    queue.add(key(len, u));
                }
            }
        }
        return order;
    }

    private static int[] liveNeighbours(int[] neighbours, boolean[] eliminated) {
        int len = 0;
        int[] out = new int[neighbours.length];
        for (int v : neighbours) {
            if (!eliminated[v]) {
                out[len++] = v;
            }
        }
        return java.util.Arrays.copyOf(out, len);
    }

    private static long key(int degree, int vertex) {
        return ((long) degree << 32) | vertex;
    }
}
