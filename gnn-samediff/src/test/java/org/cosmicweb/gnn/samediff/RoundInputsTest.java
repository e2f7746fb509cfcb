package org.cosmicweb.gnn.samediff;

import org.cosmicweb.gnn.GraphBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The index work every round relies on, in float64: SameDiff's reductions over the receivers
 * against brute-force loops over the batch's CSR ranges, hand-computed values on the tiny graph,
 * and the invariance of the anisotropy under rotations of every edge direction.
 */
class RoundInputsTest {
    static final int L = 2;
    static GraphBatch g;
    static double[][] m;

    @BeforeAll
    static void messages() {
        g = MockGraphs.tiny(3, 2);
        SplittableRandom rng = new SplittableRandom(7);
        m = new double[g.numEdges()][L];
        for (double[] row : m) {
            for (int c = 0; c < L; c++) {
                row[c] = rng.nextGaussian();
            }
        }
        m[3][0] = 5;          // node 0's self-loop wins channel 0 of node 0
        m[7] = new double[] {1, 0};  // node 2's only edge, direction (3, 4, 0)/5: message (1, 0)
    }

    /**
     * Runs one reduction over the seven nodes of the tiny graph (all of them receive), fed as the
     * model feeds a batch: with a phantom edge into an eighth, phantom receiver (whose row is dropped),
     * on which the sorted segment maximum relies.
     */
    private static double[][] run(String which, float[] directions) {
        SameDiff sd = SameDiff.create();
        GraphInputs in = new GraphInputs(sd, DataType.DOUBLE, 3, 2, true);
        RoundInputs r = new RoundInputs(in, new Layers(sd, DataType.DOUBLE, new SplittableRandom(1)), in.nodes, 3, 1, "");
        SDVariable msg = sd.placeHolder("m", DataType.DOUBLE, -1, L);
        SDVariable out = switch (which) {
            case "sum" -> r.sum(msg);
            case "mean" -> r.mean(msg);
            case "max" -> r.max(msg);
            case "anisotropy" -> r.anisotropy(msg);
            case "softmax" -> r.softmax(msg);
            default -> throw new IllegalArgumentException(which);
        };
        Map<String, INDArray> ph = new HashMap<>();
        int e = g.numEdges();
        double[][] withPhantom = Arrays.copyOf(m, e + 1);
        withPhantom[e] = new double[] {0.25, -0.5};
        ph.put("m", Nd4j.create(withPhantom));
        int[] receivers = Arrays.copyOf(g.receivers, e + 1);
        receivers[e] = g.numNodes;
        ph.put(GraphInputs.RECEIVERS, Nd4j.createFromArray(receivers));
        ph.put(GraphInputs.NUM_RECEIVERS, Nd4j.scalar(DataType.INT, g.numNodes + 1));
        double[] d = new double[directions.length + 3];
        for (int i = 0; i < directions.length; i++) {
            d[i] = directions[i];
        }
        ph.put(GraphInputs.DIRECTIONS, Nd4j.create(d, new long[] {e + 1, 3}, DataType.DOUBLE));
        INDArray a = sd.output(ph, out.name()).get(out.name());
        int rowsOut = which.equals("softmax") ? e : g.numNodes;
        double[][] rows = new double[rowsOut][L];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < L; c++) {
                rows[i][c] = a.getDouble(i, c);
            }
        }
        return rows;
    }

    /** Brute force over the CSR range of each node. */
    private static double[][] brute(String which, float[] dirs) {
        double[][] out = new double[g.numNodes][L];
        for (int i = 0; i < g.numNodes; i++) {
            int e0 = g.offsets[i];
            int e1 = g.offsets[i + 1];
            for (int c = 0; c < L; c++) {
                double sum = 0;
                double max = Double.NEGATIVE_INFINITY;
                double[][] t = new double[3][3];
                for (int e = e0; e < e1; e++) {
                    sum += m[e][c];
                    max = Math.max(max, m[e][c]);
                    for (int a = 0; a < 3; a++) {
                        for (int b = 0; b < 3; b++) {
                            t[a][b] += m[e][c] * dirs[3 * e + a] * dirs[3 * e + b];
                        }
                    }
                }
                double tr = (t[0][0] + t[1][1] + t[2][2]) / 3;
                double q = 0;
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        double v = t[a][b] - (a == b ? tr : 0);
                        q += v * v;
                    }
                }
                out[i][c] = switch (which) {
                    case "sum" -> sum;
                    case "mean" -> e1 == e0 ? 0 : sum / (e1 - e0);
                    case "max" -> e1 == e0 ? 0 : max;
                    case "anisotropy" -> Math.sqrt(q + 1e-6);
                    default -> throw new IllegalArgumentException(which);
                };
            }
        }
        return out;
    }

    @Test
    void reductionsEqualBruteForceOverTheCsrRanges() {
        for (String which : new String[] {"sum", "mean", "max", "anisotropy"}) {
            double[][] sd = run(which, g.edgeDirections);
            double[][] bf = brute(which, g.edgeDirections);
            for (int i = 0; i < g.numNodes; i++) {
                assertArrayEquals(bf[i], sd[i], 1e-12, which + " of node " + i);
            }
        }
    }

    @Test
    void handComputedValuesOnTheTinyGraph() {
        // Node 3 has no edges: 0 for sum, mean and max, √ε for the anisotropy.
        assertArrayEquals(new double[] {0, 0}, run("mean", g.edgeDirections)[3], 0);
        assertArrayEquals(new double[] {0, 0}, run("max", g.edgeDirections)[3], 0);
        assertArrayEquals(new double[] {1e-3, 1e-3}, run("anisotropy", g.edgeDirections)[3], 1e-15);
        // Node 2's one edge carries message 1 in channel 0 along a unit vector d: T = d dᵀ has eigenvalues
        // (1, 0, 0), its traceless part (2/3, -1/3, -1/3), so A = √(6/9 + ε) (to the float32 rounding of d);
        // channel 0 of node 0's max is its self-loop's 5.
        assertEquals(Math.sqrt(6.0 / 9 + 1e-6), run("anisotropy", g.edgeDirections)[2][0], 1e-7);
        assertEquals(5, run("max", g.edgeDirections)[0][0], 0);
        // Softmax weights: 1 for a single edge, and summing to 1 over every receiver's edges.
        double[][] w = run("softmax", g.edgeDirections);
        assertArrayEquals(new double[] {1, 1}, w[7], 1e-15);
        for (int i = 0; i < g.numNodes; i++) {
            for (int c = 0; c < L && g.offsets[i + 1] > g.offsets[i]; c++) {
                double s = 0;
                for (int e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
                    s += w[e][c];
                }
                assertEquals(1, s, 1e-14, "softmax weights into node " + i);
            }
        }
    }

    @Test
    void anisotropyIsInvariantUnderRandomRotationsAndReflections() {
        double[][] before = run("anisotropy", g.edgeDirections);
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 3; trial++) {
            double[][] q = randomOrthogonal(rng);
            float[] rotated = new float[g.edgeDirections.length];
            for (int e = 0; e < g.numEdges(); e++) {
                for (int a = 0; a < 3; a++) {
                    double v = 0;
                    for (int b = 0; b < 3; b++) {
                        v += q[a][b] * g.edgeDirections[3 * e + b];
                    }
                    rotated[3 * e + a] = (float) v;
                }
            }
            double[][] after = run("anisotropy", rotated);
            for (int i = 0; i < g.numNodes; i++) {
                // float32 directions: rotating them rounds each to ~6e-8.
                assertArrayEquals(before[i], after[i], 1e-5 * Math.max(1, Arrays.stream(before[i]).max().orElse(1)),
                        "node " + i + ", trial " + trial);
            }
        }
    }

    /** Gram–Schmidt on a Gaussian matrix, with a random sign: a random rotation or reflection. */
    private static double[][] randomOrthogonal(SplittableRandom rng) {
        double[][] q = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                q[r][c] = rng.nextGaussian();
            }
            for (int p = 0; p < r; p++) {
                double dot = 0;
                for (int c = 0; c < 3; c++) {
                    dot += q[r][c] * q[p][c];
                }
                for (int c = 0; c < 3; c++) {
                    q[r][c] -= dot * q[p][c];
                }
            }
            double n = Math.sqrt(q[r][0] * q[r][0] + q[r][1] * q[r][1] + q[r][2] * q[r][2]);
            for (int c = 0; c < 3; c++) {
                q[r][c] /= n;
            }
        }
        if (rng.nextBoolean()) {
            for (int c = 0; c < 3; c++) {
                q[0][c] = -q[0][c];
            }
        }
        return q;
    }
}
