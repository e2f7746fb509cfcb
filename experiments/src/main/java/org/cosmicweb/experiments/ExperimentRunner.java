package org.cosmicweb.experiments;

import org.cosmicweb.common.Numbers;
import org.cosmicweb.graph.SpatialFolds;

import org.cosmicweb.gnn.StepEngine;
import org.cosmicweb.gnn.cuda.Backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every model on the same spatial folds: K slabs with padding (along z, or across the sky plane for
 * projected graphs); each model is trained
 * on a fold's training galaxies and predicts its validation galaxies, so every galaxy receives
 * exactly one out-of-fold prediction per model. A GNN run at two or more scales also gets their
 * combination fitted on each fold's early-stopping slab ({@link Stacking}), a row that trains nothing.
 * Then computes the metrics per model, scale and subset (all, centrals, satellites). On a suite of boxes the folds are K groups of whole boxes
 * ({@link BoxFolds}), and the bootstrap resamples boxes.
 */
public final class ExperimentRunner {
    /** Side of the blocks of the bootstrap (Mpc): well above the linking lengths, so blocks are nearly independent. */
    static final double BOOTSTRAP_BLOCK_MPC = 20;
    static final int BOOTSTRAP_RESAMPLES = 1000;
    static final String[] SUBSETS = {"all", "centrals", "satellites"};
    private final ExperimentConfig cfg;
    private final Progress progress;
    private final StepEngine.Factory engines;

    public ExperimentRunner(ExperimentConfig cfg, Progress progress) {
        this(cfg, progress, Backend.CPU);
    }

