package org.cosmicweb.gnn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector math whose results never depend on whether the JIT has compiled the caller. The Vector
 * API leaves the order of {@code reduceLanes(ADD)} and the accuracy of {@code lanewise(EXP)} to the
 * implementation, and the interpreter's fallback and C2's intrinsics differ in the last bits, so a
 * training run would change with timing. Here every result is made of IEEE additions,
 * multiplications and fused multiply-adds in a fixed order, and each vector routine has a scalar twin
 * that gives the same bits lane for lane.
 *
 * <p>exp: range reduction x = n ln 2 + f with n = round(x / ln 2) (by the 1.5·2²³ rounding trick) and
 * ln 2 split in two parts, e^f by the degree-6 minimax polynomial of Cephes' expf, then 2^n by
 * building the float's exponent bits; relative error below 2e-7 on [−87, 88], inputs clamped there.
 */
public final class VectorMath {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float MAGIC = 12582912f; // 1.5 * 2^23
    private static final int MAGIC_BITS = 0x4B400000;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float LO = -87.3f;
    private static final float HI = 88.3f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    private VectorMath() {
    }

    /**
     * The engine's vector species: the machine's preferred width (512 bits with AVX-512, 256 with
     * AVX2), or the width in bits given by {@code -Dcosmicweb.vector.bits=128|256|512}. A run's numbers
     * are reproducible for a width; another width sums in other groupings (differences near float
     * rounding).
     */
    public static final jdk.incubator.vector.VectorSpecies<Float> S = species(Integer.getInteger("cosmicweb.vector.bits", 0));
    private static final jdk.incubator.vector.VectorSpecies<Float> S8 = S;
    private static final jdk.incubator.vector.VectorShuffle<Float> XOR8 = xor(8);
    private static final jdk.incubator.vector.VectorShuffle<Float> XOR4 = xor(4);
    private static final jdk.incubator.vector.VectorShuffle<Float> XOR2 = xor(2);
    private static final jdk.incubator.vector.VectorShuffle<Float> XOR1 = xor(1);

    static jdk.incubator.vector.VectorSpecies<Float> species(int bits) {
        return switch (bits) {
            case 0 -> FloatVector.SPECIES_PREFERRED.length() >= 4 ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_128;
            case 128 -> FloatVector.SPECIES_128;
            case 256 -> FloatVector.SPECIES_256;
            case 512 -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException("cosmicweb.vector.bits must be 128, 256 or 512, got " + bits);
        };
    }

    private static jdk.incubator.vector.VectorShuffle<Float> xor(int step) {
        return step < S.length() ? jdk.incubator.vector.VectorShuffle.fromOp(S, i -> i ^ step) : null;
    }

    /**
     * Sum of the lanes in a fixed order: for 4 to 16 lanes by butterfly steps (lane i plus lane
     * i xor L/2, then xor L/4, ..., then xor 1), otherwise lane by lane.
     */
    public static float laneSum(FloatVector v) {
        if (v.species() == S && S.length() >= 4 && S.length() <= 16) {
            FloatVector a = v;
            if (S.length() == 16) {
                a = a.add(a.rearrange(XOR8));
            }
            if (S.length() >= 8) {
                a = a.add(a.rearrange(XOR4));
            }
            a = a.add(a.rearrange(XOR2));
            a = a.add(a.rearrange(XOR1));
            return a.lane(0);
        }
        float s = 0f;
        for (int i = 0; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }

    /** dst[d .. d+len) += src[s .. s+len), vectorised (each element one IEEE addition, as the scalar loop). */
    public static void addRow(float[] dst, int d, float[] src, int s, int len) {
        int j = 0;
        for (; j + S8.length() <= len; j += S8.length()) {
            FloatVector.fromArray(S8, dst, d + j).add(FloatVector.fromArray(S8, src, s + j)).intoArray(dst, d + j);
        }
        for (; j < len; j++) {
            dst[d + j] += src[s + j];
        }
    }

    /** dst[d + j] = fma(a, x[xo + j], dst[d + j]) for j in [0, len): a·x + dst with one rounding, vector or scalar. */
    public static void axpy(float[] dst, int d, float a, float[] x, int xo, int len) {
        int j = 0;
        FloatVector av = FloatVector.broadcast(S8, a);
        for (; j + S8.length() <= len; j += S8.length()) {
            FloatVector.fromArray(S8, x, xo + j).fma(av, FloatVector.fromArray(S8, dst, d + j)).intoArray(dst, d + j);
        }
        for (; j < len; j++) {
            dst[d + j] = Math.fma(x[xo + j], a, dst[d + j]);
        }
    }

    /** dst[d .. d+len) += a[i .. i+len) + b[k .. k+len), vectorised; the same bits as the scalar loop. */
    public static void addRows(float[] dst, int d, float[] a, int i, float[] b, int k, int len) {
        int j = 0;
        for (; j + S8.length() <= len; j += S8.length()) {
            FloatVector sum = FloatVector.fromArray(S8, a, i + j).add(FloatVector.fromArray(S8, b, k + j));
            FloatVector.fromArray(S8, dst, d + j).add(sum).intoArray(dst, d + j);
        }
        for (; j < len; j++) {
            dst[d + j] += a[i + j] + b[k + j];
        }
    }

    /** e^x lane by lane for vectors of the engine's species {@link #S}; the same bits as {@link #exp(float)}. */
    public static FloatVector exp(FloatVector x) {
        // The species must be a constant for C2 to intrinsify the operations (else every one allocates).
        jdk.incubator.vector.VectorSpecies<Float> sp = S8;
        FloatVector c = x.max(LO).min(HI);
        FloatVector t = c.fma(LOG2E, MAGIC);
        FloatVector n = t.sub(MAGIC);
        IntVector bits = (IntVector) t.reinterpretAsInts();
        IntVector scale = bits.sub(MAGIC_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        FloatVector f = n.fma(FloatVector.broadcast(sp, -LN2_HI), c);
        f = n.fma(FloatVector.broadcast(sp, -LN2_LO), f);
        FloatVector p = f.fma(P0, P1);
        p = p.fma(f, FloatVector.broadcast(sp, P2));
        p = p.fma(f, FloatVector.broadcast(sp, P3));
        p = p.fma(f, FloatVector.broadcast(sp, P4));
        p = p.fma(f, FloatVector.broadcast(sp, P5));
        p = p.mul(f).fma(f, f).add(1f);
        return p.mul(scale.reinterpretAsFloats());
    }

    /** e^x by the same operations as the vector version. */
    public static float exp(float x) {
        float c = Math.min(Math.max(x, LO), HI);
        float t = Math.fma(c, LOG2E, MAGIC);
        float n = t - MAGIC;
        int bits = Float.floatToRawIntBits(t);
        float scale = Float.intBitsToFloat((bits - (MAGIC_BITS - 127)) << 23);
        float f = Math.fma(n, -LN2_HI, c);
        f = Math.fma(n, -LN2_LO, f);
        float p = Math.fma(f, P0, P1);
        p = Math.fma(p, f, P2);
        p = Math.fma(p, f, P3);
        p = Math.fma(p, f, P4);
        p = Math.fma(p, f, P5);
        p = Math.fma(p * f, f, f) + 1f;
        return p * scale;
    }
}
