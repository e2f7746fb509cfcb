package org.cosmicweb.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.Json;

/**
 * Settings of one linking-length experiment. Defaults follow the literature where it has one
 * (3 folds along z with 10 Mpc padding; overdensity radii 0.3–10 Mpc).
 *
 * @param linkingLengthsMpc GNN linking lengths D
 * @param radiiMpc          overdensity radii R of the boosting baselines
 * @param folds             spatial folds along z
 * @param padMpc            padding between validation slab and training galaxies
 * @param gnn               how the GNN is built and trained
 * @param boostRounds       most XGBoost rounds (each fit stops early on its held-out block)
 * @param seed              seed of every random choice
 * @param memoryBudgetBytes target graph bytes per GNN spatial block (prediction, and training of
 *                          several rounds): never blocks thinner than twice the halo
 * @param graph             which graphs the GNN runs on (radius 3D/2D or kNN)
 */
public record ExperimentConfig(double[] linkingLengthsMpc, double[] radiiMpc, int folds, double padMpc,
                               GnnSettings gnn, int boostRounds, long seed, long memoryBudgetBytes, GraphChoice graph)
        implements java.io.Serializable {
    public ExperimentConfig {
        if (linkingLengthsMpc.length == 0) {
            throw new IllegalArgumentException("give at least one linking length");
        }
        for (double d : linkingLengthsMpc) {
            if (!(d >= 0.1 && d <= 50)) {
                throw new IllegalArgumentException("linking lengths must be in [0.1, 50] Mpc, got " + d);
            }
        }
        for (double r : radiiMpc) {
            if (!(r >= 0.1 && r <= 50)) {
                throw new IllegalArgumentException("overdensity radii must be in [0.1, 50] Mpc, got " + r);
            }
        }
        if (folds < 2 || folds > 20) {
            throw new IllegalArgumentException("folds must be in 2..20, got " + folds);
        }
        if (!(padMpc >= 0)) {
            throw new IllegalArgumentException("padding must be >= 0 Mpc, got " + padMpc);
        }
        if (graph == null) {
            throw new IllegalArgumentException("graph settings must be given");
        }
        if (gnn == null) {
            throw new IllegalArgumentException("GNN settings must be given");
        }
        if (boostRounds < 1 || memoryBudgetBytes < 1 << 10) {
            throw new IllegalArgumentException("boosting rounds must be >= 1 and the memory budget >= 1 KiB, got "
                    + boostRounds + " and " + memoryBudgetBytes);
        }
        linkingLengthsMpc = linkingLengthsMpc.clone();
        radiiMpc = radiiMpc.clone();
    }

    public ExperimentConfig(double[] linkingLengthsMpc, double[] radiiMpc, int folds, double padMpc, GnnSettings gnn,
                            int boostRounds, long seed, long memoryBudgetBytes) {
        this(linkingLengthsMpc, radiiMpc, folds, padMpc, gnn, boostRounds, seed, memoryBudgetBytes,
                GraphChoice.defaults());
    }

    /**
     * The embedded default: the GNN at the paper's linking lengths 1, 2, 3, 5, 7.5 and 10 Mpc against
     * every baseline (the GNN's defaults are {@link GnnSettings#defaults()}, chosen by the study in the
     * README).
     */
    public static ExperimentConfig embedded(long seed) {
        return new ExperimentConfig(new double[] {1, 2, 3, 5, 7.5, 10}, new double[] {0.3, 1, 2, 3, 5, 10}, 3, 10,
                GnnSettings.defaults(), BoostingModel.MAX_ROUNDS, seed, 256L << 10);
    }

    /** Smoke run on the same mock for tests and a first look: D = 1 and 3 Mpc only, about a minute. */
    public static ExperimentConfig quick(long seed) {
        return new ExperimentConfig(new double[] {1, 3}, new double[] {0.3, 1, 2, 3, 5, 10}, 3, 10,
                GnnSettings.defaults(), BoostingModel.MAX_ROUNDS, seed, 256L << 10);
    }

    public ExperimentConfig withGnn(GnnSettings g) {
        return new ExperimentConfig(linkingLengthsMpc, radiiMpc, folds, padMpc, g, boostRounds, seed, memoryBudgetBytes,
                graph);
    }

    public ExperimentConfig withLinkingLengths(double[] d) {
        return new ExperimentConfig(d, radiiMpc, folds, padMpc, gnn, boostRounds, seed, memoryBudgetBytes, graph);
    }

    public ExperimentConfig withGraph(GraphChoice g) {
        return new ExperimentConfig(linkingLengthsMpc, radiiMpc, folds, padMpc, gnn, boostRounds, seed, memoryBudgetBytes,
                g);
    }

    public ExperimentConfig withSeed(long s) {
        return new ExperimentConfig(linkingLengthsMpc, radiiMpc, folds, padMpc, gnn, boostRounds, s, memoryBudgetBytes,
                graph);
    }

    /** The settings as recorded in manifests. */
    public ObjectNode json() {
        ObjectNode n = Json.object();
        n.set("linking_lengths_mpc", Json.array(linkingLengthsMpc));
        n.set("overdensity_radii_mpc", Json.array(radiiMpc));
        n.put("folds", folds);
        n.put("pad_mpc", padMpc);
        n.put("epochs", gnn.epochs());
        n.put("heads", gnn.heads());
        n.put("hidden", gnn.hidden());
        n.put("latent", gnn.latent());
        n.put("layers", gnn.layers());
        n.put("aggregation", GnnSettings.aggregationName(gnn.aggregation()));
        n.put("learning_rate", gnn.learningRate());
        n.put("weight_decay", gnn.weightDecay());
        n.put("beta_nll", gnn.beta());
        n.put("batch_size", gnn.batchSize());
        n.put("ensemble_members", gnn.members());
        n.put("self_loops", gnn.selfLoops());
        n.put("decorrelate", gnn.decorrelate());
        n.put("boost_rounds", boostRounds);
        n.put("seed", seed);
        n.put("memory_budget_bytes", memoryBudgetBytes);
        n.set("graph", graph.json());
        return n;
    }

    public String toJson() {
        return Json.line(json());
    }
}
