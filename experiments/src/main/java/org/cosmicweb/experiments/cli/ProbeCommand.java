package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.EnvironmentEmbedding;
import org.cosmicweb.experiments.Probe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Linear probe of GNN environment embeddings: ridge regression of a column on the embedding,"
                + " out-of-fold R^2 over spatial slabs along z with the penalty chosen by nested cross-validation,"
                + " beside the same probe on as many random features (the control)."})
public final class ProbeCommand implements Runnable {
    @Option(names = "--embeddings", required = true, paramLabel = "FILE.h5", description = "File written by 'embed'.")
    Path embeddings;

    @Option(names = "--target", split = ",", paramLabel = "COLUMN",
            description = "Columns to probe (default: every column in the file).")
    List<String> targets;

    @Option(names = "--folds", defaultValue = "4", description = "Spatial slabs along z (default: ${DEFAULT-VALUE}; 3-20: the ridge penalty is chosen by"
            + " cross-validation inside the training slabs, which needs two of them).")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random-feature control (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        if (folds < 3 || folds > 20) {
            throw new IllegalArgumentException("--folds must be in 3..20, got " + folds + " (the ridge penalty is chosen"
                    + " by cross-validation inside each fold's training slabs, which needs at least two of them)");
        }
        EnvironmentEmbedding.Table t = EnvironmentEmbedding.read(embeddings);
        List<String> cols = new java.util.ArrayList<>(targets == null ? t.columns().keySet() : targets);
        // Probe.column refuses an unknown --target here, before any line of the table is printed.
        List<String> empty = cols.stream().filter(c -> java.util.Arrays.stream(Probe.column(t, c)).allMatch(Double::isNaN))
                .toList();
        if (!empty.isEmpty()) {
            String why = "no values in the embeddings" + (empty.contains("log_mstar")
                    ? " (log_mstar: a dark-matter-only catalog has no stellar masses)" : "");
            if (targets != null) {
                throw new IllegalArgumentException("--target " + String.join(",", empty) + ": " + why);
            }
            System.err.println("probe: skipped " + String.join(", ", empty) + ": " + why);
            cols.removeAll(empty);
        }
        System.out.println("| column | R² (embedding) | R² (random features) | λ / n | N | width |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (String c : cols) {
            Probe.Result r = Probe.run(t, c, folds, seed);
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.0e | %d | %d |%n", r.column(), r.r2(), r.r2Random(),
                    r.lambda(), r.n(), r.width());
        }
    }
}
