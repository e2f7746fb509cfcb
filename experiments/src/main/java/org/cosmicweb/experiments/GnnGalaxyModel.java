package org.cosmicweb.experiments;

import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.Subgraph;
import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.Standardizer;
import org.cosmicweb.gnn.StepEngine;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.gnn.Trainer;
import org.cosmicweb.gnn.TrainingConfig;
import org.cosmicweb.gnn.cuda.Backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GNN as a {@link GalaxyModel}: a radius graph at linking length D, trained in minibatches
 * (random neighbourhoods for one round, spatial blocks for several) on the graph of every galaxy
 * outside the excluded (validation) rows, so padding
 * galaxies send their halo properties as messages, exactly as they will at prediction time,
 * but only training galaxies are scored; nothing of an excluded galaxy reaches training. A
 * seeded slab of the training galaxies ({@link HeldOutBlock}, {@value HeldOutBlock#FRACTION} of the
 * box) is not scored either: it picks the best epoch. Prediction uses the full graph, where every
 * galaxy's DMO neighbours send messages. Partitions carry a halo of (layers × D), so stacked rounds
 * see every path of their receptive field.
 *
 * <p>With graph nodes chosen by dark-matter cuts ({@link org.cosmicweb.simulations.GraphNodes#DMO})
 * the non-galaxy nodes send messages and are never scored. On a suite of boxes the graph is the
 * disjoint union of the boxes' graphs; whole training boxes are held out to pick the epoch, and
 * prediction (and training of several rounds) uses batches of whole boxes, one batch at a time.
 */
public final class GnnGalaxyModel implements GalaxyModel {
    /** Provenance key: how the graph nodes were chosen ({@link org.cosmicweb.simulations.GraphNodes#key()}). */
    public static final String GRAPH_NODES = "graph_nodes";
    /** Provenance key: the node features, comma-separated (the halo's three, then box parameters). */
    public static final String NODE_FEATURES = "node_features";
    /** Held-out galaxies per batch when scoring an epoch (no gradients, so only memory bounds it). */
    static final int VALIDATION_BATCH = 4096;
    private final GraphSpec graph;
    private final GnnSettings settings;
    private final TrainingConfig training;
    private final long memoryBudgetBytes;
    private final Trainer.Listener listener;
    private final StepEngine.Factory engines;

    /**
     * @param settings architecture and training; an ensemble's member m trains with seed + m, so it has
     *                 its own initial weights, batches and held-out slab (Lakshminarayanan et al. 2017)
     * @param memoryBudgetBytes graph bytes per spatial block (prediction, and training of several rounds)
     */
    public GnnGalaxyModel(double linkingLengthMpc, GnnSettings settings, long seed, long memoryBudgetBytes,
                          Trainer.Listener listener) {
        this(GraphSpec.radius(linkingLengthMpc), settings, seed, memoryBudgetBytes, listener, Backend.CPU);
    }

    /** A GNN on any {@link GraphSpec}: radius, kNN or projected graphs. */
    public GnnGalaxyModel(GraphSpec graph, GnnSettings settings, long seed, long memoryBudgetBytes,
                          Trainer.Listener listener) {
        this(graph, settings, seed, memoryBudgetBytes, listener, Backend.CPU);
    }

    private GnnGalaxyModel(GraphSpec graph, GnnSettings settings, long seed, long memoryBudgetBytes,
                           Trainer.Listener listener, StepEngine.Factory engines) {
        this.graph = graph.withSelfLoops(settings.selfLoops());
        this.settings = settings;
        this.training = settings.training(seed);
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.listener = listener;
        this.engines = engines;
    }

    /**
     * The same model trained by another engine (same batches, same steps): a {@link Backend} (cpu,
     * cuda) or another module's, e.g. gnn-samediff's.
     */
    public GnnGalaxyModel on(StepEngine.Factory e) {
        return new GnnGalaxyModel(graph, settings, training.seed(), memoryBudgetBytes, listener, e);
    }

    @Override
    public String name() {
        return graph.modelName();
    }

    public GraphSpec graph() {
        return graph;
    }

    @Override
    public FittedGnn fit(ExperimentData data, int[] trainRows, int[] excludedRows) {
        data.requireTargets("training the GNN");
        int[] visibleRows = visibleRows(data.nodeCount(), trainRows, excludedRows);
        CosmicGraph sub = visibleGraph(data, visibleRows);
        ModelConfig modelConfig = settings.modelConfig(data.nodeDim());
        List<TrainedModel> trained = new ArrayList<>();
        // An ensemble's members hold out different slabs: no row is held out by all of them, so only a
        // single network predicts its slab.
        boolean single = settings.members() == 1;
        HeldOut heldOut = null;
        for (int m = 0; m < settings.members(); m++) {
            Member member = fitMember(data, modelConfig, sub, visibleRows, trainRows,
                    training.withSeed(training.seed() + m), single);
            trained.add(member.trained());
            heldOut = member.heldOut();
        }
        return new FittedGnn(trained, graph, memoryBudgetBytes, heldOut);
    }

    /** One trained network and its predictions for its own held-out slab (null when not asked for). */
    private record Member(TrainedModel trained, HeldOut heldOut) {
    }

    /** Every member's held-out slab, as {@link #prepare} will choose it. */
    @Override
    public void checkFold(ExperimentData data, int[] trainRows) {
        for (int m = 0; m < settings.members(); m++) {
            HeldOutBlock.of(data, trainRows, training.seed() + m);
        }
    }

    @Override
    public FittedGnn fit(ExperimentData data, int[] trainRows) {
        return fit(data, trainRows, new int[0]);
    }

    /** Every node but the excluded rows, ascending; a training row may not be excluded. */
    static int[] visibleRows(int n, int[] trainRows, int[] excludedRows) {
        boolean[] visible = new boolean[n];
        Arrays.fill(visible, true);
        for (int r : excludedRows) {
            visible[r] = false;
        }
        for (int r : trainRows) {
            if (!visible[r]) {
                throw new IllegalArgumentException("row " + r + " is both a training and an excluded row");
            }
        }
        return java.util.stream.IntStream.range(0, n).filter(i -> visible[i]).toArray();
    }

    /**
     * The graph the network trains on: every edge of the full graph between visible galaxies, so the
     * padding galaxies send messages (as they will at prediction time) and no excluded galaxy does.
     */
    CosmicGraph visibleGraph(ExperimentData data, int[] visibleRows) {
        CosmicGraph full = data.graph(graph);
        int[] scratch = new int[full.numNodes()];
        Arrays.fill(scratch, -1);
        return Subgraph.induced(full, visibleRows, scratch);
    }

    /** What one network trains on: its held-out slab, standardisers and batches. */
    record Prepared(HeldOutBlock block, Standardizer nodes, Standardizer edges, Standardizer target,
                    GnnBatches.Batches train, GnnBatches.Batches valid) {
    }

    /** Builds one network's training and held-out batches on the graph {@code sub} over {@code visibleRows}. */
    Prepared prepare(ExperimentData data, CosmicGraph sub, int[] visibleRows, int[] trainRows, long seed) {
        HeldOutBlock block = HeldOutBlock.of(data, trainRows, seed);
        int[] fitRows = block.remaining();
        boolean[] isFit = mask(data.nodeCount(), fitRows);
        boolean[] isHeld = mask(data.nodeCount(), block.rows());
        Standardizer nodeStd = settings.decorrelate()
                ? Standardizer.fitDecorrelated(data.nodeFeatures, data.nodeDim(), fitRows)
                : Standardizer.fit(data.nodeFeatures, data.nodeDim(), fitRows);
        Standardizer targetStd = Standardizer.fit(data.target, 1, fitRows);
        boolean[] fitLocal = new boolean[visibleRows.length];
        for (int t = 0; t < visibleRows.length; t++) {
            fitLocal[t] = isFit[visibleRows[t]];
        }
        Standardizer edgeStd = GnnBatches.fitEdges(sub, fitLocal);
        GnnBatches.Batches train;
        GnnBatches.Batches valid;
        double[] pos = data.positionsFor(graph);
        if (settings.layers() == 1) {
            train = GnnBatches.neighbourhoods(data, pos, sub, visibleRows, isFit, settings.batchSize(), seed, nodeStd,
                    edgeStd, targetStd);
            valid = GnnBatches.neighbourhoods(data, pos, sub, visibleRows, isHeld, VALIDATION_BATCH, seed, nodeStd,
                    edgeStd, targetStd);
        } else if (data.boxCount() > 1) {
            train = GnnBatches.boxes(data, pos, sub, visibleRows, isFit, memoryBudgetBytes, nodeStd, edgeStd, targetStd);
            valid = GnnBatches.boxes(data, pos, sub, visibleRows, isHeld, memoryBudgetBytes, nodeStd, edgeStd, targetStd);
        } else {
            double halo = settings.layers() * GnnBatches.maxEdgeLength(data.graph(graph));
            int blocks = GnnBatches.blocksPerAxis(sub, data.catalog.boxSizeMpc(), halo, memoryBudgetBytes);
            train = GnnBatches.build(data, pos, sub, visibleRows, isFit, halo, blocks, nodeStd, edgeStd, targetStd);
            valid = GnnBatches.build(data, pos, sub, visibleRows, isHeld, halo, blocks, nodeStd, edgeStd, targetStd);
        }
        return new Prepared(block, nodeStd, edgeStd, targetStd, train, valid);
    }

    /** One network: its batches and training run. */
    private Member fitMember(ExperimentData data, ModelConfig modelConfig, CosmicGraph sub, int[] visibleRows,
                             int[] trainRows, TrainingConfig tc, boolean predictHeldOut) {
        Prepared p = prepare(data, sub, visibleRows, trainRows, tc.seed());
        GnnModel model = new GnnModel(modelConfig, tc.seed());
        Trainer.History history;
        try (StepEngine engine = engines.engine(model, tc)) {
            history = Trainer.train(engine, p.train().batches(), p.valid().batches(), tc, listener);
        }
        SlowMode.report(history.allocatedBytesPerRow(), engines.id(), System.err::println);
        Standardizer calibrated = removeMeanResidual(model, p.train().batches(), p.target());
        double temperature = sigmaScale(model, p.valid().batches(), (calibrated.mean()[0] - p.target().mean()[0])
                / p.target().std()[0]);
        Map<String, String> prov = new TreeMap<>();
        prov.put("catalog", data.catalog.source());
        graph.putProvenance(prov);
        prov.put("layers", Integer.toString(modelConfig.layers()));
        prov.put("seed", Long.toString(tc.seed()));
        prov.put("epochs", Integer.toString(tc.epochs()));
        prov.put("best_epoch", Integer.toString(history.bestEpoch() + 1)); // counted from 1, as train prints it
        prov.put("training_galaxies", Integer.toString(p.block().remaining().length));
        prov.put("early_stopping", p.block().describe());
        prov.put("beta_nll", Double.toString(tc.beta()));
        prov.put(SIGMA_SCALE, Double.toString(temperature));
        prov.put("version", org.cosmicweb.common.Version.get());
        prov.put("trained_on", engines.id());
        prov.put(GRAPH_NODES, data.graphNodes().key());
        prov.put(VELOCITIES, data.hasVelocities() ? "given" : "none");
        if (graph.kind() == GraphSpec.Kind.PROJECTED) {
            prov.put("hubble", Double.toString(data.hubble())); // the h its redshifts were computed with
        }
        prov.put(NODE_FEATURES, String.join(",", data.featureNames()));
        prov.put("boxes", Integer.toString(data.boxCount()));
        return new Member(new TrainedModel(model, p.nodes(), p.edges(), calibrated, prov, data.featureNames(),
                graph.edgeFeatureNames()), predictHeldOut ? heldOut(model, p.valid(), calibrated, temperature) : null);
    }

    /**
     * The network's predictions for its held-out slab, from the batches that picked its epoch (the
     * graph without the excluded rows), in the units of the target, σ scaled by the temperature.
     */
    static HeldOut heldOut(GnnModel model, GnnBatches.Batches valid, Standardizer target, double temperature) {
        TreeMap<Integer, double[]> byRow = new TreeMap<>();
        for (int b = 0; b < valid.batches().size(); b++) {
            GraphBatch g = valid.batches().get(b);
            GnnModel.Prediction p = model.predict(g);
            int[] rows = valid.scoredRows().get(b);
            for (int i = 0; i < g.numScored; i++) {
                byRow.put(rows[i], new double[] {target.invert(p.mean()[i]),
                        temperature * target.std()[0] * p.sigma(i)});
            }
        }
        int[] rows = new int[byRow.size()];
        double[] mean = new double[rows.length];
        double[] sigma = new double[rows.length];
        int k = 0;
        for (Map.Entry<Integer, double[]> e : byRow.entrySet()) {
            rows[k] = e.getKey();
            mean[k] = e.getValue()[0];
            sigma[k++] = e.getValue()[1];
        }
        return new HeldOut(rows, mean, sigma);
    }

    /** Provenance key: "given", or "none" when every velocity of the training catalog was 0 (a table without them). */
    static final String VELOCITIES = "velocities";

    /** Provenance key of the post-hoc scale of σ (temperature), fitted on the held-out slab. */
    static final String SIGMA_SCALE = "sigma_scale";

    /**
     * The temperature T that calibrates σ: the maximum-likelihood scale of a Gaussian's σ,
     * T² = mean over the held-out galaxies of (r / σ)², with r the residual after the mean shift
     * ({@code shift}, in standardised units). Fitted on the training fold's held-out slab, which
     * training never scored; 1 when there is nothing to fit on.
     */
    static double sigmaScale(GnnModel model, List<GraphBatch> heldOut, double shift) {
        double sum = 0;
        long n = 0;
        for (GraphBatch g : heldOut) {
            GnnModel.Prediction p = model.predict(g);
            for (int i = 0; i < g.numScored; i++) {
                double z = (g.targets[i] - p.mean()[i] - shift) / p.sigma(i);
                sum += z * z;
                n++;
            }
        }
        return n == 0 ? 1.0 : Math.sqrt(sum / n);
    }

    private static boolean[] mask(int n, int[] rows) {
        boolean[] m = new boolean[n];
        for (int r : rows) {
            m[r] = true;
        }
        return m;
    }

    /**
     * The Gaussian NLL weights residuals by 1/σ², so its fitted mean can sit off the unweighted
     * mean of the training targets; shift the target scale so that the mean residual over the
     * training galaxies is zero (a calibration fitted on the training fold only).
     */
    static Standardizer removeMeanResidual(GnnModel model, List<GraphBatch> batches, Standardizer target) {
        double sum = 0;
        long n = 0;
        for (GraphBatch g : batches) {
            float[] mu = model.predict(g).mean();
            for (int i = 0; i < g.numScored; i++) {
                sum += g.targets[i] - mu[i];
                n++;
            }
        }
        double shift = n == 0 ? 0 : sum / n;
        return new Standardizer(new double[] {target.mean()[0] + shift * target.std()[0]}, target.std());
    }

    /**
     * A trained GNN (one network or a deep ensemble) with its standardisers; predicts on any catalog
     * with the model's own linking length. An ensemble predicts the mixture of its members'
     * Gaussians: mean μ = mean of μ_m, variance σ² = mean of σ_m² + variance of μ_m.
     */
    public static final class FittedGnn implements Fitted {
        public final List<TrainedModel> members;
        private final GraphSpec graph;
        private final long memoryBudgetBytes;
        private final HeldOut heldOut;

        /** A radius graph at D, with self-loops when the model was trained with them. */
        public FittedGnn(TrainedModel trained, double linkingLengthMpc, long memoryBudgetBytes) {
            this(List.of(trained), GraphSpec.radius(linkingLengthMpc)
                    .withSelfLoops(GraphSpec.selfLoopsIn(trained.provenance(), "the model")), memoryBudgetBytes);
        }

        public FittedGnn(List<TrainedModel> members, GraphSpec graph, long memoryBudgetBytes) {
            this(members, graph, memoryBudgetBytes, null);
        }

        FittedGnn(List<TrainedModel> members, GraphSpec graph, long memoryBudgetBytes, HeldOut heldOut) {
            if (members.isEmpty()) {
                throw new IllegalArgumentException("a fitted GNN needs at least one network");
            }
            this.members = List.copyOf(members);
            this.graph = graph;
            this.memoryBudgetBytes = memoryBudgetBytes;
            this.heldOut = heldOut;
        }

        /** A single network's predictions for its held-out slab; null for an ensemble or a loaded model. */
        @Override
        public HeldOut heldOut() {
            return heldOut;
        }

        /** The first (or only) network. */
        public TrainedModel trained() {
            return members.get(0);
        }

        /**
         * Mixture of the members' Gaussians, with each member's σ scaled by its held-out temperature
         * (sigma) and without (sigmaRaw).
         */
        @Override
        public Prediction predict(ExperimentData data, int[] rows) {
            int k = members.size();
            double[] mean = new double[rows.length];
            double[] second = new double[rows.length];
            double[] secondRaw = new double[rows.length];
            for (TrainedModel tm : members) {
                Prediction p = predictOne(tm, data, rows);
                double t = Double.parseDouble(tm.provenance().getOrDefault(SIGMA_SCALE, "1"));
                for (int i = 0; i < rows.length; i++) {
                    double m2 = p.mean()[i] * p.mean()[i];
                    mean[i] += p.mean()[i] / k;
                    second[i] += (t * t * p.sigma()[i] * p.sigma()[i] + m2) / k;
                    secondRaw[i] += (p.sigma()[i] * p.sigma()[i] + m2) / k;
                }
            }
            double[] sigma = new double[rows.length];
            double[] sigmaRaw = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                sigma[i] = Math.sqrt(Math.max(0, second[i] - mean[i] * mean[i]));
                sigmaRaw[i] = Math.sqrt(Math.max(0, secondRaw[i] - mean[i] * mean[i]));
            }
            return new Prediction(mean, sigma, sigmaRaw);
        }

        private Prediction predictOne(TrainedModel trained, ExperimentData data, int[] rows) {
            CosmicGraph full = data.graph(graph);
            int n = data.nodeCount();
            boolean[] scored = new boolean[n];
            for (int r : rows) {
                scored[r] = true;
            }
            double[] meanByRow = new double[n];
            double[] sigmaByRow = new double[n];
            double sd = trained.target().std()[0];
            GnnBatches.forEachPredictionBatch(data, graph, full, scored, trained.model().config.layers(), trained.nodes(),
                    trained.edges(), memoryBudgetBytes, (b, nodeRows) -> {
                        GnnModel.Prediction p = trained.model().predict(b);
                        for (int t = 0; t < b.numScored; t++) {
                            meanByRow[nodeRows[t]] = trained.target().invert(p.mean()[t]);
                            sigmaByRow[nodeRows[t]] = sd * p.sigma(t);
                        }
                    });
            double[] mean = new double[rows.length];
            double[] sigma = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                mean[k] = meanByRow[rows[k]];
                sigma[k] = sigmaByRow[rows[k]];
            }
            return new Prediction(mean, sigma);
        }
    }
}
