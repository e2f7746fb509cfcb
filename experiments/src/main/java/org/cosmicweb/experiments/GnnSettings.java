package org.cosmicweb.experiments;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.ModelConfig;
import org.cosmicweb.gnn.TrainingConfig;
import org.cosmicweb.graph.EdgeFeature;

/**
 * How the experiment's GNN is built and trained (the defaults are in the README's "How the GNN is
 * trained, and choosing its defaults"; the studies that chose them in docs/accuracy-studies.md).
 *
 * @param epochs       epochs per fit
 * @param heads        unshared edge MLPs (0: no environment, a node-only network)
 * @param hidden       hidden width of every MLP
 * @param latent       message width
 * @param layers       message-passing rounds (above 1: residual rounds)
 * @param aggregation  how messages are combined
 * @param learningRate AdamW learning rate
 * @param weightDecay  AdamW decoupled weight decay on weight matrices
 * @param beta         β of the β-NLL gradients (0: plain Gaussian NLL)
 * @param members      networks of the deep ensemble, each with its own seed and held-out slab;
 *                     predictions are the mixture of their Gaussians
 * @param batchSize    training galaxies per minibatch (one round: random neighbourhoods; several
 *                     rounds: spatial blocks sized by the memory budget instead)
 * @param selfLoops    whether each galaxy's messages include the one to itself, φ(x_i, x_i, e_self)
 *                     (the graph gets the edge i → i, recorded in the model file)
 * @param decorrelate  whether the node features are standardised in order, each minus its least-squares
 *                     fit on the ones before it ({@link org.cosmicweb.gnn.Standardizer#fitDecorrelated}: log
 *                     Vmax at fixed log M_halo, a halo's concentration), instead of column by column
 *                     (recorded in the model file with the standardiser)
 */
