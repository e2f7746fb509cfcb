package org.cosmicweb.gnn;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vector exp against its scalar twin (bit for bit) and against Math.exp (accuracy). */
class VectorMathTest {
    private static float[] vectorExp(float[] x) {
        int l = VectorMath.S.length();
        float[] out = new float[x.length];
        for (int i = 0; i + l <= x.length; i += l) {
            VectorMath.exp(FloatVector.fromArray(VectorMath.S, x, i)).intoArray(out, i);
        }
        return out;
    }

    /** Inputs on both clamps, every power of two the range reduction can produce, and random values. */
    private static float[] inputs() {
        int l = VectorMath.S.length();
        Random rnd = new Random(7);
        float[] special = {0f, -0f, 1f, -1f, 1e-30f, -1e-30f, -87.3f, 88.3f, -200f, 200f, -87.5f, 88.5f,
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        int n = special.length + 2 * 254 + 20000;
        float[] x = new float[(n + l - 1) / l * l];
        System.arraycopy(special, 0, x, 0, special.length);
        int k = special.length;
        for (int p = -126; p <= 127; p++) {
            x[k++] = (float) (p * Math.log(2));
            x[k++] = (float) ((p + 0.49) * Math.log(2));
        }
        while (k < x.length) {
            x[k++] = (float) (rnd.nextDouble() * 180 - 90);
        }
        return x;
    }

    @Test
    void vectorExpGivesTheScalarTwinsBitsInEveryLane() {
        float[] x = inputs();
        float[] v = vectorExp(x);
        for (int i = 0; i < x.length; i++) {
            float xi = x[i];
            assertEquals(Float.floatToRawIntBits(VectorMath.exp(xi)), Float.floatToRawIntBits(v[i]),
                    () -> "exp(" + xi + ")");
        }
    }

    @Test
    void expIsWithinItsStatedRelativeErrorOfMathExpInsideTheClamp() {
        float[] x = inputs();
        float[] v = vectorExp(x);
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= -87.3f && x[i] <= 88.3f) {
                double want = Math.exp(x[i]);
                assertEquals(want, v[i], 2e-7 * want + Float.MIN_NORMAL, "exp(" + x[i] + ")");
            }
        }
        assertEquals(1f, v[0]);
        assertEquals((float) Math.exp(-87.3f), v[10], 2e-7 * Math.exp(-87.3f), "below the clamp: exp(LO)");
        assertEquals((float) Math.exp(88.3f), v[11], 2e-7 * Math.exp(88.3f), "above the clamp: exp(HI)");
    }
}
