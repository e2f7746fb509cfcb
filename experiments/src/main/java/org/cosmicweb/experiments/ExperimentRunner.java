package org.cosmicweb.experiments;

import org.cosmicweb.graph.SpatialFolds;

import org.cosmicweb.gnn.cuda.Backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every model on the same spatial folds: K slabs along z with padding; each model is trained
 * on a fold's training galaxies and predicts its validation galaxies, so every galaxy receives
 * exactly one out-of-fold prediction per model. Then computes the metrics per model, scale and
 * subset (all, centrals, satellites). On a suite of boxes the folds are K groups of whole boxes
 * ({@link BoxFolds}), and the bootstrap resamples boxes.
 */
public final class ExperimentRunner {
    /** Side of the blocks of the bootstrap (Mpc): well above the linking lengths, so blocks are nearly independent. */
    static final double BOOTSTRAP_BLOCK_MPC = 20;
    static final int BOOTSTRAP_RESAMPLES = 1000;
    static final String[] SUBSETS = {"all", "centrals", "satellites"};
    private final ExperimentConfig cfg;
    private final Progress progress;
    private final Backend backend;

    public ExperimentRunner(ExperimentConfig cfg, Progress progress) {
        this(cfg, progress, Backend.CPU);
    }

    /** @param backend where the GNN trains (the baselines always run on the CPU) */
    public ExperimentRunner(ExperimentConfig cfg, Progress progress, Backend backend) {
        this.cfg = cfg;
        this.progress = progress;
        this.backend = backend;
    }

    /** One model run of the protocol: the model and the scale it works at (D or R in Mpc, k), NaN for none. */
    record Planned(GalaxyModel model, double scaleMpc) {
        String label(int step, int total) {
            String scale = Double.isNaN(scaleMpc) ? "" : model.name().equals("gnn_knn") ? " k=" + (int) scaleMpc
                    : (model.name().startsWith("gnn") ? " D=" : " R=") + scaleMpc + " Mpc";
            return String.format(Locale.ROOT, "[%d/%d] %s%s", step, total, model.name(), scale);
        }
    }

    /** Model runs of the protocol, baselines first. */
    List<Planned> plan(ExperimentData data) {
        List<Planned> plan = new ArrayList<>();
        BoostingModel.Options opts = new BoostingModel.Options(cfg.boostRounds(), 0.05, 5, 0.8, 5, cfg.seed());
        plan.add(new Planned(new Sham(), Double.NaN));
        plan.add(new Planned(new BoostingModel("boost_noenv", new double[0], opts), Double.NaN));
        for (double r : cfg.radiiMpc()) {
            plan.add(new Planned(new BoostingModel("boost_overdensity", new double[] {r}, opts), r));
        }
        if (cfg.radiiMpc().length > 1) {
            plan.add(new Planned(new BoostingModel("boost_overdensity_all", cfg.radiiMpc(), opts), Double.NaN));
        }
        if (cfg.radiiMpc().length > 0) {
            plan.add(new Planned(new ExplainableBoosting("ebm_overdensity_all", new HaloFeatures(cfg.radiiMpc(), false),
                    ExplainableBoosting.Options.defaults()), Double.NaN));
        }
        if (data.catalog.disperse() != null) {
            plan.add(new Planned(new BoostingModel("boost_disperse", new double[0], true, opts), Double.NaN));
        }
        List<GraphSpec> graphs = cfg.graph().specs(cfg.linkingLengthsMpc());
        int total = plan.size() + graphs.size();
        for (GraphSpec g : graphs) {
            plan.add(new Planned(gnn(g, plan.size() + 1, total), g.scale()));
        }
        return plan;
    }

    /**
     * Fails at once, before any model runs, on what would fail (or be wrong) later: data without
     * stellar masses, linking lengths or overdensity radii of half the box or more, GNN rounds whose
     * reach (layers × D) is not below half the box, k not below the number of graph nodes, more folds
     * than boxes, too few galaxies for the folds.
     */
    void check(ExperimentData data) {
        data.requireTargets("the experiment");
        for (GraphSpec g : cfg.graph().specs(cfg.linkingLengthsMpc())) {
            if (g.kind() == GraphSpec.Kind.KNN) {
                if (g.scale() >= data.nodeCount()) {
                    throw new IllegalArgumentException("--k " + (int) g.scale() + " needs more than " + (int) g.scale()
                            + " graph nodes; " + data.catalog.source() + " has " + data.nodeCount());
                }
            } else {
                data.checkReceptiveField("--linking-lengths", g.scale(), cfg.gnn().layers());
            }
        }
        for (double r : cfg.radiiMpc()) {
            data.checkScale("--radii", r);
        }
        if (data.boxCount() > 1 && cfg.folds() > data.boxCount()) {
            throw new IllegalArgumentException("--folds " + cfg.folds() + " over whole boxes needs at least " + cfg.folds()
                    + " boxes, " + data.catalog.source() + " has " + data.boxCount());
        }
        if (data.size() < cfg.folds() * TrainJob.MIN_GALAXIES) {
            throw new IllegalArgumentException("the experiment needs at least " + TrainJob.MIN_GALAXIES + " galaxies per"
                    + " fold (" + cfg.folds() * TrainJob.MIN_GALAXIES + " for --folds " + cfg.folds() + "); "
                    + data.size() + " of " + data.catalog.source() + " pass the cuts");
        }
    }

