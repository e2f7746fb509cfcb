package org.cosmicweb.gnn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.List;

/**
 * LayerNorm over each row followed by SiLU, fused:
 * x̂ = (z − μ) / sqrt(σ² + ε), a = γ x̂ + β, s = a · sigmoid(a).
 * The forward pass keeps x̂, 1/sqrt(σ² + ε) and sigmoid(a) for the backward pass:
 * ∂s/∂a = σ(a) (1 + a (1 − σ(a))), and the LayerNorm backward
 * ∂z = (1/sqrt(σ²+ε)) (g − mean(g) − x̂ mean(g x̂)) with g = γ ∂a.
 */
public final class LayerNormSilu {
    static final float EPS = 1e-5f;
    private static final int ROWS = 512;
    private static final VectorSpecies<Float> S = Gemm.S;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    public final int width;
    public final Param gamma;
    public final Param beta;

    /** Saved activations of one forward pass over n rows (arrays may be longer: reused). */
    public static final class Cache {
        final int n;
        final float[] xhat;
        final float[] rstd;
        final float[] sig;
        public final float[] out;

        Cache(int n, int width) {
            this(n, new float[n * width], new float[n], new float[n * width], new float[n * width]);
        }

        private Cache(int n, float[] xhat, float[] rstd, float[] sig, float[] out) {
            this.n = n;
            this.xhat = xhat;
            this.rstd = rstd;
            this.sig = sig;
            this.out = out;
        }
    }

    private final Buffer xhatBuf = new Buffer();
    private final Buffer rstdBuf = new Buffer();
    private final Buffer sigBuf = new Buffer();
    private final Buffer outBuf = new Buffer();
    private final Buffer dzBuf = new Buffer();
    private final Buffer partBuf = new Buffer();

    public LayerNormSilu(String name, int width) {
        this.width = width;
        gamma = new Param(name + ".gamma", width, false);
        beta = new Param(name + ".beta", width, false);
        java.util.Arrays.fill(gamma.value, 1f);
    }

    public void params(List<Param> into) {
        into.add(gamma);
        into.add(beta);
    }

