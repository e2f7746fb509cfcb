package org.cosmicweb.experiments;

import org.cosmicweb.simulations.TngLayout;
import org.cosmicweb.simulations.mock.MockUniverse;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import org.cosmicweb.simulations.mock.MockUniverseWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mock universe the default experiment runs on: generated once into a folder named after its
 * configuration and reused while its sidecar records the same configuration.
 */
public final class EmbeddedMock {
    private EmbeddedMock() {
    }

    /** Returns the folder holding the mock for {@code cfg} under {@code parent}, generating it if needed. */
    public static Path ensure(Path parent, MockUniverseConfig cfg) {
        Path dir = parent.resolve(String.format(java.util.Locale.ROOT, "mock-seed%d-box%.0f-%s", cfg.seed(), cfg.boxMpch(),
                cfg.environment().key()));
        Path sidecar = dir.resolve(MockUniverseWriter.SIDECAR);
        try {
            String recorded = Files.isRegularFile(sidecar) ? Files.readString(sidecar) : "";
            if (recorded.contains(cfg.toJson()) && recorded.contains("\"" + MockUniverse.GENERATOR + "\"")) {
                System.err.println("experiment: reusing mock universe in " + dir);
                return dir;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + sidecar, e);
        }
        System.err.printf(java.util.Locale.ROOT, "experiment: generating mock universe (%.0f Mpc/h, seed %d, environment %s)"
                + " in %s%n", cfg.boxMpch(), cfg.seed(), cfg.environment().key(), dir);
        MockUniverseWriter.write(MockUniverse.generate(cfg), cfg, TngLayout.of(dir), true);
        return dir;
    }
}
