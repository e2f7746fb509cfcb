package org.cosmicweb.graph;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The minimum-image rule at its edges: separations of exactly half the box, and the wrap at the faces. */
class PeriodicBoxTest {
    private static final PeriodicBox BOX = new PeriodicBox(10);

    @Test
    void halfTheBoxIsKeptOnThePositiveSideAndNeverFlipsSign() {
        // The component lies in (-L/2, L/2]: +L/2 stays, -L/2 becomes +L/2.
        assertEquals(5.0, BOX.delta(7.5, 2.5));
        assertEquals(5.0, BOX.delta(2.5, 7.5));
        assertEquals(5.0, BOX.delta(10, 5));
        assertEquals(5.0, BOX.delta(0, 5));
        // Just inside and just past half the box.
        assertEquals(4.999, BOX.delta(7.499, 2.5), 1e-12);
        assertEquals(-4.999, BOX.delta(2.501, 7.5), 1e-12);
        assertEquals(-4.999, BOX.delta(7.501, 2.5), 1e-12);
        assertEquals(4.999, BOX.delta(2.5, 7.501), 1e-12);
        assertEquals(0.0, BOX.delta(3, 3));
    }

    @Test
    void deltaIsTheNearestImageOfEveryPairAndAntisymmetricAwayFromHalfTheBox() {
        SplittableRandom r = new SplittableRandom(4);
        for (int t = 0; t < 10_000; t++) {
            double a = r.nextDouble() * 10;
            double b = r.nextDouble() * 10;
            double d = BOX.delta(a, b);
            assertTrue(d > -5 && d <= 5, "delta " + d);
            // Independent reference: the shortest of the three images of b.
            double best = a - b;
            for (double s : new double[] {-10, 10}) {
                if (Math.abs(a - (b + s)) < Math.abs(best)) {
                    best = a - (b + s);
                }
            }
            assertEquals(Math.abs(best), Math.abs(d), 1e-12);
            assertEquals(-d, BOX.delta(b, a), 1e-12);
        }
    }

    @Test
    void wrapMapsTheFacesAndRoundingIntoTheBox() {
        assertEquals(0.0, BOX.wrap(10));
        assertEquals(0.0, BOX.wrap(0));
        assertEquals(9.5, BOX.wrap(-0.5), 1e-12);
        assertEquals(0.5, BOX.wrap(20.5), 1e-12);
        // -1e-17 + 10 rounds to exactly 10 in double: wrapped to 0, never left on the face.
        double w = BOX.wrap(-1e-17);
        assertTrue(w >= 0 && w < 10, "wrapped to " + w);
        assertThrows(IllegalArgumentException.class, () -> new PeriodicBox(0));
        assertThrows(IllegalArgumentException.class, () -> BOX.checkedPositions(new double[] {1, Double.NaN, 2}, "p"));
    }
}