    /**
     * The folds: K groups of whole boxes for a suite; for one box K slabs with padding, along z for 3D
     * graphs and across the sky plane for projected ones.
     */
    List<SpatialFolds.Fold> folds(ExperimentData data) {
        if (data.boxCount() > 1) {
            int[] box = java.util.Arrays.copyOf(data.boxOfNode(), data.size());
            return BoxFolds.split(box, data.boxCount(), cfg.folds(), cfg.seed(), new int[data.boxCount()]);
        }
        return SpatialFolds.split(data.catalog.positionsMpc(), data.catalog.boxSizeMpc(), cfg.folds(), cfg.padMpc(),
                cfg.graph().foldAxis());
    }

    /** Runs every model on the folds; {@link #check} first. */
    public ExperimentResult run(ExperimentData data) {
        long t0 = System.nanoTime();
        check(data);
        List<SpatialFolds.Fold> folds = folds(data);
        int[] foldOf = new int[data.size()];
        for (SpatialFolds.Fold f : folds) {
            for (int i : f.validation()) {
                foldOf[i] = f.index();
            }
            if (f.train().length == 0 || f.validation().length == 0) {
                throw new IllegalArgumentException("fold " + f.index() + " has " + f.train().length + " training and "
                        + f.validation().length + " validation galaxies; use fewer folds or less padding");
            }
        }
        List<Planned> plan = plan(data);
        List<ExperimentResult.Run> runs = new ArrayList<>();
        int step = 0;
        for (Planned item : plan) {
            double scale = item.scaleMpc();
            GalaxyModel model = item.model();
            String label = item.label(++step, plan.size());
            long m0 = System.nanoTime();
            double[] mean = new double[data.size()];
            double[] sigma = null;
            double[] sigmaRaw = null;
            for (SpatialFolds.Fold f : folds) {
                progress.message(String.format(Locale.ROOT, "experiment: %s fold %d/%d: training on %d galaxies",
                        label, f.index() + 1, folds.size(), f.train().length));
                GalaxyModel.Prediction p;
                try (GalaxyModel.Fitted fitted = model.fit(data, f.train(), f.validation())) {
                    p = fitted.predict(data, f.validation());
                }
                for (int k = 0; k < f.validation().length; k++) {
                    mean[f.validation()[k]] = p.mean()[k];
                }
                if (p.sigma() != null) {
                    sigma = sigma == null ? new double[data.size()] : sigma;
                    sigmaRaw = sigmaRaw == null ? new double[data.size()] : sigmaRaw;
                    for (int k = 0; k < f.validation().length; k++) {
                        sigma[f.validation()[k]] = p.sigma()[k];
                        sigmaRaw[f.validation()[k]] = p.sigmaRaw()[k];
                    }
                }
            }
            double secs = (System.nanoTime() - m0) / 1e9;
            runs.add(new ExperimentResult.Run(model.name(), scale, mean, sigma, sigmaRaw, secs));
            if (model instanceof GnnGalaxyModel g) {
                data.dropGraph(g.graph());
            }
            progress.message(String.format(Locale.ROOT, "experiment: %s done in %.1f s", label, secs));
        }
        BlockBootstrap boot = bootstrap(data, cfg.seed());
        List<ExperimentResult.MetricRow> metrics = new ArrayList<>();
        for (ExperimentResult.Run r : runs) {
            metrics.addAll(metricRows(data, r, boot));
        }
        List<ExperimentResult.Comparison> comparisons = comparisons(data, runs, metrics, boot);
        return new ExperimentResult(data, cfg, foldOf, runs, metrics, comparisons, (System.nanoTime() - t0) / 1e9);
    }

