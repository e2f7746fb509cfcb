// Runs gnn_kernels.cu's aggregation kernels (agg_fwd, aniso_fwd, agg_bwd) on the CPU, one thread walking
// each grid-stride loop, against a float64 brute force written here (sum, mean, max and the anisotropy
// A = |T - tr(T) I / 3|_F of T = sum_e m_e d_e d_e^T) and the brute force's central differences.
// KernelEmulationTest compiles it with g++ beside a copy of gnn_kernels.cu; prints "ok" and exits 0 when
// every case agrees. It checks the kernels' indexing and calculus, not the GPU's scheduling.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>
using std::min;
struct Dim { long long x, y, z; };
static Dim blockIdx{0, 0, 0}, blockDim{1, 1, 1}, gridDim{1, 1, 1}, threadIdx{0, 0, 0};
#define __global__
#define __device__
#define __forceinline__ inline
#define __shared__
static inline float __shfl_xor_sync(unsigned, float v, int) { return v; }
static inline void __syncthreads() {}
float sh[1 << 16];
#include "gnn_kernels.cu"

static const int n = 60, l = 8, U = 2;
static std::vector<int> off, recv;
static std::vector<double> dirs;

// out [U, n, w]: the mode's columns (sum; mean; max; or sum | mean | max) from column 0, then k anisotropy
// columns from c0 reading message channels a0 .. a0 + k - 1 of a message s channels wide.
static void reference(const std::vector<double>& msg, int mode, int s, int w, int c0, int a0, int k,
                      std::vector<double>& out) {
    long long E = recv.size();
    out.assign((size_t) U * n * w, 0.0);
    for (int u = 0; u < U; u++) {
        for (int i = 0; i < n; i++) {
            double* o = &out[((size_t) u * n + i) * w];
            int e0 = off[i], e1 = off[i + 1];
            for (int j = 0; j < l && e1 > e0; j++) {
                double sum = 0, mx = -1e300;
                for (int e = e0; e < e1; e++) {
                    double v = msg[((size_t) u * E + e) * s + j];
                    sum += v;
                    mx = std::max(mx, v);
                }
                double cols[3] = {sum, sum / (e1 - e0), mx};
                if (mode < 3) o[j] = cols[mode];
                else for (int c = 0; c < 3; c++) o[c * l + j] = cols[c];
            }
            for (int q = 0; q < k; q++) {
                double t[3][3] = {};
                for (int e = e0; e < e1; e++) {
                    double v = msg[((size_t) u * E + e) * s + a0 + q];
                    for (int a = 0; a < 3; a++)
                        for (int b = 0; b < 3; b++) t[a][b] += v * dirs[3 * e + a] * dirs[3 * e + b];
                }
                double third = (t[0][0] + t[1][1] + t[2][2]) / 3, f = 0;
                for (int a = 0; a < 3; a++)
                    for (int b = 0; b < 3; b++) {
                        double x = t[a][b] - (a == b ? third : 0);
                        f += x * x;
                    }
                o[c0 + q] = std::sqrt(f + 1e-6);
            }
        }
    }
}

static int check(const char* name, int mode, int s, int a0, int k) {
    std::mt19937_64 rng(7);
    std::normal_distribution<double> g;
    int c0 = (mode == 3 ? 3 : 1) * l;
    int w = c0 + k;
    long long E = recv.size();
    std::vector<double> msg((size_t) U * E * s);
    for (double& v : msg) v = g(rng);
    std::vector<float> msgf(msg.begin(), msg.end()), dirf(dirs.begin(), dirs.end());
    std::vector<float> out((size_t) U * n * w, -99.0f);
    std::vector<float> traceless((size_t) U * n * std::max(k, 1) * 6), norm((size_t) U * n * std::max(k, 1));
    std::vector<int> argmax((size_t) U * n * l);
    agg_fwd(msgf.data(), E, off.data(), n, l, s, w, mode, out.data(), argmax.data(), U);
    if (k > 0) {
        aniso_fwd(msgf.data(), E, off.data(), n, s, a0, k, dirf.data(), w, c0, traceless.data(), norm.data(),
                  out.data(), U);
    }
    std::vector<double> ref;
    reference(msg, mode, s, w, c0, a0, k, ref);
    double worstOut = 0;
    for (size_t t = 0; t < ref.size(); t++) worstOut = std::max(worstOut, std::fabs(ref[t] - out[t]) / (1 + std::fabs(ref[t])));
    // L = sum dout * out; its gradient by central differences of the float64 brute force
    std::vector<double> dout((size_t) U * n * w);
    for (double& v : dout) v = g(rng);
    std::vector<float> doutf(dout.begin(), dout.end()), dmsg((size_t) U * E * s, -99.0f);
    agg_bwd(doutf.data(), recv.data(), off.data(), n, l, s, w, mode, argmax.data(), a0, k, c0,
            k > 0 ? dirf.data() : nullptr, k > 0 ? traceless.data() : nullptr, k > 0 ? norm.data() : nullptr,
            dmsg.data(), E, U);
    double worstGrad = 0, scale = 0;
    std::vector<double> plus, minus;
    for (size_t t = 0; t < msg.size(); t++) {
        double h = 1e-6, keep = msg[t];
        msg[t] = keep + h;
        reference(msg, mode, s, w, c0, a0, k, plus);
        msg[t] = keep - h;
        reference(msg, mode, s, w, c0, a0, k, minus);
        msg[t] = keep;
        double fd = 0;
        for (size_t o = 0; o < plus.size(); o++) fd += dout[o] * (plus[o] - minus[o]) / (2 * h);
        worstGrad = std::max(worstGrad, std::fabs(fd - dmsg[t]));
        scale = std::max(scale, std::fabs(fd));
    }
    bool good = worstOut < 1e-5 && worstGrad < 1e-4 * scale;
    printf("%s (mode %d, %d channels, anisotropy of %d from %d): outputs within %.1e, gradients within %.1e of %.2f: %s\n",
           name, mode, s, k, a0, worstOut, worstGrad, scale, good ? "agree" : "DIFFER");
    return good ? 0 : 1;
}

int main() {
    std::mt19937_64 rng(3);
    std::normal_distribution<double> g;
    off.push_back(0);
    for (int i = 0; i < n; i++) {
        int degree = i % 7 == 3 ? 0 : 1 + (int) (rng() % 9);  // some receivers without edges
        off.push_back(off.back() + degree);
        for (int d = 0; d < degree; d++) recv.push_back(i);
    }
    for (size_t e = 0; e < recv.size(); e++) {
        double x = g(rng), y = g(rng), z = g(rng), r = std::sqrt(x * x + y * y + z * z);
        dirs.push_back(x / r);
        dirs.push_back(y / r);
        dirs.push_back(z / r);
    }
    int bad = check("sum", 0, l, 0, 0) + check("mean", 1, l, 0, 0) + check("max", 2, l, 0, 0)
              + check("multi", 3, l, 0, 0) + check("multi-anisotropy", 3, l, 0, l)
              + check("multi-shear", 3, l + l / 4, l, l / 4);
    printf(bad ? "FAILED\n" : "ok\n");
    return bad;
}
