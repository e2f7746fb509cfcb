package org.cosmicweb.simulations.mock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.Json;

/**
 * How the mock assigns log10 M* [Msun] to a subhalo: a stellar-to-halo mass relation, assembly
 * bias through the halo's own concentration, the environmental terms of one
 * {@link EnvironmentModel}, and Gaussian scatter.
 *
 * <pre>
 * log M* = SHMR(M_peak)                                  Moster et al. 2013, z = 0
 *        + aConc * Δlog c                                 assembly bias through concentration (every model)
 *        + strength * env                                 environment, by model:
 *   NEIGHBOURS: a3 * z3 + a10 * z10                       smoothed host number density, ~3 and ~10 Mpc
 *             + aConformity * zConformity                 two-halo conformity: neighbours' Δlog c within ~3 Mpc
 *             + [satellites] aHost * (log M_host - 12.5)  host-scale (~1 Mpc) quenching
 *                          + aRadius * (1 - r / R200)     stripping deep inside the host
 *   FIELD:      aSmall * zSmall + aLarge * zLarge         halo-mass density smoothed at 2 and 6 Mpc/h
 *   WEB:        FIELD + aWeb * zWeb                       anisotropy of the density at 2 Mpc/h, fixed density
 *   NONE:       0
 *        + N(0, scatter)
 * </pre>
 * SHMR: M* / M = 2 N [(M / M1)^-β + (M / M1)^γ]^-1 with log M1 = 11.59, N = 0.0351, β = 1.376,
 * γ = 0.608 (masses in Msun). Every z is standardised over all subhalos: z3 and z10 are log10 of
 * the number density of host halos above 2e11 Msun/h, deposited on a grid (cloud in cell) and
 * smoothed with Gaussians of σ = 1 and 6.5 Mpc (0.68 and 4.4 Mpc/h); zConformity is the σ = 1 Mpc kernel's weighted
 * mean of the hosts' Δlog c; zSmall and zLarge are log10 of the mass density of subhalos above
 * log M/Msun = 11 smoothed with σ = 2 and 6 Mpc/h; zWeb is log10 of the shear q of the Hessian of
 * the same mass density at σ = 2 Mpc/h minus its mean at the local density (see {@link MockUniverse}).
 * {@code strength} 0 gives a pure halo model.
 */
record StellarMassModel(EnvironmentModel model, double aConc, double a3, double a10, double aConformity,
                        double aHost, double aRadius, double aSmall, double aLarge, double aWeb, double scatter,
                        double strength) {
    static final double LOG_M1 = 11.59;
    static final double NORM = 0.0351;
    static final double BETA = 1.376;
    static final double GAMMA = 0.608;

    /** Standardised environmental fields at one subhalo; those a model does not use are 0. */
    record Environment(double z3, double z10, double zConformity, double zSmall, double zLarge, double zWeb) {
    }

    static StellarMassModel defaults(EnvironmentModel model, double scatter, double strength) {
        return new StellarMassModel(model, 0.5, 0.15, 0.04, 0.12, -0.12, -0.45, 0.15, 0.06, 0.12, scatter, strength);
    }

    static double shmr(double logMpeakMsun) {
        double x = Math.pow(10, logMpeakMsun - LOG_M1);
        return logMpeakMsun + Math.log10(2 * NORM / (Math.pow(x, -BETA) + Math.pow(x, GAMMA)));
    }

    /** Noiseless log10 M* [Msun]. For centrals hostLogMsun and radiusFraction are ignored. */
    double noiseless(double logMpeakMsun, double dLogC, Environment e, boolean central, double hostLogMsun,
                     double radiusFraction) {
        double env = switch (model) {
            case NEIGHBOURS -> a3 * e.z3() + a10 * e.z10() + aConformity * e.zConformity()
                    + (central ? 0 : aHost * (hostLogMsun - 12.5) + aRadius * (1 - radiusFraction));
            case FIELD -> aSmall * e.zSmall() + aLarge * e.zLarge();
            case WEB -> aSmall * e.zSmall() + aLarge * e.zLarge() + aWeb * e.zWeb();
            case NONE -> 0;
        };
        return shmr(logMpeakMsun) + aConc * dLogC + strength * env;
    }

    ObjectNode json() {
        ObjectNode n = Json.object();
        n.put("environment", model.key());
        n.put("a_conc", aConc);
        n.put("a_3mpc", a3);
        n.put("a_10mpc", a10);
        n.put("a_conformity", aConformity);
        n.put("a_host", aHost);
        n.put("a_radius", aRadius);
        n.put("a_field_2mpch", aSmall);
        n.put("a_field_6mpch", aLarge);
        n.put("a_tidal_3mpch", aWeb);
        n.put("scatter_dex", scatter);
        n.put("strength", strength);
        return n;
    }
}
