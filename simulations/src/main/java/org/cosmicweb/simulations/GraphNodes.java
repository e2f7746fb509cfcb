package org.cosmicweb.simulations;

import java.util.Locale;

/**
 * Which subhalos are the nodes of a cosmic graph.
 *
 * <p>{@link #SELECTED}: the galaxies that pass every cut, stellar ones included (the reference's
 * choice, Wu and Jespersen 2023). A dark-matter-only run cannot reproduce that node set, since it
 * has no stellar masses. {@link #DMO}: every subhalo that passes the dark-matter cuts (dark mass,
 * SubhaloFlag), so a graph can be built from a dark-matter-only run alone; the galaxies that also
 * pass the stellar cuts are the only ones scored, the others only send messages.
 */
public enum GraphNodes {
    SELECTED,
    DMO;

    /** The name on the command line and in model files. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GraphNodes parse(String s) {
        for (GraphNodes g : values()) {
            if (g.key().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("graph nodes must be 'selected' or 'dmo', got '" + s + "'");
    }
}
