package org.spicelearn.circuit.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;

/**
 * Generates disordered planar-like resistive networks: a square lattice of sites, each cell cut by
 * one diagonal of random orientation (a triangulation, about 3 edges per node), then diluted at
 * random while a random spanning tree keeps every node connected.
 *
 * <p>Names: sites are numbered row-major from 0; the chosen ground sites become node {@code 0};
 * input {@code i} (from 0) is node {@code in{i}} driven by source {@code vin{i}} to ground (DC drawn
 * uniformly in [-inputVoltsMax, inputVoltsMax]); output {@code k} is node {@code out{k}}; every other
 * site {@code s} is node {@code n{s}}. Every edge is a trainable resistor {@code r{s}_{t}} between
 * sites {@code s < t}, in generation order (horizontal, vertical, diagonal edges, site by site).
 */
public final class DisorderedNetworkGenerator {
    private DisorderedNetworkGenerator() {
    }

    /** Builds the network; the same spec and seed give the same circuit. */
    public static Circuit generate(DisorderedNetworkSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int sites = spec.nodes() - 1 + spec.groundSites();
        int width = (int) Math.ceil(Math.sqrt(sites));
        List<int[]> edges = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            int x = s % width;
            if (x + 1 < width && s + 1 < sites) {
                edges.add(new int[] {s, s + 1});
            }
            if (s + width < sites) {
                edges.add(new int[] {s, s + width});
            }
            if (x + 1 < width && s + width + 1 < sites) {
                edges.add(random.nextBoolean() ? new int[] {s, s + width + 1} : new int[] {s + 1, s + width});
            }
        }
        // roles: a random permutation of the sites
        int[] perm = Networks.randomPermutation(sites, random);
        Circuit.Builder b = Circuit.builder("disordered " + spec.nodes() + " nodes seed " + seed);
        int[] node = new int[sites];
        String[] name = new String[sites];
        int p = 0;
        for (int g = 0; g < spec.groundSites(); g++, p++) {
            name[perm[p]] = "0";
        }
        for (int i = 0; i < spec.inputs(); i++, p++) {
            name[perm[p]] = "in" + i;
        }
        for (int k = 0; k < spec.outputs(); k++, p++) {
            name[perm[p]] = "out" + k;
        }
        for (int s = 0; s < sites; s++) {
            node[s] = b.node(name[s] != null ? name[s] : "n" + s);
        }
        for (int i = 0; i < spec.inputs(); i++) {
            double volts = (2 * random.nextDouble() - 1) * spec.inputVoltsMax();
            b.add(VoltageSource.dc("vin" + i, node[perm[spec.groundSites() + i]], Circuit.GROUND, volts));
        }
        boolean[] keep = spanningTreeAndDilution(edges, node, spec.dilution(), random);
        for (int e = 0; e < edges.size(); e++) {
            int s = edges.get(e)[0];
            int t = edges.get(e)[1];
            if (!keep[e]) {
                continue;
            }
            double g = Networks.logUniform(random, spec.initialMinSiemens(), spec.initialMaxSiemens());
            b.add(Resistor.trainable("r" + Math.min(s, t) + "_" + Math.max(s, t), node[s], node[t], 1.0 / g,
                    spec.bounds()));
        }
        return b.build();
    }

    /** Marks the edges kept: a random spanning tree of the circuit nodes plus undiluted others. */
    private static boolean[] spanningTreeAndDilution(List<int[]> edges, int[] node, double dilution,
                                                     SplittableRandom random) {
        int m = edges.size();
        int[] order = Networks.randomPermutation(m, random);
        int maxNode = 0;
        for (int v : node) {
            maxNode = Math.max(maxNode, v);
        }
        int[] uf = new int[maxNode + 1];
        for (int i = 0; i <= maxNode; i++) {
            uf[i] = i;
        }
        boolean[] tree = new boolean[m];
        for (int e : order) {
            int a = find(uf, node[edges.get(e)[0]]);
            int c = find(uf, node[edges.get(e)[1]]);
            if (a != c) {
                uf[a] = c;
                tree[e] = true;
            }
        }
        boolean[] keep = new boolean[m];
        for (int e = 0; e < m; e++) {
            boolean selfLoop = node[edges.get(e)[0]] == node[edges.get(e)[1]];
            double draw = random.nextDouble();
            keep[e] = !selfLoop && (tree[e] || draw >= dilution);
        }
        return keep;
    }

    private static int find(int[] uf, int x) {
        while (uf[x] != x) {
            uf[x] = uf[uf[x]];
            x = uf[x];
        }
        return x;
    }
}