    /** Forward over n rows; the cache is reused buffers, valid until this layer's next forward. */
    public Cache forward(float[] z, int n) {
        Cache c = new Cache(n, xhatBuf.get(n * width), rstdBuf.get(n), sigBuf.get(n * width), outBuf.get(n * width));
        Parallel.forChunks(n, ROWS, (chunk, lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                forwardRow(z, r * width, c, r);
            }
        });
        return c;
    }

    void forwardRow(float[] z, int o, Cache c, int r) {
        int h = width;
        float[] g = gamma.value;
        float[] bt = beta.value;
        int vec = h - h % Gemm.L;
        FloatVector acc = FloatVector.zero(S);
        for (int j = 0; j < vec; j += Gemm.L) {
            acc = acc.add(FloatVector.fromArray(S, z, o + j));
        }
        float sum = VectorMath.laneSum(acc);
        for (int j = vec; j < h; j++) {
            sum += z[o + j];
        }
        float mean = sum / h;
        FloatVector mv = FloatVector.broadcast(S, mean);
        FloatVector accv = FloatVector.zero(S);
        for (int j = 0; j < vec; j += Gemm.L) {
            FloatVector d = FloatVector.fromArray(S, z, o + j).sub(mv);
            accv = d.fma(d, accv);
        }
        float var = VectorMath.laneSum(accv);
        for (int j = vec; j < h; j++) {
            float d = z[o + j] - mean;
            var += d * d;
        }
        float rs = (float) (1.0 / Math.sqrt(var / h + EPS));
        c.rstd[r] = rs;
        FloatVector rsv = FloatVector.broadcast(S, rs);
        for (int j = 0; j < vec; j += Gemm.L) {
            FloatVector xh = FloatVector.fromArray(S, z, o + j).sub(mv).mul(rsv);
            FloatVector a = xh.fma(FloatVector.fromArray(S, g, j), FloatVector.fromArray(S, bt, j));
            FloatVector sg = ONE.div(VectorMath.exp(a.neg()).add(1f));
            xh.intoArray(c.xhat, o + j);
            sg.intoArray(c.sig, o + j);
            a.mul(sg).intoArray(c.out, o + j);
        }
        for (int j = vec; j < h; j++) {
            float xh = (z[o + j] - mean) * rs;
            float a = g[j] * xh + bt[j];
            float sg = 1f / (VectorMath.exp(-a) + 1f);
            c.xhat[o + j] = xh;
            c.sig[o + j] = sg;
            c.out[o + j] = a * sg;
        }
    }

    /** Accumulates dγ and dβ; returns ∂loss/∂z (a reused buffer, valid until this layer's next backward). */
    public float[] backward(Cache c, float[] dout) {
        int n = c.n;
        int h = width;
        float[] dz = dzBuf.get(n * h);
        int chunks = Parallel.chunks(n, ROWS);
        // Per chunk: dγ then dβ.
        float[] part = partBuf.zeros(chunks * 2 * h);
        Parallel.forChunks(n, ROWS, (chunk, lo, hi) -> {
            int o = chunk * 2 * h;
            float[] gd = new float[h];
            for (int r = lo; r < hi; r++) {
                backwardRow(c, dout, r * h, r, dz, part, o, part, o + h, gd);
            }
        });
        for (int k = 0; k < chunks; k++) {
            VectorMath.addRow(gamma.grad, 0, part, k * 2 * h, h);
            VectorMath.addRow(beta.grad, 0, part, k * 2 * h + h, h);
        }
        return dz;
    }

    /**
     * Backward of one row: writes ∂z of the row, adds the row's dγ to dg[dgo..] and dβ to db[dbo..];
     * gd is [h] scratch.
     */
    void backwardRow(Cache c, float[] dout, int o, int r, float[] dz, float[] dg, int dgo, float[] db, int dbo,
                     float[] gd) {
        int h = width;
        float[] g = gamma.value;
        float[] bt = beta.value;
        int vec = h - h % Gemm.L;
        FloatVector mgv = FloatVector.zero(S);
        FloatVector mgxv = FloatVector.zero(S);
        for (int j = 0; j < vec; j += Gemm.L) {
            FloatVector xh = FloatVector.fromArray(S, c.xhat, o + j);
            FloatVector sg = FloatVector.fromArray(S, c.sig, o + j);
            FloatVector gj = FloatVector.fromArray(S, g, j);
            FloatVector a = xh.fma(gj, FloatVector.fromArray(S, bt, j));
            // da = dout * s * (1 + a (1 - s))
            FloatVector da = FloatVector.fromArray(S, dout, o + j).mul(sg).mul(a.mul(ONE.sub(sg)).add(1f));
            da.fma(xh, FloatVector.fromArray(S, dg, dgo + j)).intoArray(dg, dgo + j);
            da.add(FloatVector.fromArray(S, db, dbo + j)).intoArray(db, dbo + j);
            FloatVector q = da.mul(gj);
            q.intoArray(gd, j);
            mgv = mgv.add(q);
            mgxv = q.fma(xh, mgxv);
        }
        float mg = VectorMath.laneSum(mgv);
        float mgx = VectorMath.laneSum(mgxv);
        for (int j = vec; j < h; j++) {
            float xh = c.xhat[o + j];
            float sg = c.sig[o + j];
            float a = g[j] * xh + bt[j];
            float da = dout[o + j] * sg * (1f + a * (1f - sg));
            dg[dgo + j] = Math.fma(da, xh, dg[dgo + j]);
            db[dbo + j] += da;
            float q = da * g[j];
            gd[j] = q;
            mg += q;
            mgx += q * xh;
        }
        mg /= h;
        mgx /= h;
        float rs = c.rstd[r];
        FloatVector mgb = FloatVector.broadcast(S, mg);
        FloatVector mgxb = FloatVector.broadcast(S, mgx);
        for (int j = 0; j < vec; j += Gemm.L) {
            FloatVector xh = FloatVector.fromArray(S, c.xhat, o + j);
            FloatVector.fromArray(S, gd, j).sub(mgb).sub(xh.mul(mgxb)).mul(rs).intoArray(dz, o + j);
        }
        for (int j = vec; j < h; j++) {
            dz[o + j] = rs * (gd[j] - mg - c.xhat[o + j] * mgx);
        }
    }
}