    /**
     * @param engines what trains the GNN: a {@link Backend} (cpu, cuda) or another engine such as
     *                gnn-samediff's (the baselines always run on the CPU)
     */
    public ExperimentRunner(ExperimentConfig cfg, Progress progress, StepEngine.Factory engines) {
        this.cfg = cfg;
        this.progress = progress;
        this.engines = engines;
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
        BoostingModel.Options opts = new BoostingModel.Options(cfg.boostRounds(), 0.05, 5, 0.8, 5, cfg.seed(),
                BoostingModel.PATIENCE);
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
     * stellar masses, linking lengths or overdensity radii of half the box or more, on one box radii
     * beyond the padding (the validation fold's halos would reach the training features), GNN rounds whose
     * reach (layers × D) is not below half the box, k not below the number of graph nodes, more folds
     * than boxes, too few galaxies for the folds, projected graphs without velocities.
     */
    void check(ExperimentData data) {
        data.requireTargets("the experiment");
        for (GraphSpec g : cfg.graph().specs(cfg.linkingLengthsMpc())) {
            data.checkProjection(g);
            if (g.kind() == GraphSpec.Kind.KNN) {
                // Each box is its own graph: its smallest box must have more than k nodes.
                int smallest = 0;
                for (int b = 1; b < data.boxCount(); b++) {
                    smallest = data.nodesOfBox(b).length < data.nodesOfBox(smallest).length ? b : smallest;
                }
                int nodes = data.nodesOfBox(smallest).length;
                if (g.scale() >= nodes) {
                    throw new IllegalArgumentException("--k " + (int) g.scale() + " needs more than " + (int) g.scale()
                            + " graph nodes in every box; " + (data.boxCount() > 1 ? "box " + data.boxes().get(smallest)
                            .name() + " of " : "") + data.catalog.source() + " has " + nodes);
                }
            } else {
                data.checkReceptiveField("--linking-lengths", g.scale(), cfg.gnn().layers());
            }
        }
        for (double r : cfg.radiiMpc()) {
            data.checkScale("--radii", r);
            // One box: the padding is all that separates a training galaxy from the validation fold, and an
            // overdensity sums the halo masses of every node within R (the GNN instead drops the validation
            // fold from its training graph). Boxes of a suite are held out whole, so there R never reaches one.
            if (data.boxCount() == 1 && r > cfg.padMpc()) {
                throw new IllegalArgumentException("--radii " + Numbers.plain(r) + " Mpc is larger than --pad "
                        + Numbers.plain(cfg.padMpc()) + " Mpc: a training galaxy's overdensity within "
                        + Numbers.plain(r) + " Mpc would sum halo masses of the validation fold; use a --pad of at least "
                        + Numbers.plain(java.util.Arrays.stream(cfg.radiiMpc()).max().orElse(r)) + " Mpc (the box and"
                        + " --folds allow less than half of what one fold leaves) or only radii of at most "
                        + Numbers.plain(cfg.padMpc()) + " Mpc (--radii)");
            }
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

    /** One unit of the protocol: model {@code planIndex} of the plan fitted on fold {@code fold}. */
    public record Unit(int planIndex, int fold) implements java.io.Serializable {
    }

    /**
     * What a unit produced: predictions for its fold's validation rows, its seconds, the edges of its
     * graph (0 for a baseline), the peak RSS of the JVM that ran it, when it had run, and its
     * predictions for the training galaxies it held out (null when it has none; {@link Stacking}).
     */
    public record UnitResult(int planIndex, int fold, int[] rows, double[] mean, double[] sigma, double[] sigmaRaw,
                             double seconds, long edges, double peakRssMb, GalaxyModel.HeldOut heldOut)
            implements java.io.Serializable {
    }

    /** The plan and folds of one data set, computed once. */
    private record Protocol(ExperimentData data, List<Planned> plan, List<SpatialFolds.Fold> folds) {
    }

    private Protocol protocol;

    private synchronized Protocol protocol(ExperimentData data) {
        if (protocol == null || protocol.data() != data) {
            check(data);
            List<SpatialFolds.Fold> folds = folds(data);
            for (SpatialFolds.Fold f : folds) {
                if (f.train().length == 0 || f.validation().length == 0) {
                    throw new IllegalArgumentException("fold " + f.index() + " has " + f.train().length + " training and "
                            + f.validation().length + " validation galaxies; use fewer folds or less padding");
                }
            }
            List<Planned> plan = plan(data);
            for (SpatialFolds.Fold f : folds) {
                for (Planned p : plan) {
                    p.model().checkFold(data, f.train());
                }
            }
            protocol = new Protocol(data, plan, folds);
        }
        return protocol;
    }

    /** Every unit of the protocol in the order the serial run takes them: each model over every fold. */
    public List<Unit> units(ExperimentData data) {
        Protocol p = protocol(data);
        List<Unit> out = new ArrayList<>();
        for (int m = 0; m < p.plan().size(); m++) {
            for (SpatialFolds.Fold f : p.folds()) {
                out.add(new Unit(m, f.index()));
            }
        }
        return out;
    }

    /** Runs one unit: fits its model on its fold's training galaxies and predicts the fold's galaxies. */
    public UnitResult runUnit(ExperimentData data, Unit u) {
        Protocol p = protocol(data);
        GalaxyModel model = p.plan().get(u.planIndex()).model();
        SpatialFolds.Fold f = p.folds().get(u.fold());
        long t0 = System.nanoTime();
        GalaxyModel.Prediction pred;
        GalaxyModel.HeldOut heldOut;
        try (GalaxyModel.Fitted fitted = model.fit(data, f.train(), f.validation())) {
            pred = fitted.predict(data, f.validation());
            heldOut = fitted.heldOut();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long edges = model instanceof GnnGalaxyModel g ? data.graph(g.graph()).numEdges() : 0;
        return new UnitResult(u.planIndex(), u.fold(), f.validation(), pred.mean(), pred.sigma(), pred.sigmaRaw(),
                secs, edges, Memory.peakRssMb(), heldOut);
    }

    /** The graph a unit's model reads, to free once every unit of that model has run (null for baselines). */
    public GraphSpec graphOf(ExperimentData data, Unit u) {
        return protocol(data).plan().get(u.planIndex()).model() instanceof GnnGalaxyModel g ? g.graph() : null;
    }

    /** Runs every model on the folds; {@link #check} first. */
    public ExperimentResult run(ExperimentData data) {
        long t0 = System.nanoTime();
        Protocol p = protocol(data);
        List<UnitResult> results = new ArrayList<>();
        for (int m = 0; m < p.plan().size(); m++) {
            Planned item = p.plan().get(m);
            String label = item.label(m + 1, p.plan().size());
            double secs = 0;
            for (SpatialFolds.Fold f : p.folds()) {
                progress.message(String.format(Locale.ROOT, "experiment: %s fold %d/%d: training on %d galaxies",
                        label, f.index() + 1, p.folds().size(), f.train().length));
                UnitResult r = runUnit(data, new Unit(m, f.index()));
                results.add(r);
                secs += r.seconds();
            }
            if (item.model() instanceof GnnGalaxyModel g) {
                data.dropGraph(g.graph());
            }
            progress.message(String.format(Locale.ROOT, "experiment: %s done in %.1f s", label, secs));
        }
        return assemble(data, results, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The experiment's result from every unit's predictions (in any order): the runs in plan order,
     * their metrics and comparisons.
     */
    public ExperimentResult assemble(ExperimentData data, List<UnitResult> results, double seconds) {
        Protocol p = protocol(data);
        int[] foldOf = new int[data.size()];
        for (SpatialFolds.Fold f : p.folds()) {
            for (int i : f.validation()) {
                foldOf[i] = f.index();
            }
        }
        List<ExperimentResult.Run> runs = new ArrayList<>();
        List<ExperimentResult.Stage> stages = new ArrayList<>();
        for (int m = 0; m < p.plan().size(); m++) {
            double[] mean = new double[data.size()];
            double[] sigma = null;
            double[] sigmaRaw = null;
            double secs = 0;
            int seen = 0;
            for (UnitResult r : results) {
                if (r.planIndex() != m) {
                    continue;
                }
                seen++;
                secs += r.seconds();
                for (int k = 0; k < r.rows().length; k++) {
                    mean[r.rows()[k]] = r.mean()[k];
                }
                if (r.sigma() != null) {
                    sigma = sigma == null ? new double[data.size()] : sigma;
                    sigmaRaw = sigmaRaw == null ? new double[data.size()] : sigmaRaw;
                    for (int k = 0; k < r.rows().length; k++) {
                        sigma[r.rows()[k]] = r.sigma()[k];
                        sigmaRaw[r.rows()[k]] = r.sigmaRaw()[k];
                    }
                }
            }
            Planned item = p.plan().get(m);
            if (seen != p.folds().size()) {
                throw new IllegalArgumentException(item.model().name() + " has " + seen + " fold results, expected "
                        + p.folds().size());
            }
            runs.add(new ExperimentResult.Run(item.model().name(), item.scaleMpc(), mean, sigma, sigmaRaw, secs));
            stages.add(stage(runs.get(m).column(), results, m));
        }
        runs.addAll(Stacking.of(runs, results, p.folds().size(), foldOf, data.target,
                line -> progress.message("experiment: " + line)));
        BlockBootstrap boot = bootstrap(data, cfg.seed());
        List<ExperimentResult.MetricRow> metrics = new ArrayList<>();
        for (ExperimentResult.Run r : runs) {
            metrics.addAll(metricRows(data, r, boot));
        }
        List<ExperimentResult.Comparison> comparisons = comparisons(data, runs, metrics, boot);
        return new ExperimentResult(data, cfg, foldOf, runs, metrics, comparisons, seconds, stages);
    }

    /**
     * A model's stage for the manifest: its seconds over every fold, the edges of its graph and the
     * largest peak RSS of the JVMs that ran its units (the process's own in a serial run; on Spark,
     * the executors' after each unit).
     */
    private static ExperimentResult.Stage stage(String name, List<UnitResult> results, int planIndex) {
        double secs = 0;
        long edges = 0;
        double rss = -1;
        for (UnitResult r : results) {
            if (r.planIndex() == planIndex) {
                secs += r.seconds();
                edges = Math.max(edges, r.edges());
                rss = Math.max(rss, r.peakRssMb());
            }
        }
        return new ExperimentResult.Stage(name, secs, edges, rss);
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
                .on(engines);
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
