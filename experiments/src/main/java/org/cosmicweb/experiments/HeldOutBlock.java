package org.cosmicweb.experiments;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The galaxies that pick a GNN's best epoch: the training galaxies inside a seeded slab
 * [x0, x0 + f L) (wrapping at L) across the axis along which the training galaxies fill the box
 * most evenly (the first of x, y, z on ties), so the slab crosses the training region whatever axis
 * the folds cut; ensemble members with other seeds hold out other slabs. In a suite, whose models
 * are scored on boxes they never saw, whole training boxes are held out instead ({@link #boxes}),
 * so that the epoch is picked on the generalisation that is scored.
 *
 * @param axis      0, 1 or 2 (-1 when boxes are held out)
 * @param x0Mpc     start of the slab (NaN when boxes are held out)
 * @param widthMpc  width of the slab (NaN when boxes are held out)
 * @param rows      held-out training rows, ascending
 * @param remaining the other training rows, ascending
 * @param heldBoxes the held-out boxes of a suite, ascending; empty for a slab
 */
public record HeldOutBlock(int axis, double x0Mpc, double widthMpc, int[] rows, int[] remaining, int[] heldBoxes) {
    /** Fewest galaxies on either side for the selection to mean anything. */
    static final int MIN_GALAXIES = 10;
    /** The experiment's held-out fraction of the box (or of the training boxes), for every trained model. */
    public static final double FRACTION = 0.1;

    /**
     * The held-out part of {@code trainRows} that every trained model of the experiment selects on:
     * whole training boxes in a suite ({@link #boxes}), a slab otherwise ({@link #choose}), each
     * {@value #FRACTION} of the whole.
     */
    public static HeldOutBlock of(ExperimentData data, int[] trainRows, long seed) {
        return data.boxCount() > 1
                ? boxes(data.boxOfNode(), trainRows, FRACTION, seed)
                : choose(data.catalog.positionsMpc(), data.catalog.boxSizeMpc(), trainRows, FRACTION, seed);
    }

    /**
     * @param positionsMpc row-major [N, 3] positions in [0, box)
     * @param trainRows    candidate rows
     * @param fraction     slab width over the box width, in (0, 0.5]
     */
    public static HeldOutBlock choose(double[] positionsMpc, double boxMpc, int[] trainRows, double fraction,
                                      long seed) {
        if (!(fraction > 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException("held-out fraction must be in (0, 0.5], got " + fraction);
        }
        double width = fraction * boxMpc;
        double x0 = new SplittableRandom(seed ^ 0x5DEECE66DL).nextDouble() * boxMpc;
        int[] sorted = trainRows.clone();
        Arrays.sort(sorted);
        int axis = evenestAxis(positionsMpc, boxMpc, sorted);
        int[] held = new int[sorted.length];
        int[] rest = new int[sorted.length];
        int nh = 0;
        int nr = 0;
        for (int r : sorted) {
            double dx = positionsMpc[3 * r + axis] - x0;
            dx -= boxMpc * Math.floor(dx / boxMpc);
            if (dx < width) {
                held[nh++] = r;
            } else {
                rest[nr++] = r;
            }
        }
        if (nh < MIN_GALAXIES || nr < MIN_GALAXIES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "early stopping needs at least %d training galaxies inside and outside its held-out slab %s in"
                            + " [%.2f, %.2f) Mpc (the GNN picks its best epoch there, boosting its best round); got %d"
                            + " inside and %d outside of %d training galaxies. The catalog is too small for it:"
                            + " experiment on one box trains on more of it with more --folds or a smaller --pad (and --radii no larger);"
                            + " train's slab lies elsewhere with another --seed; or use a larger catalog",
                    MIN_GALAXIES, "xyz".charAt(axis), x0, x0 + width, nh, nr, sorted.length));
        }
        return new HeldOutBlock(axis, x0, width, Arrays.copyOf(held, nh), Arrays.copyOf(rest, nr), new int[0]);
    }

    /** The axis along which the rows occupy the most of 20 equal bins of the box (first on ties). */
    static int evenestAxis(double[] positionsMpc, double boxMpc, int[] rows) {
        int best = 0;
        int bestCount = -1;
        for (int a = 0; a < 3; a++) {
            boolean[] seen = new boolean[20];
            int count = 0;
            for (int r : rows) {
                int b = Math.min(19, (int) (positionsMpc[3 * r + a] / boxMpc * 20));
                if (!seen[b]) {
                    seen[b] = true;
                    count++;
                }
            }
            if (count > bestCount) {
                best = a;
                bestCount = count;
            }
        }
        return best;
    }

    /**
     * Whole boxes of a suite: the training boxes in a seeded random order are held out one by one
     * until they hold at least {@code fraction} of the training galaxies; at least one box is held out
     * and at least one kept.
     *
     * @param boxOfRow box of each row
     */
    public static HeldOutBlock boxes(int[] boxOfRow, int[] trainRows, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException("held-out fraction must be in (0, 0.5], got " + fraction);
        }
        int[] sorted = trainRows.clone();
        Arrays.sort(sorted);
        int[] boxes = Arrays.stream(sorted).map(r -> boxOfRow[r]).distinct().sorted().toArray();
        if (boxes.length < 2) {
            throw new IllegalArgumentException("the GNN holds out whole training boxes to pick its best epoch, but the"
                    + " training galaxies lie in " + boxes.length + " box; give at least 2 training boxes (fewer folds"
                    + " or more boxes)");
        }
        java.util.Map<Integer, Integer> galaxies = new java.util.HashMap<>();
        for (int r : sorted) {
            galaxies.merge(boxOfRow[r], 1, Integer::sum);
        }
        int[] order = boxes.clone();
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        java.util.Set<Integer> held = new java.util.TreeSet<>();
        long inHeld = 0;
        for (int k = 0; k < order.length - 1 && (held.isEmpty() || inHeld < fraction * sorted.length); k++) {
            held.add(order[k]);
            inHeld += galaxies.get(order[k]);
        }
        int[] h = Arrays.stream(sorted).filter(r -> held.contains(boxOfRow[r])).toArray();
        int[] rest = Arrays.stream(sorted).filter(r -> !held.contains(boxOfRow[r])).toArray();
        if (h.length < MIN_GALAXIES || rest.length < MIN_GALAXIES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "early stopping needs at least %d training galaxies inside and outside its held-out boxes %s (the"
                            + " GNN picks its best epoch there, boosting its best round); got %d inside and %d outside of"
                            + " %d training galaxies: use fewer folds or more boxes",
                    MIN_GALAXIES, held, h.length, rest.length, sorted.length));
        }
        return new HeldOutBlock(-1, Double.NaN, Double.NaN, h, rest, held.stream().mapToInt(Integer::intValue).toArray());
    }

    /** One line for provenance and progress. */
    public String describe() {
        if (heldBoxes.length > 0) {
            return String.format(Locale.ROOT, "best epoch on the held-out loss of %d training galaxies in the %d whole"
                    + " training boxes %s, not scored in training", rows.length, heldBoxes.length,
                    Arrays.toString(heldBoxes));
        }
        return String.format(Locale.ROOT, "best epoch on the held-out loss of %d training galaxies in the slab"
                + " %s in [%.2f, %.2f) Mpc (periodic), not scored in training", rows.length, "xyz".charAt(axis), x0Mpc,
                x0Mpc + widthMpc);
    }
}
