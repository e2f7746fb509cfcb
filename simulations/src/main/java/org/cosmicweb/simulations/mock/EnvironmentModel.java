package org.cosmicweb.simulations.mock;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the mock's stellar masses depend on environment (simulations/README.md gives the formulas):
 * <ul>
 *   <li>{@link #NEIGHBOURS}: host number density on ~3 and ~10 Mpc, two-halo conformity through the
 *       neighbours' concentrations, satellites' host mass and orbital radius, orbit-dependent tidal
 *       stripping (the information sits in neighbours' properties and the satellites' orbits);</li>
 *   <li>{@link #FIELD}: the smoothed halo-mass density at 2 and 6 Mpc/h only, so a spherical mass
 *       sum around each galaxy is close to a sufficient statistic;</li>
 *   <li>{@link #WEB}: FIELD plus the anisotropy of the same density at 2 Mpc/h at fixed density
 *       (the shear of its Hessian, by which NEXUS finds walls and filaments): information a spherical
 *       sum cannot see;</li>
 *   <li>{@link #NONE}: no environmental term at all, the negative control.</li>
 * </ul>
 * In every model but NEIGHBOURS a satellite's tidal stripping is drawn independently of its orbit,
 * so a satellite's position says nothing about its infall mass.
 */
public enum EnvironmentModel {
    NEIGHBOURS, FIELD, WEB, NONE;

    /** Name on the command line and in files. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a satellite's stripping follows its orbital radius (else it is independent of position). */
    boolean orbitDependentStripping() {
        return this == NEIGHBOURS;
    }

    public static EnvironmentModel parse(String s) {
        for (EnvironmentModel m : values()) {
            if (m.key().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("--environment (the mock's environment model) must be one of "
                + Arrays.stream(values()).map(EnvironmentModel::key).collect(Collectors.joining(", ")) + ", got '" + s + "'");
    }
}
