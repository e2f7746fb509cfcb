package org.cosmicweb.experiments.cli;

import org.cosmicweb.simulations.JsonText;
import org.cosmicweb.simulations.TngLayout;
import org.cosmicweb.simulations.mock.EnvironmentModel;
import org.cosmicweb.simulations.mock.MockUniverse;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import org.cosmicweb.simulations.mock.MockUniverseWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a mock universe in TNG format: hydro and dark group catalogs and the matching file.")
public final class SimulateCommand implements Runnable {
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to create TNG300-1/ and TNG300-1-Dark/ in.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--box-mpch", defaultValue = "205",
            description = "Periodic box side in Mpc/h (default: ${DEFAULT-VALUE}, as TNG300; range 10-2000).")
    double box;

    @Option(names = "--host-density", defaultValue = "0.03",
            description = "Host halos above 10^10.8 Msun/h per (Mpc/h)^3 (default: ${DEFAULT-VALUE}).")
    double density;

    @Option(names = "--chunks", defaultValue = "4", description = "Chunk files per catalog (default: ${DEFAULT-VALUE}).")
    int chunks;

    @Option(names = "--scatter-dex", defaultValue = "0.12",
            description = "Intrinsic log M* scatter, the noise floor (default: ${DEFAULT-VALUE}).")
    double scatter;

    @Option(names = "--environment-strength", defaultValue = "1",
            description = "Multiplier of the environmental terms of log M*; 0 switches them off (default: ${DEFAULT-VALUE}).")
    double environment;

    @Option(names = "--environment", defaultValue = "neighbours", paramLabel = "MODEL",
            description = "Environmental physics of log M*: neighbours (host density, conformity, satellites' hosts"
                    + " and orbits), field (smoothed mass density at 2 and 6 Mpc/h only), web (field plus tidal"
                    + " anisotropy at 3 Mpc/h) or none (negative control) (default: ${DEFAULT-VALUE}).")
    String environmentModel;

    @Option(names = "--force", description = "Replace a mock already in --out.")
    boolean force;

    @Override
    public void run() {
        MockUniverseConfig cfg = new MockUniverseConfig(seed, box, density, chunks, scatter, environment,
                EnvironmentModel.parse(environmentModel));
        long t0 = System.nanoTime();
        System.err.printf(Locale.ROOT, "simulate: generating about %d host halos in a %.1f Mpc/h box (seed %d)%n",
                cfg.expectedHosts(), box, seed);
        MockUniverse.Result mock = MockUniverse.generate(cfg);
        System.err.printf(Locale.ROOT, "simulate: %d dark and %d hydro subhalos; writing %d chunks per run into %s%n",
                mock.dark().nSub(), mock.hydro().nSub(), chunks, out);
        MockUniverseWriter.write(mock, cfg, TngLayout.of(out), force);
        System.out.printf(Locale.ROOT, "{\"out\":%s,\"dark_subhalos\":%d,\"hydro_subhalos\":%d,"
                        + "\"noise_floor_dex\":%.4f,\"seconds\":%.2f}%n",
                JsonText.quote(out.toString()), mock.dark().nSub(), mock.hydro().nSub(), mock.noiseFloorDex(), (System.nanoTime() - t0) / 1e9);
    }
}
