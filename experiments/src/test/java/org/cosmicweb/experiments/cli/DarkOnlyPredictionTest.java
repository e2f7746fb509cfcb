package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.experiments.GalaxyModel;
import org.cosmicweb.experiments.GnnGalaxyModel;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.GraphNodes;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Painting galaxies onto a dark-matter-only run: a model trained with --graph-nodes dmo on a mock
 * pair predicts, on a folder holding only the pair's dark run, the same stellar masses for the
 * same galaxies as on the pair itself.
 */
class DarkOnlyPredictionTest {
    @TempDir
    static Path dir;
    static Path full;
    static Path dark;

    @BeforeAll
    static void mockAndItsDarkRunAlone() throws Exception {
        full = dir.resolve("full");
        CliTest.Run r = CliTest.run("simulate", "--out", full.toString(), "--seed", "5", "--box-mpch", "30", "--chunks", "2");
        assertEquals(0, r.code(), r.err());
        dark = dir.resolve("dark");
        Path from = full.resolve(TngLayout.DEFAULT_DARK);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path to = dark.resolve(TngLayout.DEFAULT_DARK).resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }

    private static Path train(String name, String... extra) {
        Path model = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("train", "--tng", full.toString(), "--linking-length", "2",
                "--epochs", "1", "--heads", "1", "--hidden", "8", "--latent", "4", "--out", model.toString()));
        args.addAll(List.of(extra));
        CliTest.Run t = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, t.code(), t.err());
        return model;
    }

    /** dark subhalo id to (prediction, sigma) of a predict CSV. */
    private static Map<Long, double[]> read(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertEquals("dark_subhalo_id,hydro_subhalo_id,log_mstar_true,log_mstar_pred,sigma", lines.get(0));
        Map<Long, double[]> out = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            out.put(Long.parseLong(f[0]), new double[] {Double.parseDouble(f[3]), Double.parseDouble(f[4])});
        }
        return out;
    }

    @Test
    void aDmoModelPredictsTheSameGalaxiesOnTheDarkRunAloneAsOnThePair() throws Exception {
        Path model = train("dmo.cwgnn", "--graph-nodes", "dmo");
        TrainedModel tm = TrainedModel.load(model, -1, EdgeFeature.COUNT);
        assertEquals("dmo", tm.provenance().get(GnnGalaxyModel.GRAPH_NODES), "the model file records its graph nodes");
        assertEquals("11.0", tm.provenance().get(org.cosmicweb.experiments.TrainJob.CUT_MIN_LOG_MHALO));

        Path onPair = dir.resolve("pair.csv");
        CliTest.Run p = CliTest.run("predict", "--tng", full.toString(), "--model", model.toString(), "--out",
                onPair.toString());
        assertEquals(0, p.code(), p.err());
        Path onDark = dir.resolve("dark.csv");
        CliTest.Run q = CliTest.run("predict", "--tng", dark.toString(), "--model", model.toString(), "--out",
                onDark.toString());
        assertEquals(0, q.code(), q.err());
        assertTrue(q.out().contains("\"rmse\":null") && q.out().contains("\"graph_nodes\":\"dmo\""), q.out());
        Map<Long, double[]> a = read(onPair);
        Map<Long, double[]> b = read(onDark);
        assertTrue(b.size() > a.size(), "the dark run predicts every node, the pair only its galaxies");
        assertTrue(a.size() > 100, "galaxies: " + a.size());
        for (Map.Entry<Long, double[]> e : a.entrySet()) {
            double[] v = b.get(e.getKey());
            assertTrue(v != null, "dark subhalo " + e.getKey() + " missing from the dark-only predictions");
            // Printed to 5 decimals; only the order of float sums differs between the two graphs.
            assertEquals(e.getValue()[0], v[0], 2e-5, "log M* of dark subhalo " + e.getKey());
            assertEquals(e.getValue()[1], v[1], 2e-5, "sigma of dark subhalo " + e.getKey());
        }

        // In memory, without the CSV's rounding: equal to float precision.
        CatalogCuts cuts = CatalogCuts.LITERATURE;
        ExperimentData pair = new ExperimentData(TngCatalogLoader.load(TngLayout.of(full), cuts, GraphNodes.DMO));
        ExperimentData alone = new ExperimentData(TngCatalogLoader.load(TngLayout.of(dark), cuts, GraphNodes.DMO));
        assertEquals(pair.nodeCount(), alone.nodeCount(), "the same graph nodes");
        GnnGalaxyModel.FittedGnn fitted = new GnnGalaxyModel.FittedGnn(tm, 2.0, 256L << 10);
        GalaxyModel.Prediction pp = fitted.predict(pair, IntStream.range(0, pair.size()).toArray());
        GalaxyModel.Prediction pd = fitted.predict(alone, IntStream.range(0, alone.size()).toArray());
        Map<Long, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < alone.size(); i++) {
            rowOf.put(alone.catalog.darkIds()[i], i);
        }
        double spread = 0;
        for (int i = 0; i < pair.size(); i++) {
            int j = rowOf.get(pair.catalog.darkIds()[i]);
            assertEquals(pp.mean()[i], pd.mean()[j], 1e-5, "galaxy " + i);
            spread = Math.max(spread, Math.abs(pp.mean()[i] - pp.mean()[0]));
        }
        assertTrue(spread > 0.05, "the predictions must differ between galaxies for this test to mean anything: " + spread);
    }

    @Test
    void aDmoModelListsOnlyGalaxiesAboveItsOwnStellarCutAndSaysWhenACutCannotApply() throws Exception {
        Path model = train("dmo10.cwgnn", "--graph-nodes", "dmo", "--min-log-mstar", "10");
        Path out = dir.resolve("dmo10.csv");
        CliTest.Run p = CliTest.run("predict", "--tng", full.toString(), "--model", model.toString(), "--out",
                out.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.err().contains("--min-log-mstar 9.0 (model: 10.0)"), p.err());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.size() > 50, "galaxies listed: " + (lines.size() - 1));
        for (String l : lines.subList(1, lines.size())) {
            assertTrue(Double.parseDouble(l.split(",")[2]) > 10, "a galaxy below the model's training cut: " + l);
        }
        // Every galaxy above 9 would be listed with the command line's cut: the test needs some in 9..10.
        ExperimentData loose = new ExperimentData(TngCatalogLoader.load(TngLayout.of(full), CatalogCuts.LITERATURE,
                GraphNodes.DMO));
        assertTrue(loose.size() > lines.size() - 1 + 50, "galaxies above 9: " + loose.size());

        CliTest.Run d = CliTest.run("predict", "--tng", dark.toString(), "--model", model.toString(), "--min-log-mstar",
                "9.5", "--out", dir.resolve("dark10.csv").toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(d.err().contains("is a dark-matter-only run and has no stellar masses"), d.err());
        assertFalse(d.err().contains("(model: 10.0)"), "no stellar-cut warning (9.5 against 10) where there are no stellar masses: "
                + d.err());
    }

    @Test
    void embedWritesOnlyTheGalaxiesThatPassAStricterCutGivenOnTheCommandLine() {
        Path model = train("sel-embed.cwgnn");
        Path all = dir.resolve("all.h5");
        Path strict = dir.resolve("strict.h5");
        assertEquals(0, CliTest.run("embed", "--tng", full.toString(), "--model", model.toString(), "--out",
                all.toString()).code());
        CliTest.Run r = CliTest.run("embed", "--tng", full.toString(), "--model", model.toString(), "--min-log-mstar",
                "10", "--out", strict.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("fail --min-log-mstar 10.0 and are not written"), r.err());
        var a = org.cosmicweb.experiments.EnvironmentEmbedding.read(all);
        var b = org.cosmicweb.experiments.EnvironmentEmbedding.read(strict);
        double[] mstar = a.columns().get("log_mstar");
        int kept = 0;
        for (int i = 0; i < a.size(); i++) {
            if (mstar[i] > 10) {
                // The same galaxy, in the same order, with the same vector (the graph is the model's either way).
                for (int c = 0; c < a.width(); c++) {
                    assertEquals(a.embedding()[i * a.width() + c], b.embedding()[kept * b.width() + c]);
                }
                assertEquals(mstar[i], b.columns().get("log_mstar")[kept]);
                kept++;
            }
        }
        assertEquals(kept, b.size());
        assertTrue(kept > 50 && kept < a.size() - 50, "galaxies above 10: " + kept + " of " + a.size());
        CliTest.Run none = CliTest.run("embed", "--tng", full.toString(), "--model", model.toString(), "--min-log-mstar",
                "12.95", "--out", dir.resolve("none.h5").toString());
        assertEquals(1, none.code(), none.err());
        assertTrue(none.err().contains("nothing to embed"), none.err());
        assertFalse(Files.exists(dir.resolve("none.h5")));
    }

    @Test
    void embedRebuildsTheGraphNodesTheModelWasTrainedOn() {
        Path model = train("dmo-embed.cwgnn", "--graph-nodes", "dmo");
        TrainedModel tm = TrainedModel.load(model, -1, EdgeFeature.COUNT);
        Path out = dir.resolve("emb.h5");
        CliTest.Run r = CliTest.run("embed", "--tng", full.toString(), "--model", model.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        float[] written = org.cosmicweb.experiments.EnvironmentEmbedding.read(out).embedding();
        // Computed here on each node choice: the file must be the dmo one, which differs from the selected one.
        org.cosmicweb.experiments.GraphSpec graph = org.cosmicweb.experiments.GraphSpec.fromProvenance(tm.provenance(), "m");
        float[] dmo = org.cosmicweb.experiments.EnvironmentEmbedding.compute(new ExperimentData(TngCatalogLoader.load(
                TngLayout.of(full), CatalogCuts.LITERATURE, GraphNodes.DMO)), tm, graph, 256L << 10).embedding();
        float[] selected = org.cosmicweb.experiments.EnvironmentEmbedding.compute(new ExperimentData(TngCatalogLoader.load(
                TngLayout.of(full), CatalogCuts.LITERATURE, GraphNodes.SELECTED)), tm, graph, 256L << 10).embedding();
        org.junit.jupiter.api.Assertions.assertArrayEquals(dmo, written);
        assertTrue(!java.util.Arrays.equals(selected, written), "the two node choices must give different embeddings");
        CliTest.Run other = CliTest.run("embed", "--tng", full.toString(), "--model", model.toString(), "--graph-nodes",
                "selected", "--out", dir.resolve("never.h5").toString());
        assertEquals(1, other.code());
        assertTrue(other.err().contains("was trained with --graph-nodes dmo"), other.err());
        assertTrue(!Files.exists(dir.resolve("never.h5")));
    }

    @Test
    void aSelectedNodesModelExplainsWhyItCannotRunOnADarkOnlyRun() {
        Path model = train("selected.cwgnn");
        CliTest.Run r = CliTest.run("predict", "--tng", dark.toString(), "--model", model.toString(), "--out",
                dir.resolve("never.csv").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no hydro run") && r.err().contains("cannot reproduce")
                && r.err().contains("--graph-nodes dmo"), r.err());
        assertTrue(!Files.exists(dir.resolve("never.csv")));
        CliTest.Run other = CliTest.run("predict", "--tng", full.toString(), "--model", model.toString(),
                "--graph-nodes", "dmo", "--out", dir.resolve("never.csv").toString());
        assertEquals(1, other.code());
        assertTrue(other.err().contains("was trained with --graph-nodes selected"), other.err());
        CliTest.Run train = CliTest.run("train", "--tng", dark.toString(), "--graph-nodes", "dmo", "--linking-length",
                "2", "--out", dir.resolve("never.cwgnn").toString());
        assertEquals(1, train.code());
        assertTrue(train.err().contains("has no stellar masses") && train.err().contains("only predict"), train.err());
    }
}
