package org.cosmicweb.graph;

import java.util.Arrays;

/**
 * The k nearest neighbours of every node in the periodic box, as edges neighbour → node.
 * Ties in distance go to the lower index, so the result equals a brute-force sort by
 * (distance, index). Search grows shell by shell over a cell list and stops once the k-th
 * distance is within the radius the scanned shells cover.
 */
public final class KnnGraph {
    private KnnGraph() {
    }

    /**
     * @param symmetric also add i → j for every j → i, so that the graph is undirected
     */
    public static CosmicGraph build(double[] positionsMpc, double boxMpc, int k, boolean symmetric, boolean selfLoops) {
        PeriodicBox box = new PeriodicBox(boxMpc);
        double[] pos = box.checkedPositions(positionsMpc, "position");
        int n = pos.length / 3;
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k must be in 1.." + (n - 1) + " for " + n + " nodes, got " + k);
        }
        // Cells holding about two points each on average.
        CellList cells = new CellList(pos, box, boxMpc / Math.max(1, Math.cbrt(n / 2.0)));
        int[] nbr = new int[n * k];
        EdgeAccumulator.Filler filler = (range, lo, hi) -> {
            int[] idx = new int[k];
            double[] d2 = new double[k];
            for (int i = lo; i < hi; i++) {
                nearest(i, k, pos, box, cells, idx, d2);
                System.arraycopy(idx, 0, nbr, i * k, k);
                if (selfLoops) {
                    range.add(i, i);
                }
                for (int t = 0; t < k; t++) {
                    range.add(i, idx[t]);
                }
            }
        };
        CosmicGraph directed = EdgeAccumulator.build(n, filler, Double.NaN, k, selfLoops);
        if (!symmetric) {
            return directed;
        }
        // Union with the reversed edges: node i receives from its own neighbours and from every j that chose i.
        int[] extraCount = new int[n + 1];
        for (int j = 0; j < n; j++) {
            for (int t = 0; t < k; t++) {
                extraCount[nbr[j * k + t] + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            extraCount[i + 1] += extraCount[i];
        }
        int[] fill = extraCount.clone();
        int[] chosenBy = new int[n * k];
        for (int j = 0; j < n; j++) {
            for (int t = 0; t < k; t++) {
                chosenBy[fill[nbr[j * k + t]]++] = j;
            }
        }
        EdgeAccumulator.Filler union = (range, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int[] own = Arrays.copyOfRange(directed.senders(), directed.receiverOffsets()[i],
                        directed.receiverOffsets()[i + 1]);
                int[] back = Arrays.copyOfRange(chosenBy, extraCount[i], extraCount[i + 1]);
                Arrays.sort(back);
                int a = 0;
                int b = 0;
                while (a < own.length || b < back.length) {
                    int next;
                    if (b >= back.length || (a < own.length && own[a] <= back[b])) {
                        next = own[a++];
                    } else {
                        next = back[b++];
                    }
                    if (range.counts[i - range.lo] == 0 || lastAdded(range) != next) {
                        range.add(i, next);
                    }
                }
            }
        };
        return EdgeAccumulator.build(n, union, Double.NaN, k, selfLoops);
    }

    private static int lastAdded(EdgeAccumulator.Range r) {
        return r.senders[r.size - 1];
    }

    /** Fills idx/d2 with the k nearest neighbours of i, ordered by (distance, index). */
    static void nearest(int i, int k, double[] pos, PeriodicBox box, CellList cells, int[] idx, double[] d2) {
        int found = 0;
        int m = cells.m;
        int c0 = cells.cellOf[i];
        int ci = c0 / (m * m);
        int cj = (c0 / m) % m;
        int ck = c0 % m;
        for (int s = 0; ; s++) {
            if (2 * s + 1 > m) {
                // The shells wrap onto themselves: finish with every point not yet scanned.
                found = 0;
                for (int j = 0; j < pos.length / 3; j++) {
                    if (j != i) {
                        found = offer(j, box.distanceSquared(pos, i, j), idx, d2, found, k);
                    }
                }
                return;
            }
            for (int a = -s; a <= s; a++) {
                for (int b = -s; b <= s; b++) {
                    boolean edge = Math.abs(a) == s || Math.abs(b) == s;
                    for (int c = -s; c <= s; c += (edge || s == 0) ? 1 : 2 * s) {
                        int cell = cells.cell(ci + a, cj + b, ck + c);
                        for (int t = cells.start[cell]; t < cells.start[cell + 1]; t++) {
                            int j = cells.order[t];
                            if (j != i) {
                                found = offer(j, box.distanceSquared(pos, i, j), idx, d2, found, k);
                            }
                        }
                    }
                }
            }
            double covered = s * cells.cellSize;
            if (found == k && d2[k - 1] <= covered * covered) {
                return;
            }
        }
    }

    /** Inserts (j, dist2) into the sorted top-k list; returns the new count. */
    private static int offer(int j, double dist2, int[] idx, double[] d2, int found, int k) {
        if (found == k && (dist2 > d2[k - 1] || (dist2 == d2[k - 1] && j > idx[k - 1]))) {
            return found;
        }
        int p = found == k ? k - 1 : found;
        while (p > 0 && (d2[p - 1] > dist2 || (d2[p - 1] == dist2 && idx[p - 1] > j))) {
            d2[p] = d2[p - 1];
            idx[p] = idx[p - 1];
            p--;
        }
        d2[p] = dist2;
        idx[p] = j;
        return found == k ? k : found + 1;
    }
}
