package org.cosmicweb.gnn.cuda;

/**
 * What the GPU layers share: the kernels, cuBLAS, the workspace, and the flat parameter and
 * gradient vectors, with the reductions that need a two-stage (deterministic) column sum.
 */
final class Ops {
    final Kernels k;
    final Blas blas;
    final Workspace ws;
    final DeviceArray params;
    final DeviceArray grads;

    Ops(Kernels k, Blas blas, Workspace ws, DeviceArray params, DeviceArray grads) {
        this.k = k;
        this.blas = blas;
        this.ws = ws;
        this.params = params;
        this.grads = grads;
    }

    long param(long offset) {
        return params.at(offset);
    }

    long grad(long offset) {
        return grads.at(offset);
    }

    /** out = SiLU(LayerNorm(z (+ bias))) over [U, rows, h]; bias offset -1 for none (z keeps the bias). */
    void layerNormSilu(DeviceArray z, long biasOff, long gammaOff, long stride, DeviceArray mean, DeviceArray rstd,
                       DeviceArray out, long rows, int heads) {
        int grid = Kernels.grid(heads * rows * 32);
        k.launch("ln_silu_fwd", grid, 1, 0, z.address(), params.address(), stride, biasOff, gammaOff, mean.address(),
                rstd.address(), out.address(), rows, heads);
    }

    /**
     * In place: d holds ∂L/∂out on entry and ∂L/∂z on return; accumulates dγ and dβ, and the gradient
     * of the bias added to z before the norm when {@code biasOff} &gt;= 0.
     */
    void layerNormSiluBackward(DeviceArray z, long gammaOff, long biasOff, long stride, DeviceArray mean,
                               DeviceArray rstd, DeviceArray d, long rows, int h, int heads) {
        int b = Kernels.rowBlocks(rows);
        DeviceArray partial = ws.floats("partial", (long) heads * b * 3 * h);
        k.launch("ln_silu_bwd", b, heads, 0, z.address(), params.address(), stride, gammaOff, mean.address(),
                rstd.address(), d.address(), d.address(), partial.address(), rows);
        k.reducePartials(partial, b, 3 * h, 0, 2 * h, heads, grads.address(), stride, gammaOff);
        if (biasOff >= 0) {
            k.reducePartials(partial, b, 3 * h, 2 * h, h, heads, grads.address(), stride, biasOff);
        }
    }

    /** grad[offset + u * stride + j] += Σ_r y[u, r, j] for y [U, rows, w]. */
    void columnSums(DeviceArray y, long rows, int w, int heads, long offset, long stride) {
        int b = Kernels.rowBlocks(rows);
        DeviceArray partial = ws.floats("partial", (long) heads * b * w);
        k.launch("colsum_partial", b, heads, Kernels.BLOCK * 4, y.address(), rows, w, partial.address());
        k.reducePartials(partial, b, w, 0, w, heads, grads.address(), stride, offset);
    }
}
