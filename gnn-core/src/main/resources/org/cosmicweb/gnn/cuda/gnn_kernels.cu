// Kernels of the GPU training step, compiled at run time by NVRTC for the device's own architecture.
// Layouts are row-major like the CPU engine's: a tensor of U unshared heads is [U][rows][width], and
// head u's parameters sit at params + u * headStride. Every reduction runs in a fixed order, so a
// step is deterministic for a given device. Indices are 64-bit: U * E * h passes 2^31 on big graphs.
typedef long long i64;

#define GRID_STRIDE(t, total) \
    for (i64 t = blockIdx.x * (i64) blockDim.x + threadIdx.x; t < (total); t += (i64) gridDim.x * blockDim.x)

__device__ __forceinline__ float warp_sum(float v) {
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ float sigmoidf(float a) { return 1.0f / (1.0f + expf(-a)); }

extern "C" {

// First edge layer, fused with the gather:
// z1[u,e,j] = pa[u,recv[e],j] + pb[u,send[e],j] + b1[u,j] + sum_k ef[e,k] wc[u,k,j]
__global__ void edge_first(const float* pa, i64 paStride, const float* pb, i64 pbStride,
                           const float* ef, int ed, const float* params, i64 headStride, i64 wcOff, i64 b1Off,
                           const int* recv, const int* send, float* z1, i64 E, int h, int U) {
    GRID_STRIDE(t, (i64) U * E * h) {
        int j = (int) (t % h);
        i64 ue = t / h;
        i64 e = ue % E;
        int u = (int) (ue / E);
        const float* w = params + u * headStride;
        float s = 0.0f;
        for (int k = 0; k < ed; k++) s += ef[e * ed + k] * w[wcOff + (i64) k * h + j];
        s += w[b1Off + j];
        s += pa[u * paStride + (i64) recv[e] * h + j] + pb[u * pbStride + (i64) send[e] * h + j];
        z1[t] = s;
    }
}

// y[u,r,j] += b[u,j]
__global__ void bias_add(float* y, const float* params, i64 headStride, i64 bOff, i64 rows, int w, int U) {
    GRID_STRIDE(t, (i64) U * rows * w) {
        int j = (int) (t % w);
        int u = (int) (t / ((i64) rows * w));
        y[t] += params[u * headStride + bOff + j];
    }
}

// LayerNorm then SiLU over each row of z [U, rows, h], one warp per row. When bOff >= 0 the bias
// params[bOff + j] is first added to z in place (z is kept for the backward pass).
__global__ void ln_silu_fwd(float* z, const float* params, i64 headStride, i64 bOff, i64 gOff,
                            float* mean, float* rstd, float* out, i64 rows, int h, int U) {
    int lane = threadIdx.x & 31;
    i64 warp = (blockIdx.x * (i64) blockDim.x + threadIdx.x) >> 5;
    i64 warps = ((i64) gridDim.x * blockDim.x) >> 5;
    for (i64 r = warp; r < rows * U; r += warps) {
        int u = (int) (r / rows);
        const float* p = params + u * headStride;
        float* zr = z + r * h;
        float s = 0.0f;
        for (int j = lane; j < h; j += 32) {
            float v = zr[j];
            if (bOff >= 0) {
                v += p[bOff + j];
                zr[j] = v;
            }
            s += v;
        }
        float mu = warp_sum(s) / h;
        float q = 0.0f;
        for (int j = lane; j < h; j += 32) {
            float d = zr[j] - mu;
            q += d * d;
        }
        float rs = 1.0f / sqrtf(warp_sum(q) / h + 1e-5f);
        if (lane == 0) {
            mean[r] = mu;
            rstd[r] = rs;
        }
        for (int j = lane; j < h; j += 32) {
            float a = p[gOff + j] * ((zr[j] - mu) * rs) + p[gOff + h + j];
            out[r * h + j] = a * sigmoidf(a);
        }
    }
}

// Backward of ln_silu_fwd; dz may alias dout. Grid (blocks, U), 256 threads, 2 * 8 * h floats of
// shared memory. Writes each block's partial dgamma | dbeta to partial [U, blocks, 2h].
__global__ void ln_silu_bwd(const float* z, const float* params, i64 headStride, i64 gOff,
                            const float* mean, const float* rstd, const float* dout, float* dz,
                            float* partial, i64 rows, int h) {
    extern __shared__ float sh[];
    int warpId = threadIdx.x >> 5;
    int lane = threadIdx.x & 31;
    int nWarps = blockDim.x >> 5;
    float* dg = sh + warpId * 2 * h;
    float* db = dg + h;
    for (int j = lane; j < h; j += 32) {
        dg[j] = 0.0f;
        db[j] = 0.0f;
    }
    int u = blockIdx.y;
    const float* g = params + u * headStride + gOff;
    const float* b = g + h;
    i64 per = (rows + gridDim.x - 1) / gridDim.x;
    i64 r0 = blockIdx.x * per;
    i64 r1 = min(rows, r0 + per);
    for (i64 rr = r0 + warpId; rr < r1; rr += nWarps) {
        i64 r = u * rows + rr;
        const float* zr = z + r * h;
        float mu = mean[r];
        float rs = rstd[r];
        float mg = 0.0f;
        float mgx = 0.0f;
        for (int j = lane; j < h; j += 32) {
            float xh = (zr[j] - mu) * rs;
            float a = g[j] * xh + b[j];
            float sg = sigmoidf(a);
            float da = dout[r * h + j] * sg * (1.0f + a * (1.0f - sg));
            dg[j] += da * xh;
            db[j] += da;
            float q = da * g[j];
            mg += q;
            mgx += q * xh;
        }
        mg = warp_sum(mg) / h;
        mgx = warp_sum(mgx) / h;
        for (int j = lane; j < h; j += 32) {
            float xh = (zr[j] - mu) * rs;
            float a = g[j] * xh + b[j];
            float sg = sigmoidf(a);
            float q = dout[r * h + j] * sg * (1.0f + a * (1.0f - sg)) * g[j];
            dz[r * h + j] = rs * (q - mg - xh * mgx);
        }
    }
    __syncthreads();
    for (int j = threadIdx.x; j < 2 * h; j += blockDim.x) {
        float s = 0.0f;
        for (int w = 0; w < nWarps; w++) s += sh[w * 2 * h + j];
        partial[((i64) u * gridDim.x + blockIdx.x) * 2 * h + j] = s;
    }
}

// Column sums of y [U, rows, w] per block: partial [U, blocks, w]. Grid (blocks, U), blockDim floats
// of shared memory.
__global__ void colsum_partial(const float* y, i64 rows, int w, float* partial) {
    extern __shared__ float sh[];
    int u = blockIdx.y;
    int T = blockDim.x;
    i64 per = (rows + gridDim.x - 1) / gridDim.x;
    i64 r0 = blockIdx.x * per;
    i64 r1 = min(rows, r0 + per);
    const float* yu = y + (i64) u * rows * w;
    for (int c0 = 0; c0 < w; c0 += T) {
        int wc = min(w - c0, T);
        int lanes = T / wc;
        int j = threadIdx.x % wc;
        int l = threadIdx.x / wc;
        float s = 0.0f;
        if (l < lanes) {
            for (i64 r = r0 + l; r < r1; r += lanes) s += yu[r * w + c0 + j];
        }
        sh[threadIdx.x] = s;
        __syncthreads();
        if (threadIdx.x < wc) {
            float t = 0.0f;
            for (int k = 0; k < lanes; k++) t += sh[k * wc + threadIdx.x];
            partial[((i64) u * gridDim.x + blockIdx.x) * w + c0 + threadIdx.x] = t;
        }
        __syncthreads();
    }
}

// grad[u * headStride + off + j] += sum_b partial[u, b, j], j < w
__global__ void reduce_partials(const float* partial, int blocks, int w, int U, float* grad, i64 headStride,
                                i64 off) {
    GRID_STRIDE(t, (i64) U * w) {
        int j = (int) (t % w);
        int u = (int) (t / w);
        float s = 0.0f;
        for (int k = 0; k < blocks; k++) s += partial[((i64) u * blocks + k) * w + j];
        grad[u * headStride + off + j] += s;
    }
}

// Aggregation of msg [U, E, l] over each receiver's CSR range; mode 0 sum, 1 mean, 2 max,
// 3 sum | mean | max. out [U, n, l * factor]; argmax [U, n, l] (or -1) when max is used.
__global__ void agg_fwd(const float* msg, i64 E, const int* off, int n, int l, int mode, float* out,
                        int* argmax, int U) {
    int w = mode == 3 ? 3 * l : l;
    GRID_STRIDE(t, (i64) U * n * l) {
        int j = (int) (t % l);
        i64 ui = t / l;
        int i = (int) (ui % n);
        int u = (int) (ui / n);
        int e0 = off[i];
        int e1 = off[i + 1];
        float* o = out + ui * w;
        const float* m = msg + (i64) u * E * l;
        if (e0 == e1) {
            o[j] = 0.0f;
            if (mode == 3) {
                o[l + j] = 0.0f;
                o[2 * l + j] = 0.0f;
            }
            if (mode >= 2) argmax[ui * l + j] = -1;
            continue;
        }
        if (mode != 2) {
            float s = 0.0f;
            for (int e = e0; e < e1; e++) s += m[(i64) e * l + j];
            float inv = 1.0f / (e1 - e0);
            if (mode == 0) o[j] = s;
            else if (mode == 1) o[j] = s * inv;
            else {
                o[j] = s;
                o[l + j] = s * inv;
            }
        }
        if (mode >= 2) {
            float best = m[(i64) e0 * l + j];
            int arg = e0;
            for (int e = e0 + 1; e < e1; e++) {
                float v = m[(i64) e * l + j];
                if (v > best) {
                    best = v;
                    arg = e;
                }
            }
            o[(mode == 2 ? 0 : 2 * l) + j] = best;
            argmax[ui * l + j] = arg;
        }
    }
}

// dmsg [U, E, l] from dout [U, n, l * factor].
__global__ void agg_bwd(const float* dout, const int* recv, const int* off, int n, int l, int mode,
                        const int* argmax, float* dmsg, i64 E, int U) {
    int w = mode == 3 ? 3 * l : l;
    GRID_STRIDE(t, (i64) U * E * l) {
        int j = (int) (t % l);
        i64 ue = t / l;
        i64 e = ue % E;
        int u = (int) (ue / E);
        int r = recv[e];
        float inv = 1.0f / (off[r + 1] - off[r]);
        i64 ur = (i64) u * n + r;
        const float* d = dout + ur * w;
        float g = mode == 0 ? d[j] : mode == 1 ? d[j] * inv : mode == 2 ? 0.0f : d[j] + d[l + j] * inv;
        if (mode >= 2 && argmax[ur * l + j] == e) g += d[(mode == 2 ? 0 : 2 * l) + j];
        dmsg[t] = g;
    }
}

// dpa [U, n, h]: sum of dz [U, E, h] over each receiver's CSR range.
__global__ void seg_sum_recv(const float* dz, i64 E, const int* off, int n, int h, float* dpa, int U) {
    GRID_STRIDE(t, (i64) U * n * h) {
        int j = (int) (t % h);
        i64 ui = t / h;
        int i = (int) (ui % n);
        int u = (int) (ui / n);
        const float* d = dz + (i64) u * E * h;
        float s = 0.0f;
        for (int e = off[i]; e < off[i + 1]; e++) s += d[(i64) e * h + j];
        dpa[t] = s;
    }
}

// dpb [U, N, h]: sum of dz over each sender's edges (order/soff: edges grouped by sender), edges >= E skipped.
__global__ void seg_sum_send(const float* dz, i64 E, const int* order, const int* soff, int N, int h, float* dpb,
                             int U) {
    GRID_STRIDE(t, (i64) U * N * h) {
        int j = (int) (t % h);
        i64 ui = t / h;
        int i = (int) (ui % N);
        int u = (int) (ui / N);
        const float* d = dz + (i64) u * E * h;
        float s = 0.0f;
        for (int k = soff[i]; k < soff[i + 1]; k++) {
            int e = order[k];
            if (e < E) s += d[(i64) e * h + j];
        }
        dpb[t] = s;
    }
}

// Per-galaxy Gaussian NLL terms and dL/dout, as GaussianNll.loss (log-variance clamped to [-15, 15]).
__global__ void gaussian_nll(const float* out, const float* y, int n, float* dout, double* rowLoss) {
    GRID_STRIDE(i, (i64) n) {
        float mu = out[2 * i];
        float raw = out[2 * i + 1];
        float s = fmaxf(-15.0f, fminf(15.0f, raw));
        double r = (double) y[i] - mu;
        double inv = exp(-(double) s);
        rowLoss[i] = 0.5 * (s + r * r * inv + 1.8378770664093453);
        dout[2 * i] = (float) (-r * inv / n);
        dout[2 * i + 1] = raw == s ? (float) (0.5 * (1.0 - r * r * inv) / n) : 0.0f;
    }
}

// AdamW over the flat parameter vector, as AdamW.step; decay[i] != 0 marks weight matrices.
__global__ void adamw(float* p, const float* g, float* m, float* v, const unsigned char* decay, i64 n,
                      double lr, double b1, double b2, double c1, double c2, double eps, double wd) {
    GRID_STRIDE(i, n) {
        float gi = g[i];
        float mi = (float) (b1 * m[i] + (1.0 - b1) * gi);
        float vi = (float) (b2 * v[i] + (1.0 - b2) * gi * gi);
        m[i] = mi;
        v[i] = vi;
        double update = (mi / c1) / (sqrt(vi / c2) + eps) + (decay[i] ? wd : 0.0) * p[i];
        p[i] -= (float) (lr * update);
    }
}

}
