package org.cosmicweb.gnn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything of the literature MLP after its first linear layer:
 * z1 → LayerNorm → SiLU → Linear(h, h) → LayerNorm → SiLU → Linear(h, out).
 * Shared by the plain {@link Mlp} and by {@link EdgeHead}, whose first layer is fused with the gather.
 */
public final class MlpTail {
    final LayerNormSilu norm1;
    final Linear lin2;
    final LayerNormSilu norm2;
    final Linear lin3;

    /** Saved activations of one forward pass. */
    public static final class Cache {
        final int n;
        final LayerNormSilu.Cache c1;
        final LayerNormSilu.Cache c2;
        public final float[] out;

        Cache(int n, LayerNormSilu.Cache c1, LayerNormSilu.Cache c2, float[] out) {
            this.n = n;
            this.c1 = c1;
            this.c2 = c2;
            this.out = out;
        }
    }

    MlpTail(String name, int hidden, int out, double lastScale, SplittableRandom rng) {
        norm1 = new LayerNormSilu(name + ".ln1", hidden);
        lin2 = new Linear(name + ".lin2", hidden, hidden, 1.0, rng);
        norm2 = new LayerNormSilu(name + ".ln2", hidden);
        lin3 = new Linear(name + ".lin3", hidden, out, lastScale, rng);
    }

    void params(List<Param> into) {
        norm1.params(into);
        lin2.params(into);
        norm2.params(into);
        lin3.params(into);
    }

    Cache forward(float[] z1, int n) {
        LayerNormSilu.Cache c1 = norm1.forward(z1, n);
        float[] z2 = lin2.forward(c1.out, n);
        LayerNormSilu.Cache c2 = norm2.forward(z2, n);
        return new Cache(n, c1, c2, lin3.forward(c2.out, n));
    }

    /** Returns ∂loss/∂z1. */
    float[] backward(Cache c, float[] dout) {
        float[] ds2 = lin3.backward(c.c2.out, dout, c.n, true);
        float[] dz2 = norm2.backward(c.c2, ds2);
        float[] ds1 = lin2.backward(c.c1.out, dz2, c.n, true);
        return norm1.backward(c.c1, ds1);
    }
}
