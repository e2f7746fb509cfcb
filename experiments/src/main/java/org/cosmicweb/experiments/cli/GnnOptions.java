package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.GnnSettings;
import picocli.CommandLine.Option;

/** The options that build and train the GNN, shared by train, experiment and bench accuracy. */
public final class GnnOptions {
    @Option(names = "--epochs", defaultValue = "" + GnnSettings.DEFAULT_EPOCHS,
            description = "GNN epochs per fit (default: ${DEFAULT-VALUE}; range 1-100000).")
    int epochs;

    @Option(names = "--heads", defaultValue = "" + GnnSettings.DEFAULT_HEADS,
            description = "Unshared edge MLPs; 0 gives a network without environment (default: ${DEFAULT-VALUE}; range 0-64).")
    int heads;

    @Option(names = "--hidden", defaultValue = "" + GnnSettings.DEFAULT_HIDDEN,
            description = "Hidden width of every MLP (default: ${DEFAULT-VALUE}; range 1-4096).")
    int hidden;

    @Option(names = "--latent", defaultValue = "" + GnnSettings.DEFAULT_LATENT,
            description = "Message width (default: ${DEFAULT-VALUE}; range 1-4096).")
    int latent;

    @Option(names = "--layers", defaultValue = "" + GnnSettings.DEFAULT_LAYERS,
            description = "Message-passing rounds; above 1 they are stacked as residual branches"
                    + " (default: ${DEFAULT-VALUE}; range 1-16).")
    int layers;

    @Option(names = "--aggregation", defaultValue = GnnSettings.DEFAULT_AGGREGATION,
            description = "How messages combine: sum, mean, max, multi (all three), multi-anisotropy (those and the"
                    + " anisotropy of the messages' directions, invariant under rotations), multi-shear (multi, and the"
                    + " anisotropy of a quarter as many further message channels of its own) or"
                    + " multi-attention (those and each channel's mean weighted by a softmax of another channel: a learned"
                    + " kernel-weighted mean; even --latent; CPU only) (default: ${DEFAULT-VALUE}).")
    String aggregation;

    @Option(names = "--learning-rate", defaultValue = "" + GnnSettings.DEFAULT_LEARNING_RATE,
            description = "AdamW learning rate (default: ${DEFAULT-VALUE}; range (0, 10)).")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "" + GnnSettings.DEFAULT_WEIGHT_DECAY,
            description = "AdamW weight decay of the weight matrices (default: ${DEFAULT-VALUE}; range [0, 1)).")
    double weightDecay;

    @Option(names = "--beta-nll", defaultValue = "" + GnnSettings.DEFAULT_BETA,
            description = "beta of the beta-NLL loss: 0 is the Gaussian NLL, 1 fits the mean as squared error"
                    + " (default: ${DEFAULT-VALUE}; range 0-1).")
    double beta;

    @Option(names = "--ensemble", defaultValue = "" + GnnSettings.DEFAULT_MEMBERS,
            description = "Networks in the deep ensemble, each with its own seed (default: ${DEFAULT-VALUE}; range 1-64).")
    int members;

    @Option(names = "--batch-size", defaultValue = "" + GnnSettings.DEFAULT_BATCH,
            description = "Training galaxies per minibatch (default: ${DEFAULT-VALUE}; range 1-1000000).")
    int batchSize;

    @Option(names = "--self-loops", arity = "1", defaultValue = "" + GnnSettings.DEFAULT_SELF_LOOPS,
            paramLabel = "true|false",
            description = "Whether each galaxy's messages include the one it sends itself, phi(x_i, x_i, e_self) with"
                    + " the self-loop's fixed edge features (default: ${DEFAULT-VALUE}).")
    boolean selfLoops;

    @Option(names = "--decorrelate", arity = "1", defaultValue = "" + GnnSettings.DEFAULT_DECORRELATE,
            paramLabel = "true|false",
            description = "Whether the GNN's node features are standardised in order, each minus its least-squares fit"
                    + " on the ones before it (log Vmax then reaches the network as its offset at fixed halo mass, a"
                    + " halo's concentration); the baselines' features are unchanged (default: ${DEFAULT-VALUE}).")
    boolean decorrelate;

    /** The settings these options describe, each checked against the range its --help states, by option name. */
    public GnnSettings settings() {
        OptionChecks.range("--epochs", epochs, 1, 100_000);
        OptionChecks.range("--heads", heads, 0, 64);
        OptionChecks.range("--hidden", hidden, 1, 4096);
        OptionChecks.range("--latent", latent, 1, 4096);
        OptionChecks.range("--layers", layers, 1, 16);
        if (layers > 1 && heads == 0) {
            throw new IllegalArgumentException("--layers " + layers + " stacks message-passing rounds, which need"
                    + " --heads 1 or more (0 heads is a network without environment)");
        }
        OptionChecks.range("--learning-rate", learningRate, 0, true, 10, true);
        OptionChecks.range("--weight-decay", weightDecay, 0, false, 1, true);
        OptionChecks.range("--beta-nll", beta, 0, false, 1, false);
        OptionChecks.range("--ensemble", members, 1, 64);
        OptionChecks.range("--batch-size", batchSize, 1, 1_000_000);
        org.cosmicweb.gnn.Aggregation agg;
        try {
            agg = GnnSettings.parseAggregation(aggregation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage());
        }
        return new GnnSettings(epochs, heads, hidden, latent, layers, agg, learningRate, weightDecay, beta, members,
                batchSize, selfLoops, decorrelate);
    }
}
