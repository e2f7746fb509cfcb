package org.cosmicweb.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Json;
import org.cosmicweb.simulations.TngLayout;
import org.cosmicweb.simulations.mock.MockUniverse;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import org.cosmicweb.simulations.mock.MockUniverseWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mock universe the default experiment runs on: generated once into a folder named after its
 * configuration and reused while its sidecar records the same configuration.
 */
public final class EmbeddedMock {
    private EmbeddedMock() {
    }

    /** The folder the mock for {@code cfg} lives in under {@code parent}. */
    public static Path folder(Path parent, MockUniverseConfig cfg) {
        return parent.resolve(String.format(java.util.Locale.ROOT, "mock-seed%d-box%.0f-%s", cfg.seed(), cfg.boxMpch(),
                cfg.environment().key()));
    }

    /** Returns the folder holding the mock for {@code cfg} under {@code parent}, generating it if needed. */
    public static Path ensure(Path parent, MockUniverseConfig cfg) {
        Path dir = folder(parent, cfg);
        if (holds(dir, cfg)) {
            System.err.println("experiment: reusing mock universe in " + dir);
            return dir;
        }
        System.err.printf(java.util.Locale.ROOT, "experiment: generating mock universe (%.0f Mpc/h, seed %d, environment %s)"
                + " in %s%n", cfg.boxMpch(), cfg.seed(), cfg.environment().key(), dir);
        try (AtomicOutput out = AtomicOutput.open(MockUniverseWriter.target(dir, true).option("--mock-dir"))) {
            MockUniverseWriter.write(out, MockUniverse.generate(cfg), cfg, TngLayout.of(dir));
        }
        return dir;
    }

    /** Whether {@code dir}'s sidecar records this generator and exactly this configuration. */
    static boolean holds(Path dir, MockUniverseConfig cfg) {
        Path sidecar = dir.resolve(MockUniverseWriter.SIDECAR);
        if (!Files.isRegularFile(sidecar)) {
            return false;
        }
        JsonNode recorded;
        try {
            recorded = Json.parse(Files.readString(sidecar), "mock sidecar " + sidecar);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        // Compared as parsed text on both sides, so that a number is the same node whatever its Java type.
        JsonNode wanted = Json.parse(cfg.toJson(), "mock configuration");
        return MockUniverse.GENERATOR.equals(recorded.path("generator").asText()) && wanted.equals(recorded.get("config"));
    }
}
