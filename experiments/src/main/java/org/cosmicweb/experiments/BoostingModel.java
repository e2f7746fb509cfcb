package org.cosmicweb.experiments;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.cosmicweb.common.Threads;

import java.util.HashMap;
import java.util.Map;

/**
 * Gradient-boosted trees (XGBoost, squared error, histogram method) on the halo properties
 * (log M_halo, log Vmax, is_central, and a suite's box parameters when the GNN sees them), optionally with overdensities at chosen radii and the
 * DisPerSE distances. With neither this is the "no environment" baseline.
 */
public final class BoostingModel implements GalaxyModel {
    private final String name;
    private final HaloFeatures features;
    private final Options options;

    /** Booster settings; defaults are common choices for ~10^4–10^5 rows and a handful of features. */
    public record Options(int rounds, double eta, int maxDepth, double subsample, int minChildWeight, long seed) {
        public Options {
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

        public static Options defaults(long seed) {
            return new Options(300, 0.05, 5, 0.8, 5, seed);
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

    @Override
    public Fitted fit(ExperimentData data, int[] trainRows, int[] excludedRows) {
        Booster booster;
        DMatrix train = null;
        try {
            train = new DMatrix(features(data, trainRows), trainRows.length, columns(data), Float.NaN);
            float[] y = new float[trainRows.length];
            for (int k = 0; k < y.length; k++) {
                y[k] = (float) data.target[trainRows[k]];
            }
            train.setLabel(y);
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
            booster = XGBoost.train(train, params, options.rounds(), new HashMap<>(), null, null);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed for " + name + ": " + e.getMessage(), e);
        } finally {
            if (train != null) {
                train.dispose();
            }
        }
        return new FittedBooster(booster);
    }

    /** A trained booster; {@link #close} frees its native memory (XGBoost does not free it on its own). */
    private final class FittedBooster implements Fitted {
        private Booster booster;

        FittedBooster(Booster booster) {
            this.booster = booster;
        }

        @Override
        public Prediction predict(ExperimentData d, int[] rows) {
            if (booster == null) {
                throw new IllegalStateException(name + " was closed");
            }
            DMatrix m = null;
            try {
                m = new DMatrix(features(d, rows), rows.length, columns(d), Float.NaN);
                float[][] p = booster.predict(m);
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
