package org.cosmicweb.simulations;

import java.util.Locale;

/**
 * Units of lengths in subhalo tables, all comoving: x[Mpc] = x · scale / h for the "/h" units.
 * TNG, CAMELS and most halo finders write ckpc/h or cMpc/h.
 */
public enum LengthUnit {
    KPC_H("kpc/h", 1e-3, true),
    MPC_H("Mpc/h", 1.0, true),
    KPC("kpc", 1e-3, false),
    MPC("Mpc", 1.0, false);

    private final String label;
    private final double toMpc;
    private final boolean perH;

    LengthUnit(String label, double toMpc, boolean perH) {
        this.label = label;
        this.toMpc = toMpc;
        this.perH = perH;
    }

    public String label() {
        return label;
    }

    public boolean perH() {
        return perH;
    }

    public double toMpc(double x, double hubble) {
        return perH ? x * toMpc / hubble : x * toMpc;
    }

    /** kpc/h, Mpc/h, kpc or Mpc (a leading "c" for comoving is allowed: ckpc/h). */
    public static LengthUnit parse(String s) {
        String t = s == null ? "" : s.trim().replace(" ", "");
        if (t.startsWith("c")) {
            t = t.substring(1);
        }
        for (LengthUnit u : values()) {
            if (u.label.toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT))) {
                return u;
            }
        }
        throw new IllegalArgumentException("length unit must be kpc/h, Mpc/h, kpc or Mpc, got '" + s + "'");
    }
}
