package org.cosmicweb.experiments;

import java.util.Arrays;

/**
 * Subhalo abundance matching on Vmax, separately for centrals and satellites: on the training
 * galaxies, the i-th largest Vmax is paired with the i-th largest M* (rank order); a new galaxy's
 * log M* is interpolated linearly in log Vmax along that monotone relation, and held constant
 * beyond its ends. Monotone non-decreasing in Vmax by construction.
 */
public final class Sham implements GalaxyModel {
    @Override
    public String name() {
        return "sham";
    }

    @Override
    public Fitted fit(ExperimentData data, int[] trainRows, int[] excludedRows) {
        double[][] cen = relation(data, trainRows, true);
        double[][] sat = relation(data, trainRows, false);
        if (cen == null && sat == null) {
            throw new IllegalArgumentException("abundance matching needs training galaxies");
        }
        double[][] c = cen == null ? sat : cen;
        double[][] s = sat == null ? cen : sat;
        return (d, rows) -> {
            double[] out = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                int i = rows[k];
                double[][] rel = d.catalog.isCentral()[i] ? c : s;
                out[k] = interpolate(rel[0], rel[1], d.catalog.logVmaxKms()[i]);
            }
            return new Prediction(out, null);
        };
    }

    /** Sorted log Vmax and the rank-matched sorted log M* of the training galaxies of one kind. */
    static double[][] relation(ExperimentData d, int[] rows, boolean central) {
        int n = 0;
        for (int i : rows) {
            n += d.catalog.isCentral()[i] == central ? 1 : 0;
        }
        if (n == 0) {
            return null;
        }
        double[] v = new double[n];
        double[] m = new double[n];
        int k = 0;
        for (int i : rows) {
            if (d.catalog.isCentral()[i] == central) {
                v[k] = d.catalog.logVmaxKms()[i];
                m[k] = d.target[i];
                k++;
            }
        }
        Arrays.sort(v);
        Arrays.sort(m);
        return new double[][] {v, m};
    }

    static double interpolate(double[] x, double[] y, double q) {
        if (q <= x[0]) {
            return y[0];
        }
        if (q >= x[x.length - 1]) {
            return y[y.length - 1];
        }
        int hi = Arrays.binarySearch(x, q);
        if (hi >= 0) {
            // Ties in Vmax: average the stellar masses sharing that Vmax.
            int lo = hi;
            while (lo > 0 && x[lo - 1] == q) {
                lo--;
            }
            int up = hi;
            while (up < x.length - 1 && x[up + 1] == q) {
                up++;
            }
            double s = 0;
            for (int t = lo; t <= up; t++) {
                s += y[t];
            }
            return s / (up - lo + 1);
        }
        hi = -hi - 1;
        int lo = hi - 1;
        double f = (q - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + f * (y[hi] - y[lo]);
    }
}
