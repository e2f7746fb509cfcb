package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.GnnSettings;
import org.cosmicweb.gnn.StepEngine;
import org.cosmicweb.gnn.cuda.Backend;
import org.cosmicweb.gnn.samediff.SameDiffEngine;
import picocli.CommandLine.Option;

import java.util.Locale;

/** The --device and --engine options of the commands that train the GNN (train, experiment, bench gnn). */
public final class DeviceOption {
    @Option(names = "--device", defaultValue = "cpu", description = "Where the GNN trains: cpu, or cuda (build with"
            + " -Pcuda, or run the launcher with COSMICWEB_PROFILE=cuda; default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--engine", defaultValue = "fast", paramLabel = "fast|samediff",
            description = "What computes the training steps: fast, the engine's own kernels; or samediff, the same"
                    + " model, loss, AdamW and trainer with forward and backward passes by ND4J's SameDiff (CPU only;"
                    + " several times slower, for checking and for new architectures; default: ${DEFAULT-VALUE}).")
    String engine;

    /** The backend asked for; fails at once, saying why, when it cannot run here. */
    Backend backend() {
        return Backend.parse(device).requireAvailable();
    }

    /** True for --engine samediff; fails on an unknown engine name. */
    boolean sameDiff() {
        return switch (engine.toLowerCase(Locale.ROOT)) {
            case "fast" -> false;
            case "samediff" -> true;
            default -> throw new IllegalArgumentException("--engine must be fast or samediff, got " + engine);
        };
    }

    /**
     * What trains a GNN of these settings: as {@link #engines()}, and fails at once, naming the option to
     * change, when the backend has no kernels for the architecture (the GPU engine's aggregations).
     */
    StepEngine.Factory engines(GnnSettings settings) {
        if (!sameDiff()) {
            // Before the GPU's availability: what the engine cannot train is known on any machine.
            Backend.parse(device).requireSupports(settings.modelConfig());
        }
        return engines();
    }

    /** What trains the GNN: the backend's fast engine, or SameDiff (on the CPU only). */
    StepEngine.Factory engines() {
        if (sameDiff()) {
            if (Backend.parse(device) != Backend.CPU) {
                throw new IllegalArgumentException("--engine samediff runs on the CPU only (ND4J's CUDA backend cannot"
                        + " run on these GPUs); drop --device " + device + " or use --engine fast");
            }
            return SameDiffEngine.FACTORY;
        }
        return backend();
    }
}
