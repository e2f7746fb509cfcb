package org.cosmicweb.gnn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each aggregation on a hand-built 4-node graph against values computed by hand. */
class AggregationTest {
    // Node 0 receives edges 0, 1, 2; node 1 receives edge 3; node 2 none; node 3 receives edge 4.
    static final int[] OFFSETS = {0, 3, 4, 4, 5};
    // Two channels per message.
    static final float[] MSG = {1, -2, 3, 5, -4, 0, 7, 7, 2, -1};

    private static float[] forward(Aggregation a, float[] dirs, Aggregation.Saved saved) {
        return a.forward(MSG, 2, OFFSETS, 4, dirs, saved);
    }

    @Test
    void forwardByHand() {
        Aggregation.Saved max = new Aggregation.Saved();
        assertArrayEquals(new float[] {0, 3, 7, 7, 0, 0, 2, -1}, forward(Aggregation.SUM, null, new Aggregation.Saved()));
        assertArrayEquals(new float[] {0, 1, 7, 7, 0, 0, 2, -1}, forward(Aggregation.MEAN, null, new Aggregation.Saved()));
        assertArrayEquals(new float[] {3, 5, 7, 7, 0, 0, 2, -1}, forward(Aggregation.MAX, null, max));
        assertArrayEquals(new int[] {1, 1, 3, 3, -1, -1, 4, 4}, max.argmax);
        assertArrayEquals(new float[] {0, 3, 0, 1, 3, 5, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0, 2, -1, 2, -1, 2, -1},
                forward(Aggregation.MULTI, null, new Aggregation.Saved()));
    }

    @Test
    void backwardByHand() {
        Aggregation.Saved max = new Aggregation.Saved();
        forward(Aggregation.MAX, null, max);
        float[] dout = {1, 2, 3, 4, 5, 6, 7, 8};
        // Max: only the winning edge of each channel gets the gradient.
        assertArrayEquals(new float[] {0, 0, 1, 2, 0, 0, 3, 4, 7, 8}, Aggregation.MAX.backward(dout, 2, OFFSETS, 4, null, max));
        // Mean: each of node 0's three edges gets a third.
        float t = 1f / 3;
        assertArrayEquals(new float[] {t, 2 * t, t, 2 * t, t, 2 * t, 3, 4, 7, 8},
                Aggregation.MEAN.backward(dout, 2, OFFSETS, 4, null, new Aggregation.Saved()), 1e-7f);
        assertArrayEquals(new float[] {1, 2, 1, 2, 1, 2, 3, 4, 7, 8},
                Aggregation.SUM.backward(dout, 2, OFFSETS, 4, null, new Aggregation.Saved()));
    }

    /**
     * MULTI_SHEAR with l = 4: each message has 4 channels for sum, mean and max and a fifth (a quarter of
     * 4) that only the anisotropy reads. Node 0 gets e0 = (1, 0, 0, 0 | 2) along x and e1 = (3, 1, 0, −1 | 1)
     * along y: T = diag(2, 1, 0), traceless diag(1, 0, −1), A = √(2 + 1e-6). Node 1 has no edges.
     */
    @Test
    void shearByHand() {
        int[] offsets = {0, 2, 2};
        float[] msg = {1, 0, 0, 0, 2, 3, 1, 0, -1, 1};
        float[] dirs = {1, 0, 0, 0, 1, 0};
        Aggregation a = Aggregation.MULTI_SHEAR;
        assertEquals(5, a.messageWidth(4));
        assertEquals(13, a.outWidth(4));
        Aggregation.Saved saved = new Aggregation.Saved();
        float[] out = a.forward(msg, 4, offsets, 2, dirs, saved);
        float root2 = (float) Math.sqrt(2 + 1e-6);
        float eps = (float) Math.sqrt(1e-6);
        assertArrayEquals(new float[] {4, 1, 0, -1, 2, 0.5f, 0, -0.5f, 3, 1, 0, 0, root2,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, eps}, out, 1e-6f);
        // A gradient of 1 on node 0's sum of channel 0 and on its anisotropy: channel 0 of both edges gets 1;
        // the fifth channel gets d̂ᵀ T̃ d̂ / A, 1/√2 along x and 0 along y; channels 1-3 get nothing.
        float[] dout = new float[26];
        dout[0] = 1;
        dout[12] = 1;
        float[] dmsg = a.backward(dout, 4, offsets, 2, dirs, saved);
        assertArrayEquals(new float[] {1, 0, 0, 0, 1 / root2, 1, 0, 0, 0, 0}, dmsg, 1e-6f);
    }

    @Test
    void anisotropyByHand() {
        // Node 0: edges along +x, -x and +y; node 1: one edge along z; node 3: one edge along x.
        float[] dirs = {1, 0, 0, -1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0};
        float[] out = forward(Aggregation.MULTI_ANISOTROPY, dirs, new Aggregation.Saved());
        // Channel 0 of node 0: messages 1, 3, -4: T = diag(1 + 3, -4, 0) = diag(4, -4, 0), trace 0,
        // so the traceless part is diag(4, -4, 0): norm sqrt(32).
        assertEquals(Math.sqrt(32 + 1e-6), out[6], 1e-5);
        // Channel 1: messages -2, 5, 0: T = diag(3, 0, 0), traceless diag(2, -1, -1): sqrt(6).
        assertEquals(Math.sqrt(6 + 1e-6), out[7], 1e-5);
        // A single edge with message m: T = m zz, traceless m diag(-1/3, -1/3, 2/3): |m| sqrt(2/3).
        assertEquals(7 * Math.sqrt(2.0 / 3), out[8 + 6], 1e-5);
        // Node 2 has no edges: sqrt(eps).
        assertEquals(1e-3, out[16 + 6], 1e-7);
        // Sum, mean and max come first, as in MULTI.
        assertArrayEquals(new float[] {0, 3, 0, 1, 3, 5}, java.util.Arrays.copyOfRange(out, 0, 6));
    }

    @Test
    void anisotropyIsInvariantUnderRotationsOfTheDirections() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        float[] dirs = new float[15];
        for (int e = 0; e < 5; e++) {
            double[] v = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            for (int a = 0; a < 3; a++) {
                dirs[3 * e + a] = (float) (v[a] / n);
            }
        }
        // A rotation by 0.7 rad about z followed by a reflection of x.
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        float[] turned = new float[15];
        for (int e = 0; e < 5; e++) {
            float x = dirs[3 * e];
            float y = dirs[3 * e + 1];
            turned[3 * e] = (float) -(c * x - s * y);
            turned[3 * e + 1] = (float) (s * x + c * y);
            turned[3 * e + 2] = dirs[3 * e + 2];
        }
        assertArrayEquals(forward(Aggregation.MULTI_ANISOTROPY, dirs, new Aggregation.Saved()),
                forward(Aggregation.MULTI_ANISOTROPY, turned, new Aggregation.Saved()), 1e-5f);
        // The negative control: a rotated direction of one edge alone changes the output.
        turned[0] = dirs[1];
        turned[1] = -dirs[0];
        turned[2] = dirs[2];
        turned[3] = dirs[3];
        turned[4] = dirs[4];
        turned[5] = dirs[5];
        float[] a = forward(Aggregation.MULTI_ANISOTROPY, dirs, new Aggregation.Saved());
        float[] b = forward(Aggregation.MULTI_ANISOTROPY, turned, new Aggregation.Saved());
        org.junit.jupiter.api.Assertions.assertNotEquals(a[6], b[6], 1e-4f);
    }
}
