package org.cosmicweb.gnn.cuda;

import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.javacpp.FloatPointer;

import static org.bytedeco.cuda.global.cublas.CUBLAS_DEFAULT_MATH;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_T;
import static org.bytedeco.cuda.global.cublas.CUBLAS_TF32_TENSOR_OP_MATH;
import static org.bytedeco.cuda.global.cublas.cublasCreate_v2;
import static org.bytedeco.cuda.global.cublas.cublasDestroy_v2;
import static org.bytedeco.cuda.global.cublas.cublasSetMathMode;
import static org.bytedeco.cuda.global.cublas.cublasSgemmStridedBatched;

/**
 * Row-major matrix products of U heads at once on cuBLAS (column-major): a row-major [n, out] = [n, in]
 * · [in, out] is the column-major product out×in · in×n, so operands swap places and no copy is made.
 * Arguments are device addresses; a stride of 0 shares one operand across the heads.
 */
final class Blas implements AutoCloseable {
    /** Rows per slice of a weight gradient's long reduction (see {@link #backwardWeights}). */
    static final int SLICE = 2048;
    /**
     * Inputs or outputs narrower than this (3 node features, 6 edge features, the 2 outputs of the
     * head) go to plain kernels: cuBLAS ran a [100000, 3] · [3, 64] product in 19 ms on an H100.
     */
    static final int NARROW = 8;
    private final cublasContext handle = new cublasContext();
    private final Kernels kernels;
    private final Workspace ws;
    private final FloatPointer one = new FloatPointer(1f);
    private final FloatPointer zero = new FloatPointer(0f);

    /** @param tf32 let cuBLAS round products to TF32 on tensor cores (faster, ~1e-3 relative error) */
    Blas(boolean tf32, Kernels kernels, Workspace ws) {
        this.kernels = kernels;
        this.ws = ws;
        check(cublasCreate_v2(handle), "cublasCreate");
        check(cublasSetMathMode(handle, tf32 ? CUBLAS_TF32_TENSOR_OP_MATH : CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
    }

    private static void check(int status, String what) {
        if (status != 0) {
            throw new CudaException(what + " failed: cuBLAS status " + status);
        }
    }

    /** Ends a {@link Profile} interval named by the operation and its shape (built only when profiling). */
    private static void stop(String op, int heads, int n, int in, int out, long t0) {
        if (Profile.ON) {
            Profile.stop(op + " " + heads + "x" + n + "x" + in + ">" + out, t0);
        }
    }

    private static FloatPointer at(long address) {
        return DeviceArray.floatPointer(address);
    }

    /** y[u] = x[u] · w[u] (+ y[u] when accumulate); x [n, in], w [in, out], y [n, out]. */
    void forward(int heads, int n, int in, int out, long x, long xStride, long w, long wStride, long y, long yStride,
                 boolean accumulate) {
        long t0 = Profile.start();
        if (in < NARROW && !accumulate) {
            kernels.each("narrow_fwd", (long) heads * n * out, x, xStride, in, w, wStride, y, (long) n, out, heads);
            stop("narrow fwd", heads, n, in, out, t0);
            return;
        }
        check(cublasSgemmStridedBatched(handle, CUBLAS_OP_N, CUBLAS_OP_N, out, n, in, one, at(w), out, wStride,
                at(x), in, xStride, accumulate ? one : zero, at(y), out, yStride, heads), "cublasSgemm (forward)");
        stop("gemm fwd", heads, n, in, out, t0);
    }

    /** dx[u] = dy[u] · w[u]ᵀ; dy [n, out], w [in, out], dx [n, in]. */
    void backwardInput(int heads, int n, int in, int out, long dy, long dyStride, long w, long wStride, long dx,
                       long dxStride) {
        long t0 = Profile.start();
        check(cublasSgemmStridedBatched(handle, CUBLAS_OP_T, CUBLAS_OP_N, in, n, out, one, at(w), out, wStride,
                at(dy), out, dyStride, zero, at(dx), in, dxStride, heads), "cublasSgemm (input gradient)");
        stop("gemm dx", heads, n, in, out, t0);
    }

    /**
     * dw[u] += x[u]ᵀ · dy[u]; x [n, in], dy [n, out], dw [in, out]. The product is a reduction over n
     * (millions of edges) into a small matrix, which a batched product runs on one thread block per
     * head; it is cut into slices of {@link #SLICE} rows, one product per slice, whose partial sums
     * are added in a fixed order (deterministic).
     */
    void backwardWeights(int heads, int n, int in, int out, long x, long xStride, long dy, long dyStride, long dw,
                         long dwStride) {
        long t0 = Profile.start();
        int slices = n / SLICE;
        if ((in < NARROW || out < NARROW) && in * out <= 1024) {
            int b = Kernels.rowBlocks(n);
            DeviceArray part = ws.floats("blas.partial", (long) heads * b * in * out);
            kernels.launch("xt_dy_partial", b, heads, 16 * (in + out) * 4, x, xStride, in, dy, dyStride, out, (long) n,
                    part.address());
            kernels.reducePartials(part, b, in * out, 0, in * out, heads, dw, dwStride, 0);
        } else if (slices < 2) {
            weights(heads, n, in, out, x, xStride, dy, dyStride, one, dw, dwStride);
        } else {
            long size = (long) in * out;
            DeviceArray part = ws.floats("blas.partial", heads * slices * size);
            for (int u = 0; u < heads; u++) {
                check(cublasSgemmStridedBatched(handle, CUBLAS_OP_N, CUBLAS_OP_T, out, in, SLICE, one,
                        at(dy + 4 * u * dyStride), out, (long) SLICE * out, at(x + 4 * u * xStride), in, (long) SLICE * in,
                        zero, at(part.at(u * slices * size)), out, size, slices), "cublasSgemm (weight gradient slices)");
            }
            long done = (long) slices * SLICE;
            if (done < n) {
                weights(heads, (int) (n - done), in, out, x + 4 * done * in, xStride, dy + 4 * done * out, dyStride, one,
                        dw, dwStride);
            }
            kernels.reducePartials(part, slices, (int) size, 0, (int) size, heads, dw, dwStride, 0);
        }
        stop("gemm dw", heads, n, in, out, t0);
    }

    private void weights(int heads, int n, int in, int out, long x, long xStride, long dy, long dyStride,
                         FloatPointer beta, long dw, long dwStride) {
        check(cublasSgemmStridedBatched(handle, CUBLAS_OP_N, CUBLAS_OP_T, out, in, n, one, at(dy), out, dyStride,
                at(x), in, xStride, beta, at(dw), out, dwStride, heads), "cublasSgemm (weight gradient)");
    }

    @Override
    public void close() {
        cublasDestroy_v2(handle);
        one.close();
        zero.close();
    }
}
