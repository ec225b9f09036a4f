package org.spicelearn.circuit.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spicelearn.circuit.Circuit;

/** Helpers shared by the generators and their users: finding the conventional output nodes. */
public final class Networks {
    private Networks() {
    }

    /** The indices of nodes {@code out0, out1, ...} (consecutive, stopping at the first missing one). */
    public static int[] outputNodes(Circuit circuit) {
        List<Integer> out = new ArrayList<>();
        while (circuit.hasNode("out" + out.size())) {
            out.add(circuit.nodeIndex("out" + out.size()));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates, drawing from the last index down). */
    static int[] randomPermutation(int n, SplittableRandom random) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    /** A conductance drawn log-uniformly from {@code [minSiemens, maxSiemens]}. */
    static double logUniform(SplittableRandom random, double minSiemens, double maxSiemens) {
        if (minSiemens == maxSiemens) {
            return minSiemens;
        }
        return minSiemens * Math.exp(random.nextDouble() * Math.log(maxSiemens / minSiemens));
    }
}
