package org.cosmicweb.graph;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cubic periodic box of side {@code size}. Separations follow the true minimum-image rule:
 * a component is wrapped when |Δ| &gt; L/2, whatever the linking length.
 */
public record PeriodicBox(double size) {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicBox.class);

    public PeriodicBox {
        if (!(size > 0) || !Double.isFinite(size)) {
            throw new IllegalArgumentException("box size must be positive and finite, got " + size);
        }
    }

    /** Minimum-image component of a − b, in (−L/2, L/2]. */
    public double delta(double a, double b) {
        double d = a - b;
        double half = 0.5 * size;
        if (d > half) {
            d -= size;
        } else if (d <= -half) {
            d += size;
        }
        return d;
    }

    /** Squared minimum-image distance between points i and j of a row-major [N, 3] array. */
    public double distanceSquared(double[] pos, int i, int j) {
        double dx = delta(pos[3 * i], pos[3 * j]);
        double dy = delta(pos[3 * i + 1], pos[3 * j + 1]);
        double dz = delta(pos[3 * i + 2], pos[3 * j + 2]);
        return dx * dx + dy * dy + dz * dz;
    }

    /** x wrapped into [0, L), including values that rounding put exactly on L. */
    public double wrap(double x) {
        double w = x - size * Math.floor(x / size);
        return (w >= size || w < 0) ? 0.0 : w;
    }

    /**
     * Checks positions: NaN or infinities are an error naming the node; finite positions outside
     * [0, L) are wrapped in a copy, with a warning that says how many. Returns the input itself when
     * nothing needed wrapping.
     */
    public double[] checkedPositions(double[] pos, String what) {
        if (pos.length % 3 != 0) {
            throw new IllegalArgumentException(what + " must hold 3 values per node, got length " + pos.length);
        }
        double[] out = pos;
        int wrapped = 0;
        for (int i = 0; i < pos.length; i++) {
            double x = pos[i];
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(what + " of node " + (i / 3) + " is " + x + " (expected a finite position)");
            }
            if (x < 0 || x >= size) {
                if (out == pos) {
                    out = pos.clone();
                }
                out[i] = wrap(x);
                wrapped++;
            }
        }
        if (wrapped > 0) {
            LOG.warn("{}: {} coordinates lay outside [0, {}) Mpc and were wrapped into the periodic box", what, wrapped,
                    size);
        }
        return out;
    }
}
