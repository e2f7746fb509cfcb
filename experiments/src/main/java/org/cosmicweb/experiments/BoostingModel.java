package org.cosmicweb.experiments;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.cosmicweb.simulations.SubhaloCatalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient-boosted trees (XGBoost, squared error, histogram method) on the halo properties
 * (log M_halo, log Vmax, is_central), optionally with overdensities at chosen radii and the
 * DisPerSE distances. With neither this is the "no environment" baseline.
 */
public final class BoostingModel implements GalaxyModel {
    private final String name;
    private final double[] radiiMpc;
    private final boolean disperse;
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
        this.radiiMpc = radiiMpc.clone();
        this.disperse = disperse;
        this.options = options;
    }

    @Override
    public String name() {
        return name;
    }

    private int columns() {
        return 3 + radiiMpc.length + (disperse ? SubhaloCatalog.DISPERSE_FIELDS.length : 0);
    }

    float[] features(ExperimentData d, int[] rows) {
        if (disperse && d.catalog.disperse() == null) {
            throw new IllegalArgumentException(name + " needs DisPerSE distances, which " + d.catalog.source() + " lacks");
        }
        int c = columns();
        List<double[]> od = new ArrayList<>();
        for (double r : radiiMpc) {
            od.add(d.overdensity(r));
        }
        float[] x = new float[rows.length * c];
        for (int k = 0; k < rows.length; k++) {
            int i = rows[k];
            for (int a = 0; a < 3; a++) {
                x[k * c + a] = (float) d.nodeFeatures[3 * i + a];
            }
            for (int a = 0; a < radiiMpc.length; a++) {
                x[k * c + 3 + a] = (float) od.get(a)[i];
            }
            if (disperse) {
                int nd = SubhaloCatalog.DISPERSE_FIELDS.length;
                for (int a = 0; a < nd; a++) {
                    x[k * c + 3 + radiiMpc.length + a] = (float) d.catalog.disperse()[nd * i + a];
                }
            }
        }
        return x;
    }

    @Override
    public Fitted fit(ExperimentData data, int[] trainRows) {
        try {
            DMatrix train = new DMatrix(features(data, trainRows), trainRows.length, columns(), Float.NaN);
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
            params.put("nthread", Runtime.getRuntime().availableProcessors());
            params.put("verbosity", 0);
            Booster booster = XGBoost.train(train, params, options.rounds(), new HashMap<>(), null, null);
            train.dispose();
            return (d, rows) -> {
                try {
                    DMatrix m = new DMatrix(features(d, rows), rows.length, columns(), Float.NaN);
                    float[][] p = booster.predict(m);
                    m.dispose();
                    double[] out = new double[rows.length];
                    for (int k = 0; k < out.length; k++) {
                        out[k] = p[k][0];
                    }
                    return new Prediction(out, null);
                } catch (XGBoostError e) {
                    throw new IllegalStateException("XGBoost prediction failed for " + name + ": " + e.getMessage(), e);
                }
            };
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed for " + name + ": " + e.getMessage(), e);
        }
    }
}
