package org.cosmicweb.gnn.cuda;

import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.StepEngine;
import org.cosmicweb.gnn.TrainingConfig;

import java.util.Locale;

/** Where training runs: the CPU engine, or the GPU engine (FP32 products). */
public enum Backend implements StepEngine.Factory {
    CPU, CUDA;

    /** An engine training {@code model} with the optimiser and loss settings of {@code cfg}. */
    @Override
    public StepEngine engine(GnnModel model, TrainingConfig cfg) {
        return this == CPU ? StepEngine.cpu(model, cfg.weightDecay(), cfg.beta())
                : new CudaEngine(model, cfg.weightDecay(), false, cfg.beta());
    }

    /** "cpu" or "cuda". */
    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Fails at once, naming the reason, when this backend cannot run here (before hours of other work). */
    public Backend requireAvailable() {
        if (this == CUDA) {
            Cuda.require();
        }
        return this;
    }

    /** "cpu" or "cuda", as given on the command line. */
    public static Backend parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cpu" -> CPU;
            case "cuda", "gpu" -> CUDA;
            default -> throw new IllegalArgumentException("--device must be cpu or cuda, got " + name);
        };
    }
}
