package org.cosmicweb.experiments;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Uncertainties of RMSEs by a spatial block bootstrap: the box is cut into b³ cubic blocks of
 * about {@code blockMpc} (b = max(2, round(L / blockMpc))), and each of {@code resamples}
 * replicates draws b³ blocks with replacement, keeping every galaxy of a drawn block. Errors of
 * neighbouring galaxies are correlated (they share an environment), so resampling blocks rather than
 * galaxies keeps that correlation inside each replicate and gives honest, larger intervals.
 *
 * <p>Every estimate uses the same replicates (fixed by the seed), so differences between two
 * models are paired: RMSE_A − RMSE_B is computed within each replicate, and its percentile interval
 * reflects the correlation of the two models' errors.
 */
public final class BlockBootstrap {
    private final int[] blockOf;
    private final int blocks;
    /** [replicate][block] how many times the block was drawn. */
    private final int[][] draws;

    /** An RMSE with its bootstrap standard error. */
    public record Estimate(double value, double se) {
    }

    /** RMSE_A − RMSE_B on all galaxies, its bootstrap standard error and 95 % percentile interval. */
    public record Difference(double value, double se, double lo95, double hi95) {
        /** Whether the 95 % interval excludes zero. */
        public boolean significant() {
            return lo95 > 0 || hi95 < 0;
        }
    }

    /**
     * @param positionsMpc row-major [N, 3], in [0, box)
     */
    public BlockBootstrap(double[] positionsMpc, double boxMpc, double blockMpc, int resamples, long seed) {
        this(spatialBlocks(positionsMpc, boxMpc, blockMpc), (int) Math.pow(blocksPerSide(boxMpc, blockMpc), 3), resamples,
                seed);
    }

    /**
     * Resamples whole groups instead of spatial blocks: the boxes of a suite, each an independent
     * universe, so the uncertainty is that of the population of boxes.
     *
     * @param groupOf group (box) of each galaxy, in 0..groups-1
     */
    public static BlockBootstrap byGroup(int[] groupOf, int groups, int resamples, long seed) {
        for (int g : groupOf) {
            if (g < 0 || g >= groups) {
                throw new IllegalArgumentException("group " + g + " outside 0.." + (groups - 1));
            }
        }
        return new BlockBootstrap(groupOf.clone(), groups, resamples, seed);
    }

    private BlockBootstrap(int[] blockOf, int blocks, int resamples, long seed) {
        if (resamples < 10) {
            throw new IllegalArgumentException("the bootstrap needs at least 10 resamples, got " + resamples);
        }
        this.blockOf = blockOf;
        this.blocks = blocks;
        draws = new int[resamples][blocks];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int[] row : draws) {
            for (int k = 0; k < blocks; k++) {
                row[rng.nextInt(blocks)]++;
            }
        }
    }

    private static int blocksPerSide(double boxMpc, double blockMpc) {
        if (!(blockMpc > 0)) {
            throw new IllegalArgumentException("bootstrap block size must be > 0 Mpc, got " + blockMpc);
        }
        return Math.max(2, (int) Math.round(boxMpc / blockMpc));
    }

    private static int[] spatialBlocks(double[] positionsMpc, double boxMpc, double blockMpc) {
        int b = blocksPerSide(boxMpc, blockMpc);
        double side = boxMpc / b;
        int n = positionsMpc.length / 3;
        int[] blockOf = new int[n];
        for (int i = 0; i < n; i++) {
            int[] c = new int[3];
            for (int a = 0; a < 3; a++) {
                c[a] = Math.min(b - 1, Math.max(0, (int) (positionsMpc[3 * i + a] / side)));
            }
            blockOf[i] = (c[0] * b + c[1]) * b + c[2];
        }
        return blockOf;
    }

    public int blocks() {
        return blocks;
    }

    public int resamples() {
        return draws.length;
    }

    /** Per-block sums of squared errors and counts over the selected galaxies (all when null). */
    private double[][] perBlock(double[] predicted, double[] truth, boolean[] selected) {
        double[] sse = new double[blocks];
        double[] count = new double[blocks];
        for (int i = 0; i < predicted.length; i++) {
            if (selected == null || selected[i]) {
                double d = predicted[i] - truth[i];
                sse[blockOf[i]] += d * d;
                count[blockOf[i]]++;
            }
        }
        return new double[][] {sse, count};
    }

    private double[] replicates(double[][] sums) {
        double[] out = new double[draws.length];
        for (int r = 0; r < draws.length; r++) {
            double s = 0;
            double c = 0;
            int[] w = draws[r];
            for (int k = 0; k < blocks; k++) {
                if (w[k] != 0) {
                    s += w[k] * sums[0][k];
                    c += w[k] * sums[1][k];
                }
            }
            out[r] = c > 0 ? Math.sqrt(s / c) : Double.NaN;
        }
        return out;
    }

    private static double rmse(double[][] sums) {
        double s = 0;
        double c = 0;
        for (int k = 0; k < sums[0].length; k++) {
            s += sums[0][k];
            c += sums[1][k];
        }
        return c > 0 ? Math.sqrt(s / c) : Double.NaN;
    }

    /** RMSE of the selected galaxies (all when {@code selected} is null) and its standard error. */
    public Estimate rmse(double[] predicted, double[] truth, boolean[] selected) {
        double[][] sums = perBlock(predicted, truth, selected);
        return new Estimate(rmse(sums), sd(replicates(sums)));
    }

    /** RMSE of A minus RMSE of B over the selected galaxies, paired within each replicate. */
    public Difference difference(double[] predictedA, double[] predictedB, double[] truth, boolean[] selected) {
        double[][] a = perBlock(predictedA, truth, selected);
        double[][] b = perBlock(predictedB, truth, selected);
        double[] ra = replicates(a);
        double[] rb = replicates(b);
        double[] d = new double[ra.length];
        int m = 0;
        for (int r = 0; r < ra.length; r++) {
            if (!Double.isNaN(ra[r]) && !Double.isNaN(rb[r])) {
                d[m++] = ra[r] - rb[r];
            }
        }
        d = Arrays.copyOf(d, m);
        Arrays.sort(d);
        return new Difference(rmse(a) - rmse(b), sd(d), percentile(d, 0.025), percentile(d, 0.975));
    }

    static double sd(double[] x) {
        double m = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                m += v;
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        m /= n;
        double s = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += (v - m) * (v - m);
            }
        }
        return Math.sqrt(s / (n - 1));
    }

    /** Linear-interpolated percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
