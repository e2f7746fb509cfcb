package org.cosmicweb.gnn;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter 2019), decaying only parameters marked
 * {@link Param#decayed} (weight matrices): p ← p − lr (m̂ / (√v̂ + ε) + λ p).
 * Optimiser state lives here, never on the model.
 */
public final class AdamW {
    private final List<Param> params;
    private final float[][] m;
    private final float[][] v;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private int step;

    public AdamW(List<Param> params, double weightDecay) {
        this(params, 0.9, 0.999, 1e-8, weightDecay);
    }

    public AdamW(List<Param> params, double beta1, double beta2, double eps, double weightDecay) {
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        this.params = params;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        m = new float[params.size()][];
        v = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            m[i] = new float[params.get(i).value.length];
            v[i] = new float[params.get(i).value.length];
        }
    }

    public void step(double lr) {
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (int k = 0; k < params.size(); k++) {
            Param p = params.get(k);
            float[] mk = m[k];
            float[] vk = v[k];
            double decay = p.decayed ? weightDecay : 0;
            for (int i = 0; i < p.value.length; i++) {
                float g = p.grad[i];
                mk[i] = (float) (beta1 * mk[i] + (1 - beta1) * g);
                vk[i] = (float) (beta2 * vk[i] + (1 - beta2) * g * g);
                double update = (mk[i] / c1) / (Math.sqrt(vk[i] / c2) + eps) + decay * p.value[i];
                p.value[i] -= (float) (lr * update);
            }
        }
    }
}
