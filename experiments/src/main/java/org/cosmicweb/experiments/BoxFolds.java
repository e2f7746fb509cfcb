package org.cosmicweb.experiments;

import org.cosmicweb.graph.SpatialFolds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * K-fold cross-validation over whole boxes of a suite: the boxes in a seeded random order are dealt
 * to the folds in turn (fold sizes differ by at most one box), and fold f validates on every galaxy
 * of its boxes and trains on every galaxy of the others. No box is in two folds, and no galaxy of a
 * validation box is seen in training: each box is a universe the models never saw.
 */
public final class BoxFolds {
    private BoxFolds() {
    }

    /**
     * @param boxOfRow box of each galaxy row (0..boxes-1)
     * @return the folds, and in {@code foldOfBox} (length boxes, filled here) the fold of each box
     */
    public static List<SpatialFolds.Fold> split(int[] boxOfRow, int boxes, int k, long seed, int[] foldOfBox) {
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        if (k > boxes) {
            throw new IllegalArgumentException(k + " folds over whole boxes need at least " + k + " boxes, the suite has "
                    + boxes);
        }
        int[] order = new int[boxes];
        for (int b = 0; b < boxes; b++) {
            order[b] = b;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = boxes - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int p = 0; p < boxes; p++) {
            foldOfBox[order[p]] = p % k;
        }
        List<SpatialFolds.Fold> folds = new ArrayList<>(k);
        int n = boxOfRow.length;
        for (int f = 0; f < k; f++) {
            int[] train = new int[n];
            int[] valid = new int[n];
            int nt = 0;
            int nv = 0;
            for (int i = 0; i < n; i++) {
                if (foldOfBox[boxOfRow[i]] == f) {
                    valid[nv++] = i;
                } else {
                    train[nt++] = i;
                }
            }
            folds.add(new SpatialFolds.Fold(f, Arrays.copyOf(train, nt), Arrays.copyOf(valid, nv)));
        }
        return folds;
    }
}
