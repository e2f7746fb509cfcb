package org.cosmicweb.simulations;

import java.util.Locale;

/**
 * Units of masses in subhalo tables: linear (Msun, Msun/h, TNG's 1e10 Msun/h, 1e10 Msun) or log10
 * of Msun or Msun/h. {@link #log10Msun} gives log10 M[Msun]; a linear mass that is zero or
 * negative gives −∞ (it fails every mass cut).
 */
public enum MassUnit {
    MSUN("Msun", 1.0, false, false),
    MSUN_H("Msun/h", 1.0, true, false),
    E10_MSUN("1e10 Msun", 1e10, false, false),
    E10_MSUN_H("1e10 Msun/h", 1e10, true, false),
    LOG10_MSUN("log10 Msun", 1.0, false, true),
    LOG10_MSUN_H("log10 Msun/h", 1.0, true, true);

    private final String label;
    private final double scale;
    private final boolean perH;
    private final boolean log;

    MassUnit(String label, double scale, boolean perH, boolean log) {
        this.label = label;
        this.scale = scale;
        this.perH = perH;
        this.log = log;
    }

    public String label() {
        return label;
    }

    public boolean perH() {
        return perH;
    }

    public boolean isLog() {
        return log;
    }

    public double log10Msun(double value, double hubble) {
        if (log) {
            return perH ? value - Math.log10(hubble) : value;
        }
        if (!(value > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log10(perH ? value * scale / hubble : value * scale);
    }

    public static MassUnit parse(String s) {
        String t = s == null ? "" : s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        for (MassUnit u : values()) {
            if (u.label.toLowerCase(Locale.ROOT).equals(t)) {
                return u;
            }
        }
        throw new IllegalArgumentException("mass unit must be one of Msun, Msun/h, 1e10 Msun, 1e10 Msun/h, log10 Msun,"
                + " log10 Msun/h; got '" + s + "'");
    }
}
