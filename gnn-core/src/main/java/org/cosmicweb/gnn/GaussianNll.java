package org.cosmicweb.gnn;

/**
 * Per-galaxy Gaussian negative log-likelihood, averaged over the n scored nodes:
 * L = (1/n) Σ ½ [s_i + (y_i − μ_i)² e^{−s_i} + ln 2π], with s = log σ² clamped to [−15, 15]
 * (no gradient flows through the clamp).
 */
public final class GaussianNll {
    public static final float MIN_LOG_VAR = -15f;
    public static final float MAX_LOG_VAR = 15f;
    private static final double LN_2PI = Math.log(2 * Math.PI);

    private GaussianNll() {
    }

    /**
     * @param out  [n, 2] rows of (μ, s)
     * @param dout filled with ∂L/∂out when not null
     */
    public static double loss(float[] out, float[] targets, int n, float[] dout) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float mu = out[2 * i];
            float raw = out[2 * i + 1];
            float s = Math.max(MIN_LOG_VAR, Math.min(MAX_LOG_VAR, raw));
            double r = targets[i] - mu;
            double inv = Math.exp(-s);
            sum += 0.5 * (s + r * r * inv + LN_2PI);
            if (dout != null) {
                dout[2 * i] = (float) (-r * inv / n);
                dout[2 * i + 1] = raw == s ? (float) (0.5 * (1 - r * r * inv) / n) : 0f;
            }
        }
        return sum / n;
    }
}
