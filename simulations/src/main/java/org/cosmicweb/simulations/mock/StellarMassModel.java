package org.cosmicweb.simulations.mock;

/**
 * How the mock assigns log10 M* [Msun] to a subhalo: a stellar-to-halo mass relation plus
 * environmental terms on three scales plus Gaussian scatter.
 *
 * <pre>
 * log M* = SHMR(M_peak)                                  Moster et al. 2013, z = 0
 *        + aConc * Δlog c                                 assembly bias through concentration
 *        + a3 * z3 + a10 * z10                            smoothed host number density, ~3 and ~10 Mpc
 *        + aConformity * zConformity                      two-halo conformity: neighbours' Δlog c within ~3 Mpc
 *        + [satellites] aHost * (log M_host - 12.5)       host-scale (~1 Mpc) quenching
 *                       + aRadius * (1 - r / R200)        stripping deep inside the host
 *        + N(0, scatter)
 * </pre>
 * SHMR: M* / M = 2 N [(M / M1)^-β + (M / M1)^γ]^-1 with log M1 = 11.59, N = 0.0351, β = 1.376,
 * γ = 0.608 (masses in Msun). z3 and z10 are log10 of the number density of host halos above
 * 2e11 Msun/h, deposited on a grid (cloud in cell) and smoothed with Gaussians of σ = 1 and
 * 6.5 Mpc (97 % of the first lies within 3 Mpc, half of the second within 10 Mpc),
 * standardised over all subhalos. zConformity is the same σ = 1 Mpc kernel's weighted mean of the
 * hosts' concentration residuals Δlog c (assembly bias shared by neighbours, as in galactic
 * conformity), standardised; a halo's own Δlog c is part of that mean. Every environmental
 * coefficient is multiplied by {@code strength}; strength 0 gives a pure halo model.
 */
record StellarMassModel(double aConc, double a3, double a10, double aConformity, double aHost, double aRadius,
                        double scatter,
                        double strength) {
    static final double LOG_M1 = 11.59;
    static final double NORM = 0.0351;
    static final double BETA = 1.376;
    static final double GAMMA = 0.608;

    static StellarMassModel defaults(double scatter, double strength) {
        return new StellarMassModel(0.5, 0.15, 0.04, 0.12, -0.12, -0.45, scatter, strength);
    }

    static double shmr(double logMpeakMsun) {
        double x = Math.pow(10, logMpeakMsun - LOG_M1);
        return logMpeakMsun + Math.log10(2 * NORM / (Math.pow(x, -BETA) + Math.pow(x, GAMMA)));
    }

    /** Noiseless log10 M* [Msun]. For centrals pass hostLogMsun and radiusFraction as NaN. */
    double noiseless(double logMpeakMsun, double dLogC, double z3, double z10, double zConformity, boolean central,
                     double hostLogMsun, double radiusFraction) {
        double env = aConc * dLogC + a3 * z3 + a10 * z10 + aConformity * zConformity;
        if (!central) {
            env += aHost * (hostLogMsun - 12.5) + aRadius * (1 - radiusFraction);
        }
        return shmr(logMpeakMsun) + strength * env;
    }
}
