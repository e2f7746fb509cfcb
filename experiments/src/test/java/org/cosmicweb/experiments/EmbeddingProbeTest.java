package org.cosmicweb.experiments;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Environment embeddings and their linear probes. */
class EmbeddingProbeTest {
    @TempDir
    Path dir;

    @Test
    void probeRecoversALinearTargetAndNotNoise() {
        SplittableRandom r = new SplittableRandom(2);
        int n = 2000;
        int w = 6;
        float[] x = new float[n * w];
        double[] pos = new double[3 * n];
        double[] linear = new double[n];
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < w; c++) {
                x[i * w + c] = (float) r.nextGaussian();
            }
            for (int a = 0; a < 3; a++) {
                pos[3 * i + a] = 50 * r.nextDouble();
            }
            linear[i] = 2 * x[i * w] - x[i * w + 3] + 0.1 * r.nextGaussian();
            noise[i] = r.nextGaussian();
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("linear", linear);
        cols.put("noise", noise);
        EnvironmentEmbedding.Table t = new EnvironmentEmbedding.Table(w, x, pos, 50, cols);
        Probe.Result good = Probe.run(t, "linear", 4, 1);
        // Signal variance 5, noise 0.01: R² = 5 / 5.01.
        assertEquals(5 / 5.01, good.r2(), 0.01);
        assertTrue(good.r2Random() < 0.05, "random features should explain nothing, got " + good.r2Random());
        Probe.Result none = Probe.run(t, "noise", 4, 1);
        assertTrue(none.r2() < 0.05, "a column unrelated to the embedding, R² " + none.r2());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Probe.run(t, "missing", 4, 1));
        assertTrue(e.getMessage().contains("linear, noise"), e.getMessage());
    }

    @Test
    void aTrainedGnnsEmbeddingCarriesOverdensityAndRoundTripsThroughHdf5() {
        SubhaloCatalog cat = Fixtures.mock(dir.resolve("m"), 31, 50);
        ExperimentData data = new ExperimentData(cat);
        GnnSettings s = new GnnSettings(15, 2, 16, 8, 1, Aggregation.MULTI, 1e-2, 1e-4, 0.5, 1, 128);
        int[] all = IntStream.range(0, data.size()).toArray();
        GnnGalaxyModel.FittedGnn fitted = new GnnGalaxyModel(3, s, 3, 256L << 10, null).fit(data, all);
        EnvironmentEmbedding.Table t = EnvironmentEmbedding.compute(data, fitted.trained(), GraphSpec.radius(3),
                256L << 10);
        assertEquals(2 * 8 * 3, t.width());
        Path file = dir.resolve("emb.h5");
        EnvironmentEmbedding.write(file, t, cat.darkIds(), "radius 3", "test");
        EnvironmentEmbedding.Table back = EnvironmentEmbedding.read(file);
        assertArrayEquals(t.embedding(), back.embedding());
        assertArrayEquals(t.columns().get("log_overdensity_3mpc"), back.columns().get("log_overdensity_3mpc"));
        Probe.Result od = Probe.run(back, "log_overdensity_3mpc", 4, 1);
        System.err.printf("probe of log_overdensity_3mpc: R² %.3f, random features %.3f%n", od.r2(), od.r2Random());
        assertTrue(od.r2() > od.r2Random() + 0.3, "the embedding should carry the overdensity: " + od);

        // The mock generator's fields join on the dark subhalo id: compare with the terms file's own rows.
        Path terms = dir.resolve("m/TNG300-1/postprocessing/mock_environment_terms_099.csv");
        EnvironmentEmbedding.addMockTerms(t, cat.darkIds(),
                org.cosmicweb.simulations.mock.EnvironmentTerms.readFields(terms), terms);
        assertEquals(java.util.Set.of("mock_z_3mpc", "mock_z_10mpc", "mock_z_conformity", "mock_dlogc"),
                t.columns().keySet().stream().filter(k -> k.startsWith("mock_")).collect(java.util.stream.Collectors.toSet()),
                "the neighbours mock uses these fields; the others are all zero and left out");
        java.util.List<String> rows = readLines(terms);
        for (int i = 0; i < t.size(); i += 97) {
            String[] row = rows.get((int) cat.darkIds()[i] + 1).split(",");
            assertEquals(Double.parseDouble(row[13]), t.columns().get("mock_z_conformity")[i], 0, "galaxy " + i);
            assertEquals(Double.parseDouble(row[6]), cat.logMhaloMsun()[i], 1e-4, "the row is this galaxy's halo");
        }
        EnvironmentEmbedding.write(file, t, cat.darkIds(), "radius 3", "test");
        assertArrayEquals(t.columns().get("mock_z_3mpc"),
                EnvironmentEmbedding.read(file).columns().get("mock_z_3mpc"), 1e-6);
    }

    @Test
    void aSmallBoxHasNoOverdensityColumnForRadiiOfHalfTheBoxOrMore() {
        ExperimentData big = new ExperimentData(Fixtures.mock(dir.resolve("big"), 32, 30));
        GnnSettings s = new GnnSettings(2, 1, 8, 4, 1, Aggregation.MULTI, 1e-2, 1e-4, 0.5, 1, 128);
        GnnGalaxyModel.FittedGnn fitted = new GnnGalaxyModel(2, s, 3, 256L << 10, null)
                .fit(big, IntStream.range(0, big.size()).toArray());
        ExperimentData small = new ExperimentData(Fixtures.mock(dir.resolve("small"), 33, 12));
        double half = 0.5 * small.catalog.boxSizeMpc();
        assertTrue(half > 5 && half < 10, "the test needs a box between 10 and 20 Mpc: " + 2 * half);
        EnvironmentEmbedding.Table t = EnvironmentEmbedding.compute(small, fitted.trained(), GraphSpec.radius(2),
                256L << 10);
        assertTrue(t.columns().containsKey("log_overdensity_5mpc"), t.columns().keySet().toString());
        assertFalse(t.columns().containsKey("log_overdensity_10mpc"), t.columns().keySet().toString());
    }

    @Test
    void aTruncatedEmbeddingsFileIsRefusedNotReadAsNaNs() throws Exception {
        int n = 500;
        int w = 4;
        float[] x = new float[n * w];
        double[] pos = new double[3 * n];
        double[] col = new double[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            x[i * w] = i;
            pos[3 * i + 2] = i % 50;
            col[i] = i;
            ids[i] = i;
        }
        Path file = dir.resolve("emb.h5");
        EnvironmentEmbedding.write(file, new EnvironmentEmbedding.Table(w, x, pos, 50, new LinkedHashMap<>(Map.of("c", col))),
                ids, "radius 3", "test");
        assertArrayEquals(x, EnvironmentEmbedding.read(file).embedding());
        byte[] all = java.nio.file.Files.readAllBytes(file);
        Path cut = dir.resolve("cut.h5");
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        org.cosmicweb.simulations.CatalogException e = assertThrows(org.cosmicweb.simulations.CatalogException.class,
                () -> EnvironmentEmbedding.read(cut));
        assertTrue(e.getMessage().contains("truncated file: " + cut + " holds " + all.length / 2 + " bytes"),
                e.getMessage());
    }

    private static java.util.List<String> readLines(Path p) {
        try {
            return java.nio.file.Files.readAllLines(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
