package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.AccuracyStudy;
import org.cosmicweb.experiments.ExperimentConfig;
import org.cosmicweb.experiments.Progress;
import org.cosmicweb.simulations.mock.EnvironmentModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = {"The GNN against its baselines on many mock universes: the experiment for every environment"
                + " model and seed, then per environment model the mean RMSE over universes and the GNN's paired"
                + " differences against boost_noenv, boost_overdensity_all and the best baseline.",
            "Each universe's rows are appended to --csv as they complete; the summary table goes to standard output."})
public final class BenchAccuracyCommand implements Runnable {
    @Option(names = "--environments", split = ",", defaultValue = "neighbours,field,web,none", paramLabel = "MODEL",
            description = "Environment models of the mocks (default: ${DEFAULT-VALUE}).")
    List<String> environments;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", description = "Mock seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--box-mpch", defaultValue = "100", description = "Mock box in Mpc/h (default: ${DEFAULT-VALUE}).")
    double box;

    @Option(names = "--mock-dir", defaultValue = "runs", paramLabel = "DIR",
            description = "Where the mocks are generated and reused (default: ${DEFAULT-VALUE}).")
    Path mockDir;

    @Option(names = "--linking-lengths", split = ",", paramLabel = "MPC",
            description = "GNN linking lengths (default: the experiment's).")
    List<Double> linkingLengths;

    @Option(names = "--csv", converter = OutputFile.class, paramLabel = "FILE", description = "Append one row per model and universe to this CSV"
            + " (a new file, or one this command wrote: its header must match; checked before any universe runs). One"
            + " CSV holds one configuration (its last column): rows of another, or a universe (environment, seed) already in"
            + " it, are refused.")
    Path csv;

    @Option(names = "--summarise", paramLabel = "FILE", description = "Print the summary of a CSV this command"
            + " wrote (an interrupted study, or one grown over several runs) and run nothing.")
    Path summarise;

    @Mixin
    GnnOptions gnn;

    @Override
    public void run() {
        if (summarise != null) {
            AccuracyStudy.Csv study = AccuracyStudy.readCsv(summarise);
            System.out.println("Configuration: " + study.config() + "\n");
            System.out.print(AccuracyStudy.summary(study.rows()));
            return;
        }
        List<EnvironmentModel> envs = environments.stream().map(EnvironmentModel::parse).toList();
        // A universe run twice would count twice: the spread over seeds would shrink and its wins double.
        if (new java.util.HashSet<>(envs).size() != envs.size()) {
            throw new IllegalArgumentException("--environments " + String.join(",", environments)
                    + " names an environment model twice; each is run once per seed");
        }
        if (new java.util.HashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("--seeds " + seeds.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")) + " names a seed twice; each seed is one universe");
        }
        ExperimentConfig base = ExperimentConfig.embedded(0).withGnn(gnn.settings());
        if (linkingLengths != null) {
            base = base.withLinkingLengths(linkingLengths.stream().mapToDouble(Double::doubleValue).toArray());
        }
        Progress progress = Progress.stderr();
        AccuracyStudy study = new AccuracyStudy(mockDir, box, base, progress);
        if (csv != null) {
            AccuracyStudy.checkCsv(csv, envs, seeds, study.configKey());
        }
        progress.message("bench accuracy: GNN " + base.gnn().describe());
        List<AccuracyStudy.Row> all = new ArrayList<>();
        for (EnvironmentModel env : envs) {
            for (long seed : seeds) {
                long t0 = System.nanoTime();
                List<AccuracyStudy.Row> rows = study.universe(env, seed);
                all.addAll(rows);
                append(study, rows);
                progress.message(String.format(java.util.Locale.ROOT, "bench accuracy: %s seed %d done in %.0f s",
                        env.key(), seed, (System.nanoTime() - t0) / 1e9));
            }
        }
        System.out.println("GNN: " + base.gnn().describe() + "\n");
        System.out.print(AccuracyStudy.summary(all));
    }

    private void append(AccuracyStudy study, List<AccuracyStudy.Row> rows) {
        if (csv != null) {
            AccuracyStudy.appendCsv(csv, rows, study.configKey());
        }
    }
}
