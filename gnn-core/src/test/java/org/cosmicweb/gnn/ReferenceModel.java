package org.cosmicweb.gnn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain double-precision forward pass of a one-round {@link GnnModel}, written from the
 * equations with no shared code, for float64 finite-difference checks of the engine's backprop.
 * Parameters are looked up by name in a map of double copies.
 */
final class ReferenceModel {
    final ModelConfig cfg;
    final Map<String, double[]> p = new HashMap<>();

    ReferenceModel(GnnModel m) {
        cfg = m.config;
        for (Param prm : m.params()) {
            double[] d = new double[prm.value.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = prm.value[i];
            }
            p.put(prm.name, d);
        }
    }

    private static double[] linear(double[] x, double[] w, double[] b, int in, int out) {
        double[] y = new double[out];
        for (int j = 0; j < out; j++) {
            double s = b == null ? 0 : b[j];
            for (int k = 0; k < in; k++) {
                s += x[k] * w[k * out + j];
            }
            y[j] = s;
        }
        return y;
    }

    private static double[] lnSilu(double[] z, double[] gamma, double[] beta) {
        int h = z.length;
        double mean = 0;
        for (double v : z) {
            mean += v;
        }
        mean /= h;
        double var = 0;
        for (double v : z) {
            var += (v - mean) * (v - mean);
        }
        var /= h;
        double[] out = new double[h];
        for (int j = 0; j < h; j++) {
            double a = gamma[j] * (z[j] - mean) / Math.sqrt(var + LayerNormSilu.EPS) + beta[j];
            out[j] = a / (1 + Math.exp(-a));
        }
        return out;
    }

    /** LN → SiLU → Linear → LN → SiLU → Linear, the tail every MLP shares. */
    private double[] tail(String name, double[] z1, int out) {
        int h = cfg.hidden();
        double[] s1 = lnSilu(z1, p.get(name + ".ln1.gamma"), p.get(name + ".ln1.beta"));
        double[] z2 = linear(s1, p.get(name + ".lin2.w"), p.get(name + ".lin2.b"), h, h);
        double[] s2 = lnSilu(z2, p.get(name + ".ln2.gamma"), p.get(name + ".ln2.beta"));
        return linear(s2, p.get(name + ".lin3.w"), p.get(name + ".lin3.b"), h, out);
    }

    private double[] mlp(String name, double[] x, int in, int out) {
        return tail(name, linear(x, p.get(name + ".lin1.w"), p.get(name + ".lin1.b"), in, cfg.hidden()), out);
    }

    private static double[] row(float[] a, int r, int w) {
        double[] d = new double[w];
        for (int k = 0; k < w; k++) {
            d[k] = a[r * w + k];
        }
        return d;
    }

    /** Frobenius norm of the traceless part of T, with eps = 1e-6 under the root. */
    private static double anisotropy(double[][] t) {
        double tr = t[0][0] + t[1][1] + t[2][2];
        double q = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double d = t[a][b] - (a == b ? tr / 3 : 0);
                q += d * d;
            }
        }
        return Math.sqrt(q + 1e-6);
    }

    /** Mean Gaussian NLL over the scored nodes of g. */
    double loss(GraphBatch g) {
        int nd = cfg.nodeDim();
        int ed = cfg.edgeDim();
        int h = cfg.hidden();
        int l = cfg.latent();
        double sum = 0;
        for (int i = 0; i < g.numScored; i++) {
            double[] xi = row(g.nodeFeatures, i, nd);
            double[] in = new double[cfg.environmentWidth() + l];
            int col = 0;
            for (int u = 0; u < cfg.heads(); u++) {
                String name = "edge" + u;
                int deg = g.offsets[i + 1] - g.offsets[i];
                // MULTI_SHEAR: a quarter of l (at least 1) more channels per message, read by the anisotropy alone.
                int extra = cfg.aggregation() == Aggregation.MULTI_SHEAR ? Math.max(1, l / 4) : 0;
                int lm = l + extra;
                double[] s = new double[lm];
                double[] mx = new double[lm];
                double[][][] tensor = new double[lm][3][3];
                java.util.Arrays.fill(mx, Double.NEGATIVE_INFINITY);
                java.util.List<double[]> messages = new java.util.ArrayList<>();
                for (int e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
                    double[] za = linear(xi, p.get(name + ".lin1.w_receiver"), null, nd, h);
                    double[] zb = linear(row(g.nodeFeatures, g.senders[e], nd), p.get(name + ".lin1.w_sender"), null, nd, h);
                    double[] zc = linear(row(g.edgeFeatures, e, ed), p.get(name + ".lin1.w_edge"), p.get(name + ".lin1.b"), ed, h);
                    double[] z1 = new double[h];
                    for (int j = 0; j < h; j++) {
                        z1[j] = za[j] + zb[j] + zc[j];
                    }
                    double[] m = tail(name, z1, lm);
                    messages.add(m);
                    for (int j = 0; j < lm; j++) {
                        s[j] += m[j];
                        mx[j] = Math.max(mx[j], m[j]);
                        for (int a = 0; a < 3 && g.edgeDirections != null; a++) {
                            for (int b = 0; b < 3; b++) {
                                tensor[j][a][b] += m[j] * g.edgeDirections[3 * e + a] * g.edgeDirections[3 * e + b];
                            }
                        }
                    }
                }
                for (int j = 0; j < l; j++) {
                    double mean = deg == 0 ? 0 : s[j] / deg;
                    double max = deg == 0 ? 0 : mx[j];
                    switch (cfg.aggregation()) {
                        case SUM -> in[col + j] = s[j];
                        case MEAN -> in[col + j] = mean;
                        case MAX -> in[col + j] = max;
                        case MULTI -> {
                            in[col + j] = s[j];
                            in[col + l + j] = mean;
                            in[col + 2 * l + j] = max;
                        }
                        case MULTI_ANISOTROPY -> {
                            in[col + j] = s[j];
                            in[col + l + j] = mean;
                            in[col + 2 * l + j] = max;
                            in[col + 3 * l + j] = anisotropy(tensor[j]);
                        }
                        case MULTI_SHEAR -> {
                            in[col + j] = s[j];
                            in[col + l + j] = mean;
                            in[col + 2 * l + j] = max;
                        }
                        case MULTI_ATTENTION -> {
                            in[col + j] = s[j];
                            in[col + l + j] = mean;
                            in[col + 2 * l + j] = max;
                            // Channel j averaged with weights exp(partner channel), partner (j + l/2) mod l; by hand.
                            int partner = (j + l / 2) % l;
                            double num = 0;
                            double den = 0;
                            for (double[] m : messages) {
                                double w = Math.exp(m[partner]);
                                num += w * m[j];
                                den += w;
                            }
                            in[col + 3 * l + j] = deg == 0 ? 0 : num / den;
                        }
                    }
                }
                for (int j = 0; j < extra; j++) {
                    in[col + 3 * l + j] = anisotropy(tensor[l + j]);
                }
                col += l * cfg.aggregation().factor() + extra;
            }
            double[] gh = mlp("galaxy_halo", xi, nd, l);
            System.arraycopy(gh, 0, in, col, l);
            double[] out = mlp("head", in, in.length, 2);
            double lv = 15 * out[1] / Math.sqrt(225 + out[1] * out[1]); // the smooth log-variance bound, by hand
            double r = g.targets[i] - out[0];
            sum += 0.5 * (lv + r * r * Math.exp(-lv) + Math.log(2 * Math.PI));
        }
        return sum / g.numScored;
    }

    List<String> names() {
        return List.copyOf(p.keySet());
    }
}
