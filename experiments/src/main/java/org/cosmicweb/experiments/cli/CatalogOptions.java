package org.cosmicweb.experiments.cli;

import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options shared by every command that reads a TNG (or mock) catalog pair. */
public final class CatalogOptions {
    @Option(names = "--tng", paramLabel = "DIR",
            description = "Folder holding the hydro and dark runs (e.g. TNG300-1 and TNG300-1-Dark), real or mock.")
    Path tng;

    @Option(names = "--config", paramLabel = "FILE.json",
            description = "Read option defaults from a JSON object such as {\"epochs\": 40}; flags given here win.")
    Path config;

    @Option(names = "--snapshot", defaultValue = "99", description = "Snapshot number (default: ${DEFAULT-VALUE}).")
    int snapshot;

    @Option(names = "--hydro-run", defaultValue = TngLayout.DEFAULT_HYDRO,
            description = "Hydro run folder name (default: ${DEFAULT-VALUE}).")
    String hydroRun;

    @Option(names = "--dark-run", defaultValue = TngLayout.DEFAULT_DARK,
            description = "Dark run folder name (default: ${DEFAULT-VALUE}).")
    String darkRun;

    @Option(names = "--min-log-mstar", defaultValue = "9.0",
            description = "Keep galaxies with log10 M*/Msun above this (default: ${DEFAULT-VALUE}; range 0-13).")
    double minLogMstar;

    @Option(names = "--min-log-mhalo", defaultValue = "11.0",
            description = "Keep subhalos with log10 M_DM/Msun above this in both runs (default: ${DEFAULT-VALUE}).")
    double minLogMhalo;

    @Option(names = "--min-star-particles", defaultValue = "50",
            description = "Keep galaxies with more star particles than this (default: ${DEFAULT-VALUE}).")
    int minStarParticles;

    public TngLayout layout(Path root) {
        return new TngLayout(root, hydroRun, darkRun, snapshot);
    }

    public CatalogCuts cuts() {
        return new CatalogCuts(minLogMstar, minLogMhalo, minStarParticles, true);
    }

    /** Loads the catalog at --tng, which must be given. */
    public SubhaloCatalog load() {
        if (tng == null) {
            throw new IllegalArgumentException("--tng DIR is required (the folder holding "
                    + hydroRun + " and " + darkRun + ")");
        }
        return TngCatalogLoader.load(layout(tng), cuts());
    }
}
