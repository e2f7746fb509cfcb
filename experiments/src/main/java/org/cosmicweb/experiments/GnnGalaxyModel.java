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
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The GNN as a {@link GalaxyModel}: a radius graph at linking length D, trained on the graph
 * induced by the training galaxies (so no other galaxy reaches training through an edge), in
 * spatial minibatches; one partition, chosen by the seed, is held out to pick the best epoch.
 * Prediction uses the full graph, where every galaxy's DMO neighbours send messages. Partitions
 * carry a halo of (layers × D), so stacked rounds see every path of their receptive field.
 */
public final class GnnGalaxyModel implements GalaxyModel {
    private final double linkingLengthMpc;
    private final ModelConfig modelConfig;
    private final TrainingConfig training;
    private final long memoryBudgetBytes;
    private final Trainer.Listener listener;
    private final Backend backend;

    public GnnGalaxyModel(double linkingLengthMpc, int heads, int hidden, int latent, TrainingConfig training,
                          long memoryBudgetBytes, Trainer.Listener listener) {
        this(linkingLengthMpc, new ModelConfig(3, org.cosmicweb.graph.EdgeFeature.COUNT, heads, hidden, latent,
                org.cosmicweb.gnn.Aggregation.MULTI), training, memoryBudgetBytes, listener);
    }

    public GnnGalaxyModel(double linkingLengthMpc, ModelConfig modelConfig, TrainingConfig training,
                          long memoryBudgetBytes, Trainer.Listener listener) {
        this(linkingLengthMpc, modelConfig, training, memoryBudgetBytes, listener, Backend.CPU);
    }

    private GnnGalaxyModel(double linkingLengthMpc, ModelConfig modelConfig, TrainingConfig training,
                           long memoryBudgetBytes, Trainer.Listener listener, Backend backend) {
        this.linkingLengthMpc = linkingLengthMpc;
        this.modelConfig = modelConfig;
        this.training = training;
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.listener = listener;
        this.backend = backend;
    }

    /** The same model trained on the given backend (same batches, same steps). */
    public GnnGalaxyModel on(Backend b) {
        return new GnnGalaxyModel(linkingLengthMpc, modelConfig, training, memoryBudgetBytes, listener, b);
    }

    @Override
    public String name() {
        return "gnn";
    }

    public double linkingLengthMpc() {
        return linkingLengthMpc;
    }

    @Override
    public FittedGnn fit(ExperimentData data, int[] trainRows) {
        CosmicGraph full = data.graphOnly(linkingLengthMpc);
        int[] rows = trainRows.clone();
        Arrays.sort(rows);
        boolean[] isTrain = new boolean[data.size()];
        for (int r : rows) {
            isTrain[r] = true;
        }
        int[] scratch = new int[full.numNodes()];
        Arrays.fill(scratch, -1);
        CosmicGraph sub = Subgraph.induced(full, rows, scratch);
        Standardizer nodeStd = Standardizer.fit(data.nodeFeatures, 3, rows);
        Standardizer targetStd = Standardizer.fit(data.target, 1, rows);
        Standardizer edgeStd = GnnBatches.fitEdges(sub, allTrue(sub.numNodes()));
        double halo = modelConfig.layers() * linkingLengthMpc;
        int blocks = GnnBatches.blocksPerAxis(sub, data.catalog.boxSizeMpc(), halo, memoryBudgetBytes);
        GnnBatches.Batches b = GnnBatches.build(data, sub, rows, isTrain, halo, blocks, nodeStd, edgeStd, targetStd);
        List<GraphBatch> train = new ArrayList<>(b.batches());
        List<GraphBatch> valid = new ArrayList<>();
        if (train.size() >= 4) {
            int hold = new SplittableRandom(training.seed()).nextInt(train.size());
            valid.add(train.remove(hold));
        }
        GnnModel model = new GnnModel(modelConfig, training.seed());
        Trainer.History history;
        try (StepEngine engine = backend.engine(model, training.weightDecay())) {
            history = Trainer.train(engine, train, valid, training, listener);
        }
        Standardizer calibrated = removeMeanResidual(model, b.batches(), targetStd);
        Map<String, String> prov = new TreeMap<>();
        prov.put("catalog", data.catalog.source());
        prov.put("linking_length_mpc", Double.toString(linkingLengthMpc));
        prov.put("layers", Integer.toString(modelConfig.layers()));
        prov.put("seed", Long.toString(training.seed()));
        prov.put("epochs", Integer.toString(training.epochs()));
        prov.put("best_epoch", Integer.toString(history.bestEpoch()));
        prov.put("training_galaxies", Integer.toString(rows.length));
        prov.put("version", org.cosmicweb.experiments.cli.Version.get());
        prov.put("trained_on", backend.name().toLowerCase(java.util.Locale.ROOT));
        return new FittedGnn(new TrainedModel(model, nodeStd, edgeStd, calibrated, prov), linkingLengthMpc,
                memoryBudgetBytes);
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

    private static boolean[] allTrue(int n) {
        boolean[] a = new boolean[n];
        Arrays.fill(a, true);
        return a;
    }

    /** A trained GNN with its standardisers; predicts on any catalog with the model's own linking length. */
    public static final class FittedGnn implements Fitted {
        public final TrainedModel trained;
        private final double linkingLengthMpc;
        private final long memoryBudgetBytes;

        public FittedGnn(TrainedModel trained, double linkingLengthMpc, long memoryBudgetBytes) {
            this.trained = trained;
            this.linkingLengthMpc = linkingLengthMpc;
            this.memoryBudgetBytes = memoryBudgetBytes;
        }

        @Override
        public Prediction predict(ExperimentData data, int[] rows) {
            CosmicGraph full = data.graphOnly(linkingLengthMpc);
            boolean[] scored = new boolean[data.size()];
            for (int r : rows) {
                scored[r] = true;
            }
            int[] identity = new int[data.size()];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
            }
            double halo = trained.model().config.layers() * linkingLengthMpc;
            int blocks = GnnBatches.blocksPerAxis(full, data.catalog.boxSizeMpc(), halo, memoryBudgetBytes);
            GnnBatches.Batches b = GnnBatches.build(data, full, identity, scored, halo, blocks, trained.nodes(),
                    trained.edges(), trained.target());
            double[] meanByRow = new double[data.size()];
            double[] sigmaByRow = new double[data.size()];
            double sd = trained.target().std()[0];
            for (int k = 0; k < b.batches().size(); k++) {
                GnnModel.Prediction p = trained.model().predict(b.batches().get(k));
                int[] sr = b.scoredRows().get(k);
                for (int t = 0; t < sr.length; t++) {
                    meanByRow[sr[t]] = trained.target().invert(p.mean()[t]);
                    sigmaByRow[sr[t]] = sd * p.sigma(t);
                }
            }
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
