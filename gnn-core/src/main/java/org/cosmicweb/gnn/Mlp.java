package org.cosmicweb.gnn;

import java.util.List;
import java.util.SplittableRandom;

/** Linear(in, h) → LayerNorm → SiLU → Linear(h, h) → LayerNorm → SiLU → Linear(h, out). */
public final class Mlp {
    final Linear lin1;
    final MlpTail tail;

    /** Saved activations of one forward pass. */
    public static final class Cache {
        final float[] x;
        final int n;
        final MlpTail.Cache tail;

        Cache(float[] x, int n, MlpTail.Cache tail) {
            this.x = x;
            this.n = n;
            this.tail = tail;
        }

        public float[] out() {
            return tail.out;
        }
    }

    public Mlp(String name, int in, int hidden, int out, double lastScale, SplittableRandom rng) {
        lin1 = new Linear(name + ".lin1", in, hidden, 1.0, rng);
        tail = new MlpTail(name, hidden, out, lastScale, rng);
    }

    public void params(List<Param> into) {
        lin1.params(into);
        tail.params(into);
    }

    public Cache forward(float[] x, int n) {
        return new Cache(x, n, tail.forward(lin1.forward(x, n), n));
    }

    /** Returns ∂loss/∂x when asked, else null. */
    public float[] backward(Cache c, float[] dout, boolean needInput) {
        return lin1.backward(c.x, tail.backward(c.tail, dout), c.n, needInput);
    }
}