    /** The block bootstrap of every table of a run on {@code data}: whole boxes of a suite, else spatial blocks. */
    public static BlockBootstrap bootstrap(ExperimentData data, long seed) {
        if (data.boxCount() > 1) {
            return BlockBootstrap.byGroup(java.util.Arrays.copyOf(data.boxOfNode(), data.size()), data.boxCount(),
                    BOOTSTRAP_RESAMPLES, seed);
        }
        return new BlockBootstrap(data.catalog.positionsMpc(), data.catalog.boxSizeMpc(), BOOTSTRAP_BLOCK_MPC,
                BOOTSTRAP_RESAMPLES, seed);
    }

    /**
     * Every GNN run against the best baseline (lowest RMSE on all galaxies) and against
     * boost_noenv, on every subset.
     */
    static List<ExperimentResult.Comparison> comparisons(ExperimentData data, List<ExperimentResult.Run> runs,
                                                         List<ExperimentResult.MetricRow> metrics, BlockBootstrap boot) {
        ExperimentResult.Run best = null;
        ExperimentResult.Run noenv = null;
        double bestRmse = Double.POSITIVE_INFINITY;
        for (ExperimentResult.Run r : runs) {
            if (ExperimentResult.isGnn(r)) {
                continue;
            }
            double rmse = rmseOf(metrics, r);
            if (rmse < bestRmse) {
                bestRmse = rmse;
                best = r;
            }
            if (r.model().equals("boost_noenv")) {
                noenv = r;
            }
        }
        List<ExperimentResult.Comparison> out = new ArrayList<>();
        for (ExperimentResult.Run r : runs) {
            if (!ExperimentResult.isGnn(r)) {
                continue;
            }
            for (String subset : SUBSETS) {
                boolean[] sel = subsetMask(data, subset);
                if (best != null) {
                    out.add(new ExperimentResult.Comparison(r, best, "best_baseline", subset,
                            boot.difference(r.mean(), best.mean(), data.target, sel)));
                }
                if (noenv != null && noenv != best) {
                    out.add(new ExperimentResult.Comparison(r, noenv, "no_environment", subset,
                            boot.difference(r.mean(), noenv.mean(), data.target, sel)));
                }
            }
        }
        return out;
    }

    private static double rmseOf(List<ExperimentResult.MetricRow> metrics, ExperimentResult.Run r) {
        for (ExperimentResult.MetricRow m : metrics) {
            if (m.model().equals(r.model()) && m.subset().equals("all") && Double.compare(m.scaleMpc(), r.scaleMpc()) == 0) {
                return m.metrics().rmse();
            }
        }
        return Double.NaN;
    }

    static boolean[] subsetMask(ExperimentData data, String subset) {
        boolean[] sel = new boolean[data.size()];
        for (int i = 0; i < sel.length; i++) {
            boolean c = data.catalog.isCentral()[i];
            sel[i] = subset.equals("all") || (subset.equals("centrals") == c);
        }
        return sel;
    }

    private GalaxyModel gnn(GraphSpec graph, int step, int total) {
        GnnSettings g = cfg.gnn();
        String label = "experiment: " + new Planned(new GnnGalaxyModel(graph, g, 0, 1 << 10, null), graph.scale())
                .label(step, total) + " epoch";
        return new GnnGalaxyModel(graph, g, cfg.seed(), cfg.memoryBudgetBytes(),
                (epoch, epochs, trainLoss, validLoss, lr) -> progress.update(label, epoch + 1, epochs,
                        String.format(Locale.ROOT, "train NLL %.3f, held-out NLL %.3f, lr %.1e", trainLoss, validLoss, lr)))
                .on(backend);
    }

    static List<ExperimentResult.MetricRow> metricRows(ExperimentData data, ExperimentResult.Run r,
                                                       BlockBootstrap boot) {
        List<ExperimentResult.MetricRow> out = new ArrayList<>();
        for (String subset : SUBSETS) {
            boolean[] sel = subsetMask(data, subset);
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (sel[i]) {
                    rows.add(i);
                }
            }
            double[] p = new double[rows.size()];
            double[] t = new double[rows.size()];
            double[] s = r.sigma() == null ? null : new double[rows.size()];
            for (int k = 0; k < p.length; k++) {
                p[k] = r.mean()[rows.get(k)];
                t[k] = data.target[rows.get(k)];
                if (s != null) {
                    s[k] = r.sigma()[rows.get(k)];
                }
            }
            double c1 = s == null ? Double.NaN : Metrics.coverage(p, s, t, 1);
            double c2 = s == null ? Double.NaN : Metrics.coverage(p, s, t, 2);
            double se = boot.rmse(r.mean(), data.target, sel).se();
            out.add(new ExperimentResult.MetricRow(r.model(), r.scaleMpc(), subset, Metrics.of(p, t), se, c1, c2));
        }
        return out;
    }
}
