package org.cosmicweb.gnn.samediff;

import org.cosmicweb.gnn.Param;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Block-by-block comparison of gradients, for the oracle tests. */
final class Oracle {
    private Oracle() {
    }

    /**
     * Asserts |a − b| ≤ tolerance · max|a over the block| for every entry of every block, and that no
     * block is all zeros (a comparison of zeros with zeros would prove nothing). Returns the worst
     * ratio |a − b| / max|a| seen.
     */
    static double assertBlocksAgree(Map<String, double[]> expected, List<Param> actual, double tolerance,
                                    String what) {
        return assertBlocksAgree(expected, actual, tolerance, what, false);
    }

    /** As above; with {@code zerosAllowed} a block may be all zeros in the oracle, and must then be all zeros here. */
    static double assertBlocksAgree(Map<String, double[]> expected, List<Param> actual, double tolerance,
                                    String what, boolean zerosAllowed) {
        double worst = 0;
        String where = "";
        for (Param p : actual) {
            double[] a = expected.get(p.name);
            if (a == null || a.length != p.grad.length) {
                fail(what + ": block " + p.name + " has " + p.grad.length + " gradients, the oracle "
                        + (a == null ? "none" : a.length));
            }
            if (a.length == 0) {
                continue;
            }
            double scale = 0;
            for (double v : a) {
                scale = Math.max(scale, Math.abs(v));
            }
            if (scale == 0 && zerosAllowed) {
                for (int i = 0; i < a.length; i++) {
                    assertTrue(p.grad[i] == 0, what + ": " + p.name + "[" + i + "] is " + p.grad[i] + ", the oracle's 0");
                }
                continue;
            }
            assertTrue(scale > 0, what + ": the oracle's gradient of " + p.name + " is all zeros");
            for (int i = 0; i < a.length; i++) {
                double err = Math.abs(a[i] - p.grad[i]) / scale;
                if (err > worst) {
                    worst = err;
                    where = p.name + "[" + i + "] oracle=" + a[i] + " engine=" + p.grad[i] + " block max=" + scale;
                }
            }
        }
        assertTrue(worst <= tolerance, what + ": worst mismatch " + worst + " of the block's largest gradient (allowed "
                + tolerance + ") at " + where);
        return worst;
    }
}
