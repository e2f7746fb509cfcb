package org.cosmicweb.common;

/** Numbers as a person writes them in a message or a table. */
public final class Numbers {
    private Numbers() {
    }

    /** A whole number without ".0" (12001, not 12001.0); anything else as {@link Double#toString}. */
    public static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
