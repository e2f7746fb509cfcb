package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.EmbeddedMock;
import org.cosmicweb.simulations.CatalogSummary;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Linking-length experiment: GNN against overdensity, boosting and abundance-matching baselines."
                + " Without --tng it runs on the embedded mock universe.")
public final class ExperimentCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--out", defaultValue = "runs/experiment", paramLabel = "DIR",
            description = "Run folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the mock and of training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "Smoke run: small mock, few linking lengths and epochs (about a minute).")
    boolean quick;

    @Option(names = "--mock-dir", defaultValue = "runs", paramLabel = "DIR",
            description = "Where the embedded mock is generated and reused (default: ${DEFAULT-VALUE}).")
    Path mockDir;

    @Override
    public void run() {
        if (catalog.tng == null) {
            MockUniverseConfig cfg = MockUniverseConfig.defaults(seed).withBox(quick ? 60 : 100);
            catalog.tng = EmbeddedMock.ensure(mockDir, cfg);
        }
        SubhaloCatalog cat = catalog.load();
        System.out.println(CatalogSummary.json(cat));
        System.out.println("experiment: cosmic graphs, GNN training and the baselines are not available yet");
    }
}
