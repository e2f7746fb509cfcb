package org.cosmicweb.gnn.cuda;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.ModelConfig;
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

    /**
     * Fails at once, naming the option to change, when this backend cannot train a model of this
     * architecture: the GPU engine runs one round of every aggregation but multi-attention, with hidden
     * widths up to 256. Needs no GPU, so a command checks it before any other work.
     */
    public Backend requireSupports(ModelConfig c) {
        if (this == CPU) {
            return this;
        }
        if (c.layers() != 1) {
            throw new CudaException("the GPU engine runs one message-passing round; layers = " + c.layers()
                    + " runs on the CPU engine (--device cpu)");
        }
        Aggregation a = c.aggregation();
        if (a == Aggregation.MULTI_ATTENTION) {
            throw new CudaException("the GPU engine has no " + a.cliName()
                    + " aggregation yet; train with --aggregation multi or on the CPU (--device cpu)");
        }
        if (c.hidden() > 256) {
            throw new CudaException("the GPU engine supports hidden widths up to 256, got " + c.hidden());
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
