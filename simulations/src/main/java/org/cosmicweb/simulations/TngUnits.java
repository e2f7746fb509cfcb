package org.cosmicweb.simulations;

/**
 * The one place where TNG's code units become physical ones.
 *
 * <p>TNG group catalogs store masses in 1e10 Msun/h, positions in comoving kpc/h and velocities
 * (SubhaloVel) in physical km/s. At z = 0 comoving and physical lengths agree, so
 * {@code x[Mpc] = x[ckpc/h] / 1000 / h} and {@code M[Msun] = M[1e10 Msun/h] * 1e10 / h}.
 */
public final class TngUnits {
    /** TNG mass unit in Msun/h. */
    public static final double MASS_UNIT_MSUN_PER_H = 1e10;
    /** TNG length unit in Mpc/h (1 ckpc/h). */
    public static final double LENGTH_UNIT_MPC_PER_H = 1e-3;

    /** The names under which an Arepo or Gadget {@code Parameters} group states its code units. */
    static final String[] CODE_UNIT_PARAMETERS = {"UnitMass_in_g", "UnitLength_in_cm", "UnitVelocity_in_cm_per_s"};
    /** TNG's code units in those terms (cgs): 1e10 Msun (1.989e33 g each), 1 kpc (3.085678e21 cm), 1 km/s. */
    static final double[] CODE_UNITS_CGS = {MASS_UNIT_MSUN_PER_H * 1.989e33, LENGTH_UNIT_MPC_PER_H * 3.085678e24, 1e5};
    /** The same in words, for messages. */
    static final String[] CODE_UNIT_WORDS = {"1e10 Msun", "1 kpc", "1 km/s"};

    private TngUnits() {
    }

    public static double massToMsun(double codeMass, double hubble) {
        return codeMass * MASS_UNIT_MSUN_PER_H / hubble;
    }

    public static double lengthToMpc(double codeLength, double hubble) {
        return codeLength * LENGTH_UNIT_MPC_PER_H / hubble;
    }

    /** log10 of a code mass in Msun; zero or negative masses give -infinity. */
    public static double log10MassMsun(double codeMass, double hubble) {
        return codeMass > 0 ? Math.log10(massToMsun(codeMass, hubble)) : Double.NEGATIVE_INFINITY;
    }

    /** Wraps x into [0, box): also maps values that float rounding put exactly on the upper face. */
    public static double wrap(double x, double box) {
        double w = x - box * Math.floor(x / box);
        return (w >= box || w < 0) ? 0.0 : w;
    }
}
