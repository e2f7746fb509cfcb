package org.cosmicweb.gnn;

/**
 * Per-galaxy Gaussian negative log-likelihood, averaged over the n scored nodes:
 * <pre>
 *   L = (1/n) Σ ½ [s_i + (y_i − μ_i)² e^{−s_i} + ln 2π]
 * </pre>
 * The head emits μ and a raw value r; the log-variance is its smooth bound
 * s = B r / √(B² + r²) with B = 15, which is close to r for |r| ≪ B, never leaves (−B, B), and has
 * derivative B³ / (B² + r²)^{3/2} &gt; 0 everywhere, so a saturated variance still receives a gradient
 * and can recover (a hard clamp would give it none).
 *
 * <p>With β &gt; 0 the gradients are those of β-NLL (Seitzer et al. 2022, ICLR): each galaxy's
 * term is weighted by σ_i^{2β} = e^{β s_i} held constant, so β = 1 gives the mean the gradient of
 * the squared error while σ is still fitted by likelihood; β = 0 is the plain NLL. The returned value is
 * always the plain mean NLL, so losses of different β compare.
 */
public final class GaussianNll {
    /** Bound B of the log-variance, in squared standardised target units: σ between e^{−7.5} and e^{7.5}. */
    public static final double LOG_VAR_BOUND = 15;
    private static final double LN_2PI = Math.log(2 * Math.PI);

    private GaussianNll() {
    }

    /** The log-variance s of a raw head output r: B r / √(B² + r²). */
    public static double logVariance(double raw) {
        return LOG_VAR_BOUND * raw / Math.sqrt(LOG_VAR_BOUND * LOG_VAR_BOUND + raw * raw);
    }

    /** ds/dr = B³ / (B² + r²)^{3/2}, positive for every finite r. */
    public static double logVarianceSlope(double raw) {
        double b2 = LOG_VAR_BOUND * LOG_VAR_BOUND;
        double q = b2 + raw * raw;
        return b2 * LOG_VAR_BOUND / (q * Math.sqrt(q));
    }

    /** Plain NLL (β = 0). */
    public static double loss(float[] out, float[] targets, int n, float[] dout) {
        return loss(out, targets, n, dout, 0);
    }

    /**
     * @param out  [n, 2] rows of (μ, raw log-variance)
     * @param dout filled with the (β-weighted) ∂L/∂out when not null
     * @param beta weight exponent of β-NLL in [0, 1]; 0 is the plain NLL
     * @return the plain mean NLL
     */
    public static double loss(float[] out, float[] targets, int n, float[] dout, double beta) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float mu = out[2 * i];
            float raw = out[2 * i + 1];
            double s = logVariance(raw);
            double r = targets[i] - mu;
            double inv = Math.exp(-s);
            sum += 0.5 * (s + r * r * inv + LN_2PI);
            if (dout != null) {
                double w = beta == 0 ? 1.0 : Math.exp(beta * s);
                dout[2 * i] = (float) (-w * r * inv / n);
                dout[2 * i + 1] = (float) (w * 0.5 * (1 - r * r * inv) * logVarianceSlope(raw) / n);
            }
        }
        return sum / n;
    }
}