public record GnnSettings(int epochs, int heads, int hidden, int latent, int layers, Aggregation aggregation,
                          double learningRate, double weightDecay, double beta, int members, int batchSize,
                          boolean selfLoops, boolean decorrelate)
        implements java.io.Serializable {
    public static final int DEFAULT_EPOCHS = 27;
    public static final int DEFAULT_HEADS = 2;
    public static final int DEFAULT_HIDDEN = 48;
    public static final int DEFAULT_LATENT = 16;
    public static final int DEFAULT_LAYERS = 1;
    public static final String DEFAULT_AGGREGATION = "multi-shear";
    public static final double DEFAULT_LEARNING_RATE = 5e-3;
    public static final double DEFAULT_WEIGHT_DECAY = 1e-4;
    public static final double DEFAULT_BETA = 0.5;
    public static final int DEFAULT_MEMBERS = 1;
    public static final int DEFAULT_BATCH = 128;
    public static final boolean DEFAULT_SELF_LOOPS = true;
    public static final boolean DEFAULT_DECORRELATE = true;

    public GnnSettings {
        if (epochs < 1 || epochs > 100_000) {
            throw new IllegalArgumentException("GNN epochs must be in 1..100000, got " + epochs);
        }
        if (members < 1 || members > 64) {
            throw new IllegalArgumentException("ensemble members must be in 1..64, got " + members);
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException("batch size must be in 1..1000000 galaxies, got " + batchSize);
        }
        if (aggregation == null) {
            throw new IllegalArgumentException("an aggregation must be given");
        }
        // The remaining ranges are checked by ModelConfig and TrainingConfig, which name the value.
        new ModelConfig(ExperimentData.NODE_FEATURES.length, EdgeFeature.COUNT, heads, hidden, latent, aggregation, layers);
        TrainingConfig.defaults(epochs, 0).withLearningRate(learningRate).withWeightDecay(weightDecay).withBeta(beta);
    }

    /** Settings with the default standardisation of the node features. */
    public GnnSettings(int epochs, int heads, int hidden, int latent, int layers, Aggregation aggregation,
                       double learningRate, double weightDecay, double beta, int members, int batchSize,
                       boolean selfLoops) {
        this(epochs, heads, hidden, latent, layers, aggregation, learningRate, weightDecay, beta, members, batchSize,
                selfLoops, DEFAULT_DECORRELATE);
    }

    /** Settings with the default self-loops and standardisation. */
    public GnnSettings(int epochs, int heads, int hidden, int latent, int layers, Aggregation aggregation,
                       double learningRate, double weightDecay, double beta, int members, int batchSize) {
        this(epochs, heads, hidden, latent, layers, aggregation, learningRate, weightDecay, beta, members, batchSize,
                DEFAULT_SELF_LOOPS);
    }

    public static GnnSettings defaults() {
        return new GnnSettings(DEFAULT_EPOCHS, DEFAULT_HEADS, DEFAULT_HIDDEN, DEFAULT_LATENT, DEFAULT_LAYERS,
                parseAggregation(DEFAULT_AGGREGATION), DEFAULT_LEARNING_RATE, DEFAULT_WEIGHT_DECAY, DEFAULT_BETA,
                DEFAULT_MEMBERS, DEFAULT_BATCH, DEFAULT_SELF_LOOPS, DEFAULT_DECORRELATE);
    }

    /**
     * sum, mean, max, multi (sum, mean and max), multi-anisotropy (those and the messages' anisotropy),
     * multi-shear (multi, and the anisotropy of further channels of its own) or multi-attention (those and
     * each channel's mean weighted by a softmax of its partner channel).
     */
    public static Aggregation parseAggregation(String s) {
        for (Aggregation a : Aggregation.values()) {
            if (a.name().equalsIgnoreCase(s.trim().replace('-', '_'))) {
                return a;
            }
        }
        throw new IllegalArgumentException("aggregation must be sum, mean, max, multi, multi-anisotropy, multi-shear or multi-attention, got '" + s + "'");
    }

    /** The aggregation's name on the command line. */
    public static String aggregationName(Aggregation a) {
        return a.cliName();
    }

    /** The architecture for the three halo features. */
    public ModelConfig modelConfig() {
        return modelConfig(ExperimentData.NODE_FEATURES.length);
    }

    /** The architecture for {@code nodeDim} node features (the halo's three, then any box parameters). */
    public ModelConfig modelConfig(int nodeDim) {
        return new ModelConfig(nodeDim, EdgeFeature.COUNT, heads, hidden, latent, aggregation, layers);
    }

    public TrainingConfig training(long seed) {
        return TrainingConfig.defaults(epochs, seed).withLearningRate(learningRate).withWeightDecay(weightDecay)
                .withBeta(beta);
    }

    public GnnSettings withEpochs(int e) {
        return new GnnSettings(e, heads, hidden, latent, layers, aggregation, learningRate, weightDecay, beta, members,
                batchSize, selfLoops, decorrelate);
    }

    public GnnSettings withMembers(int m) {
        return new GnnSettings(epochs, heads, hidden, latent, layers, aggregation, learningRate, weightDecay, beta, m,
                batchSize, selfLoops, decorrelate);
    }

    public GnnSettings withSelfLoops(boolean loops) {
        return new GnnSettings(epochs, heads, hidden, latent, layers, aggregation, learningRate, weightDecay, beta,
                members, batchSize, loops, decorrelate);
    }

    public GnnSettings withDecorrelate(boolean d) {
        return new GnnSettings(epochs, heads, hidden, latent, layers, aggregation, learningRate, weightDecay, beta,
                members, batchSize, selfLoops, d);
    }

    /** One line for logs and manifests. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d head%s of width %d (latent %d, %s, %d round%s), %d epochs,"
                        + " lr %.1e, wd %.1e, beta-NLL %.2f, batches of %d, %d member%s%s%s", heads, heads == 1 ? "" : "s",
                hidden, latent,
                aggregationName(aggregation), layers, layers == 1 ? "" : "s", epochs,
                learningRate, weightDecay, beta, batchSize, members, members == 1 ? "" : "s",
                selfLoops ? ", self-loops" : "", decorrelate ? ", decorrelated halo features" : "");
    }
}
