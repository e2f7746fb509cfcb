package org.cosmicweb.gnn.samediff;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.Param;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SameDiff's automatic gradients against float64 central finite differences of SameDiff's own
 * forward pass: the check that does not lean on gnn-core at all, and the only one the attention
 * example has (gnn-core has no attention to compare with). Step h = 1e-6 in float64: truncation
 * error ~h² ≈ 1e-12, rounding ~1e-16 / h ≈ 1e-10, far below the 1e-7 + 1e-5 |g| allowed; h is
 * small enough not to cross a kink of the max aggregation on these graphs. With β = 0: the
 * gradients of β-NLL are not those of any loss (the weights are held constant), and are checked
 * against the fast engine's in {@link SameDiffOracleTest}.
 */
class SameDiffAutodiffTest {
    private static void check(SameDiffGnn net, GraphBatch g, int perBlock, long seed) {
        SameDiffGnn.Evaluation e = net.evaluate(g, null);
        java.util.Map<String, double[]> values = net.values();
        SplittableRandom pick = new SplittableRandom(seed);
        double h = 1e-6;
        double worst = 0;
        String where = "";
        int checked = 0;
        for (Param p : net.params()) {
            double[] v = values.get(p.name);
            for (int k = 0; k < Math.min(perBlock, v.length); k++) {
                int i = pick.nextInt(v.length);
                net.setEntry(p.name, i, v[i] + h);
                double up = net.loss(g, null);
                net.setEntry(p.name, i, v[i] - h);
                double down = net.loss(g, null);
                net.setEntry(p.name, i, v[i]);
                double fd = (up - down) / (2 * h);
                double ad = e.gradients().get(p.name)[i];
                double err = Math.abs(fd - ad) / (1e-7 + 1e-5 * Math.abs(ad));
                checked++;
                if (err > worst) {
                    worst = err;
                    where = p.name + "[" + i + "] fd=" + fd + " autodiff=" + ad;
                }
            }
        }
        assertTrue(checked > net.params().size(), "too few coordinates checked: " + checked);
        assertTrue(worst < 1, "worst mismatch " + worst + " at " + where);
    }

    @Test
    void attentionGradientsMatchFiniteDifferences() {
        ModelConfig cfg = new ModelConfig(3, 2, 2, 8, 4, Aggregation.SUM, 2);
        SameDiffGnn net = SameDiffGnn.build(cfg, new AttentionMessages(2, 8, 4), DataType.DOUBLE, 0, 3);
        check(net, MockGraphs.tiny(3, 2), 2, 1);
    }

    @Test
    void referenceModelGradientsMatchFiniteDifferences() {
        GnnModel model = new GnnModel(new ModelConfig(3, 2, 1, 8, 4, Aggregation.MULTI_ANISOTROPY, 2), 9);
        check(SameDiffGnn.of(model, DataType.DOUBLE, 0), MockGraphs.tiny(3, 2), 2, 2);
    }
}
