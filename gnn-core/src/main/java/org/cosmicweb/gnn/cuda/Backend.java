package org.cosmicweb.gnn.cuda;

import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.StepEngine;

import java.util.Locale;

/** Where training runs: the CPU engine, or the GPU engine (FP32 products). */
public enum Backend {
    CPU, CUDA;

    public StepEngine engine(GnnModel model, double weightDecay) {
        return this == CPU ? StepEngine.cpu(model, weightDecay) : new CudaEngine(model, weightDecay, false);
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
