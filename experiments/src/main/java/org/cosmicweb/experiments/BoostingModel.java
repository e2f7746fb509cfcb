package org.cosmicweb.experiments;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.cosmicweb.common.Threads;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradient-boosted trees (XGBoost, squared error, histogram method) on the halo properties
 * (log M_halo, log Vmax, is_central, and a suite's box parameters when the GNN sees them), optionally with overdensities at chosen radii and the
 * DisPerSE distances. With neither this is the "no environment" baseline.
 *
 * <p>Like the GNN, it picks its size on held-out training galaxies: with {@code patience} above 0,
 * it trains on the training rows outside the experiment's seeded held-out block ({@link
 * HeldOutBlock#of}: a slab, or whole boxes of a suite), stops when the held-out RMSE has not improved
 * for {@code patience} rounds (or at {@code rounds}), and predicts with the trees up to the best
 * round. A fixed number of rounds underfits large suites (on the 512 CAMELS-Astrid boxes 300 rounds
 * left boosting 0.03 dex behind a quadratic least-squares fit on the same features).
 */
public final class BoostingModel implements GalaxyModel {
    /** Default upper bound on the rounds; early stopping ends most fits long before. */
    public static final int MAX_ROUNDS = 5000;
    /** Rounds without held-out improvement before stopping. */
    public static final int PATIENCE = 50;

    private final String name;
    private final HaloFeatures features;
    private final Options options;

    /** Booster settings; defaults are common choices for ~10^4–10^5 rows and a handful of features. */
    public record Options(int rounds, double eta, int maxDepth, double subsample, int minChildWeight, long seed,
                          int patience) {
        /** A fixed number of rounds, without early stopping. */
        public Options(int rounds, double eta, int maxDepth, double subsample, int minChildWeight, long seed) {
            this(rounds, eta, maxDepth, subsample, minChildWeight, seed, 0);
        }

        public Options {
            if (patience < 0 || patience > 100_000) {
                throw new IllegalArgumentException("early-stopping patience must be in 0..100000 rounds, got " + patience);
            }
            if (rounds < 1 || rounds > 100_000) {
                throw new IllegalArgumentException("boosting rounds must be in 1..100000, got " + rounds);
            }
            if (!(eta > 0 && eta <= 1)) {
                throw new IllegalArgumentException("eta must be in (0, 1], got " + eta);
            }
            if (maxDepth < 1 || maxDepth > 20) {
                throw new IllegalArgumentException("max depth must be in 1..20, got " + maxDepth);
            }
            if (!(subsample > 0 && subsample <= 1)) {
                throw new IllegalArgumentException("subsample must be in (0, 1], got " + subsample);
            }
        }

        /** At most {@link #MAX_ROUNDS} rounds, stopped after {@link #PATIENCE} without held-out improvement. */
        public static Options defaults(long seed) {
            return new Options(MAX_ROUNDS, 0.05, 5, 0.8, 5, seed, PATIENCE);
        }
    }

    public BoostingModel(String name, double[] radiiMpc, Options options) {
        this(name, radiiMpc, false, options);
    }

    /** With {@code disperse}, the catalog's five DisPerSE distances are features too. */
    public BoostingModel(String name, double[] radiiMpc, boolean disperse, Options options) {
        this.name = name;
        this.features = new HaloFeatures(radiiMpc, disperse);
        this.options = options;
    }

    @Override
    public String name() {
        return name;
    }

    private int columns(ExperimentData d) {
        return features.columns(d);
    }

    float[] features(ExperimentData d, int[] rows) {
        return features.matrix(d, rows);
    }

    /** The held-out block early stopping will use, as {@link #fit} chooses it. */
    @Override
    public void checkFold(ExperimentData data, int[] trainRows) {
        if (options.patience() != 0) {
            HeldOutBlock.of(data, trainRows, options.seed());
        }
    }

    @Override
    public Fitted fit(ExperimentData data, int[] trainRows, int[] excludedRows) {
        if (options.patience() == 0) {
            return new FittedBooster(train(data, trainRows, null, null), 0);
        }
        HeldOutBlock block = HeldOutBlock.of(data, trainRows, options.seed());
        float[][] history = new float[1][options.rounds()];
        Booster booster = train(data, block.remaining(), block.rows(), history);
        try {
            int trained = booster.getNumBoostedRound();
            int best = 0;
            for (int r = 1; r < trained; r++) {
                if (history[0][r] < history[0][best]) {
                    best = r;
                }
            }
            return new FittedBooster(booster, best + 1);
        } catch (XGBoostError e) {
            booster.dispose();
            throw new IllegalStateException("XGBoost training failed for " + name + ": " + e.getMessage(), e);
        }
    }

    private DMatrix matrix(ExperimentData data, int[] rows, boolean labelled) throws XGBoostError {
        DMatrix m = new DMatrix(features(data, rows), rows.length, columns(data), Float.NaN);
        if (labelled) {
            float[] y = new float[rows.length];
            for (int k = 0; k < y.length; k++) {
                y[k] = (float) data.target[rows[k]];
            }
            m.setLabel(y);
        }
        return m;
    }

    /** Trains on {@code rows}; with {@code heldRows}, records the held-out RMSE per round and stops early. */
    private Booster train(ExperimentData data, int[] rows, int[] heldRows, float[][] history) {
        DMatrix train = null;
        DMatrix held = null;
        try {
            train = matrix(data, rows, true);
            Map<String, Object> params = new HashMap<>();
            params.put("objective", "reg:squarederror");
            params.put("tree_method", "hist");
            params.put("eta", options.eta());
            params.put("max_depth", options.maxDepth());
            params.put("subsample", options.subsample());
            params.put("min_child_weight", options.minChildWeight());
            params.put("seed", options.seed());
            params.put("nthread", Threads.count());
            params.put("verbosity", 0);
            if (heldRows == null) {
                return XGBoost.train(train, params, options.rounds(), new HashMap<>(), null, null);
            }
            held = matrix(data, heldRows, true);
            params.put("eval_metric", "rmse");
            params.put("verbose_eval", 0);   // XGBoost4J prints every round's held-out RMSE to stderr otherwise
            Map<String, DMatrix> watches = new LinkedHashMap<>();
            watches.put("held_out", held);
            return XGBoost.train(train, params, options.rounds(), watches, history, null, null,
                    options.patience());
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed for " + name + ": " + e.getMessage(), e);
        } finally {
            if (train != null) {
                train.dispose();
            }
            if (held != null) {
                held.dispose();
            }
        }
    }

    /** A trained booster; {@link #close} frees its native memory (XGBoost does not free it on its own). */
    final class FittedBooster implements Fitted {
        private Booster booster;
        /** Trees used for predictions (0: all). */
        private final int treeLimit;

        FittedBooster(Booster booster, int treeLimit) {
            this.booster = booster;
            this.treeLimit = treeLimit;
        }

        /** Trees its predictions use: the best held-out round, or 0 for all of them. */
        int treeLimit() {
            return treeLimit;
        }

        @Override
        public Prediction predict(ExperimentData d, int[] rows) {
            if (booster == null) {
                throw new IllegalStateException(name + " was closed");
            }
            DMatrix m = null;
            try {
                m = matrix(d, rows, false);
                float[][] p = booster.predict(m, false, treeLimit);
                double[] out = new double[rows.length];
                for (int k = 0; k < out.length; k++) {
                    out[k] = p[k][0];
                }
                return new Prediction(out, null);
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost prediction failed for " + name + ": " + e.getMessage(), e);
            } finally {
                if (m != null) {
                    m.dispose();
                }
            }
        }

        @Override
        public void close() {
            if (booster != null) {
                booster.dispose();
                booster = null;
            }
        }
    }
}
