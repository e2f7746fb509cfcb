package org.cosmicweb.simulations.mock;

import java.util.SplittableRandom;

/**
 * Dark-matter halo relations used by the mock, all in Msun/h, Mpc/h and km/s at z = 0.
 * <ul>
 *   <li>Host mass function: dn/dlnM ∝ M^-0.9 exp(-(M / 10^14 Msun/h)^0.8) above 10^10.8 Msun/h,
 *       a Press-Schechter-like power law with an exponential cut-off.</li>
 *   <li>R200 from M200 = 200 ρ_crit (4/3) π R200^3 with ρ_crit = 2.775e11 h^2 Msun/Mpc^3;
 *       V200 = sqrt(G M200 / R200) with G = 4.30091e-9 Mpc (km/s)^2 / Msun.</li>
 *   <li>Concentration (Duffy et al. 2008, M200c, z = 0): c = 5.71 (M / 2e12 Msun/h)^-0.084.</li>
 *   <li>NFW peak circular velocity: Vmax = V200 sqrt(0.216 c / (ln(1 + c) - c / (1 + c))).</li>
 *   <li>Satellites (infall mass above {@link #MIN_LOG_MASS}): Poisson with mean
 *       0.9 (M / (10 m_min))^0.95 and dN/dm ∝ m^-1.9 up to M / 4.</li>
 * </ul>
 */
final class HaloModel {
    static final double MIN_LOG_MASS = 10.8;
    static final double MAX_LOG_MASS = 15.6;
    static final double RHO_CRIT = 2.775e11;
    static final double G = 4.30091e-9;

    private static final int TABLE = 2048;
    private static final double[] CDF = new double[TABLE + 1];

    static {
        double step = (MAX_LOG_MASS - MIN_LOG_MASS) / TABLE;
        for (int i = 1; i <= TABLE; i++) {
            double lm = MIN_LOG_MASS + (i - 0.5) * step;
            double m = Math.pow(10, lm);
            CDF[i] = CDF[i - 1] + Math.pow(m, -0.9) * Math.exp(-Math.pow(m / 1e14, 0.8));
        }
        for (int i = 1; i <= TABLE; i++) {
            CDF[i] /= CDF[TABLE];
        }
    }

    private HaloModel() {
    }

    /** One host log10 mass from the mass function (inverse CDF, linear within table bins). */
    static double sampleHostLogMass(SplittableRandom rng) {
        double u = rng.nextDouble();
        int lo = 0;
        int hi = TABLE;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (CDF[mid] < u) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double f = (u - CDF[lo]) / Math.max(1e-300, CDF[hi] - CDF[lo]);
        return MIN_LOG_MASS + (lo + f) * (MAX_LOG_MASS - MIN_LOG_MASS) / TABLE;
    }

    static double r200(double mass) {
        return Math.cbrt(3 * mass / (4 * Math.PI * 200 * RHO_CRIT));
    }

    static double v200(double mass) {
        return Math.sqrt(G * mass / r200(mass));
    }

    static double logConcentrationMean(double mass) {
        return Math.log10(5.71) - 0.084 * Math.log10(mass / 2e12);
    }

    private static double nfwMu(double c) {
        return Math.log(1 + c) - c / (1 + c);
    }

    static double vmax(double mass, double c) {
        return v200(mass) * Math.sqrt(0.216 * c / nfwMu(c));
    }

    /** r / R200 of a tracer following an NFW profile of concentration c, truncated at R200. */
    static double nfwRadius(double c, SplittableRandom rng) {
        double target = rng.nextDouble() * nfwMu(c);
        double lo = 0;
        double hi = 1;
        for (int it = 0; it < 50; it++) {
            double mid = 0.5 * (lo + hi);
            if (nfwMu(c * mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    static double satelliteMean(double hostMass) {
        return 0.9 * Math.pow(hostMass / (10 * Math.pow(10, MIN_LOG_MASS)), 0.95);
    }

    /** Infall mass of one satellite, dN/dm ∝ m^-1.9 on [m_min, mMax]. */
    static double sampleSatelliteMass(double mMax, SplittableRandom rng) {
        double a = -0.9;
        double lo = Math.pow(Math.pow(10, MIN_LOG_MASS), a);
        double hi = Math.pow(mMax, a);
        return Math.pow(lo + rng.nextDouble() * (hi - lo), 1 / a);
    }

    /** Poisson deviate: Knuth's method for small means, a rounded normal above 64. */
    static int poisson(double mean, SplittableRandom rng) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 64) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** A unit vector uniform on the sphere, written into out[0..2]. */
    static void randomDirection(SplittableRandom rng, double[] out) {
        double z = 2 * rng.nextDouble() - 1;
        double phi = 2 * Math.PI * rng.nextDouble();
        double s = Math.sqrt(1 - z * z);
        out[0] = s * Math.cos(phi);
        out[1] = s * Math.sin(phi);
        out[2] = z;
    }
}
