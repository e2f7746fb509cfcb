package org.cosmicweb.experiments.cli;

import org.cosmicweb.common.AtomicOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, case by case, through the command line a user types: every harmful case (H) is now
 * refused with the user's files intact, and every weak message (W) says what is wrong in words. Each
 * refusal is checked to come before any training (no epoch or fold progress on standard error).
 */
class ReliabilityCliTest {
    @TempDir
    static Path dir;
    static Path mock;
    static Path model;

    @BeforeAll
    static void mockAndModel() {
        mock = dir.resolve("mock");
        CliTest.Run s = CliTest.run("simulate", "--out", mock.toString(), "--seed", "5", "--box-mpch", "40", "--chunks", "3");
        assertEquals(0, s.code(), s.err());
        model = dir.resolve("m.cwgnn");
        CliTest.Run t = CliTest.run("train", "--tng", mock.toString(), "--linking-length", "2", "--epochs", "1",
                "--heads", "1", "--hidden", "8", "--latent", "4", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
    }

    /** A refusal: exit 1, the message parts, no Java class names, no "null", and nothing trained. */
    private static void refused(CliTest.Run r, String... parts) {
        assertEquals(1, r.code(), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "lacks '" + p + "': " + r.err());
        }
        assertFalse(r.err().matches("(?s).*\\b(java|io\\.jhdf|picocli)\\.[a-z.]*[A-Z]\\w*(Exception|Error).*"), r.err());
        assertFalse(r.err().contains("\tat "), "a stack trace: " + r.err());
        assertFalse(r.err().matches("(?s).*\\bnull\\b.*"), r.err());
        assertFalse(r.err().matches("(?s).*(epoch|fold) \\d+/\\d+.*"), "trained before refusing: " + r.err());
    }

    private static String[] experiment(Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("experiment", "--tng", mock.toString(), "--out",
                out.toString(), "--linking-lengths", "2", "--radii", "1", "--epochs", "1", "--heads", "1", "--hidden",
                "8", "--boost-rounds", "5"));
        a.addAll(Arrays.asList(more));
        return a.toArray(String[]::new);
    }

    @Test
    void h1ExperimentOutOverAnExistingFileIsRefusedAndTheFileKept() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "my notes");
        refused(CliTest.run(experiment(file)), "--out " + file, "existing file", "left as it is");
        assertEquals("my notes", Files.readString(file));
    }

    @Test
    void h2ExperimentOutOverAFolderOfTheUsersFilesIsRefusedAndTheFolderKept() throws IOException {
        Path theirs = Files.createDirectories(dir.resolve("thesis"));
        Files.writeString(theirs.resolve("chapter1.tex"), "precious");
        refused(CliTest.run(experiment(theirs)), "cosmicweb did not write", AtomicOutput.MARKER);
        assertEquals("precious", Files.readString(theirs.resolve("chapter1.tex")));
    }

    @Test
    void h3ExperimentOutEqualToOrInsideTheTngInputIsRefused() throws IOException {
        refused(CliTest.run(experiment(mock)), "is the input --tng");
        refused(CliTest.run(experiment(mock.resolve("run"))), "lies inside the input --tng");
        assertTrue(Files.isDirectory(mock.resolve("TNG300-1")) && !Files.exists(mock.resolve("run")));
        // simulate --force over a folder it did not write (real TNG data, say) is refused too.
        Path real = Files.createDirectories(dir.resolve("real-tng").resolve("TNG300-1"));
        Files.writeString(real.resolve("README"), "downloaded for a week");
        refused(CliTest.run("simulate", "--out", real.getParent().toString(), "--force", "--box-mpch", "20"),
                "cosmicweb did not write");
        assertEquals("downloaded for a week", Files.readString(real.resolve("README")));
    }

    @Test
    void h4PredictOutEqualToTheModelIsRefusedAndTheModelKept() throws IOException {
        byte[] before = Files.readAllBytes(model);
        refused(CliTest.run("predict", "--tng", mock.toString(), "--model", model.toString(), "--out", model.toString()),
                "is the input --model");
        assertArrayEquals(before, Files.readAllBytes(model));
    }

    @Test
    void h5AModelWithOneFlippedByteOrAnEditedFieldIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(model);
        Path flipped = dir.resolve("flipped.cwgnn");
        byte[] bad = good.clone();
        bad[good.length / 2] ^= 1;
        Files.write(flipped, bad);
        refused(CliTest.run("predict", "--tng", mock.toString(), "--model", flipped.toString(), "--out",
                dir.resolve("f.csv").toString()), "is damaged", "checksum");
        String text = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1);
        Path edited = dir.resolve("edited.cwgnn");
        Files.write(edited, text.replace("\"linking_length_mpc\":\"2.0\"", "\"linking_length_mpc\":\"3.0\"")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertFalse(Arrays.equals(good, Files.readAllBytes(edited)), "the edit must change the file");
        refused(CliTest.run("predict", "--tng", mock.toString(), "--model", edited.toString(), "--out",
                dir.resolve("e.csv").toString()), "is damaged");
        Path cut = dir.resolve("cut.cwgnn");
        Files.write(cut, Arrays.copyOf(good, good.length - 100));
        refused(CliTest.run("predict", "--tng", mock.toString(), "--model", cut.toString(), "--out",
                dir.resolve("c.csv").toString()), "is truncated");
        assertFalse(Files.exists(dir.resolve("f.csv")) || Files.exists(dir.resolve("e.csv")));
    }

    @Test
    void h6TrainWhoseReachSwallowsTheBoxIsRefusedBeforeTraining() {
        Path out = dir.resolve("wide.cwgnn");
        refused(CliTest.run("train", "--tng", mock.toString(), "--linking-length", "15", "--layers", "3", "--epochs",
                "1", "--heads", "1", "--hidden", "8", "--out", out.toString()), "--layers 3 rounds at --linking-length 15.0",
                "not below half the box");
        assertFalse(Files.exists(out));
    }

    @Test
    void h7TrainOnAHandfulOfGalaxiesIsRefused() {
        Path out = dir.resolve("few.cwgnn");
        refused(CliTest.run("train", "--tng", mock.toString(), "--linking-length", "2", "--min-log-mstar", "11.4",
                "--epochs", "1", "--out", out.toString()), "train needs at least 20 galaxies");
        assertFalse(Files.exists(out));
    }

    @Test
    void h8SwappedHydroChunksAreRefused() throws IOException {
        Path copy = dir.resolve("swapped");
        copyTree(mock, copy);
        Path groups = copy.resolve("TNG300-1/output/groups_099");
        Path t = groups.resolve("t");
        Files.move(groups.resolve("fof_subhalo_tab_099.0.hdf5"), t);
        Files.move(groups.resolve("fof_subhalo_tab_099.1.hdf5"), groups.resolve("fof_subhalo_tab_099.0.hdf5"));
        Files.move(t, groups.resolve("fof_subhalo_tab_099.1.hdf5"));
        refused(CliTest.run("catalog", "--tng", copy.toString()), "out of order");
    }

    @Test
    void h9TheDarkRunMustBeDark() {
        refused(CliTest.run("catalog", "--tng", mock.toString(), "--dark-run", "TNG300-1"),
                "not a dark-matter-only run", "--dark-run TNG300-1");
    }

    @Test
    void w1AnUnwritableOutputFolderIsFoundBeforeTraining() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain"), "x");
        refused(CliTest.run("train", "--tng", mock.toString(), "--linking-length", "2", "--epochs", "1", "--out",
                plain.resolve("m.cwgnn").toString()), "--out " + plain.resolve("m.cwgnn") + ": " + plain
                + " is a file, not a folder");
        refused(CliTest.run(experiment(plain.resolve("run"))), plain + " is a file, not a folder");
        assertEquals("x", Files.readString(plain));
    }

    @Test
    void w2ASecondRunOnTheSameOutputFailsFastAndLeftoversAreCleared() throws IOException {
        Path out = dir.resolve("busy");
        try (AtomicOutput held = AtomicOutput.open(org.cosmicweb.experiments.ReportWriter.target(out))) {
            refused(CliTest.run(experiment(out)), "being written by another cosmicweb run");
        }
        Path csv = dir.resolve("p.csv");
        Files.writeString(dir.resolve(".p.csv.tmp-123"), "half of a killed run's file");
        Files.createDirectories(dir.resolve(".p.csv.old-9"));
        CliTest.Run p = CliTest.run("predict", "--tng", mock.toString(), "--model", model.toString(), "--out",
                csv.toString());
        assertEquals(0, p.code(), p.err());
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().startsWith(".p.csv")), "leftovers remain");
        }
        // Predicting again replaces its own predictions file; a CSV of the user's is not replaced.
        assertEquals(0, CliTest.run("predict", "--tng", mock.toString(), "--model", model.toString(), "--out",
                csv.toString()).code());
        Path data = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");
        refused(CliTest.run("predict", "--tng", mock.toString(), "--model", model.toString(), "--out", data.toString()),
                "not a predictions file (CSV) that cosmicweb wrote");
        assertEquals("a,b\n1,2\n", Files.readString(data));
    }

    @Test
    void theManifestRecordsTheCommandLineAsTypedWithItsCutsAndThreads() throws IOException {
        Path out = dir.resolve("run with space");
        String[] args = experiment(out, "--min-log-mstar", "9.2");
        CliTest.Run r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        var m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        String expected = "cosmicweb " + String.join(" ", args).replace(out.toString(), "'" + out + "'");
        assertEquals(expected, m.path("command").asText());
        assertEquals(9.2, m.path("cuts").path("min_log_mstar_msun").asDouble(), 0);
        assertEquals(11.0, m.path("cuts").path("min_log_mhalo_msun").asDouble(), 0);
        assertTrue(m.path("threads").asInt() >= 1, m.toString());
        assertEquals("cpu", m.path("device").asText());
        assertEquals("fast", m.path("engine").asText());
    }

    @Test
    void w3CheapChecksComeBeforeExpensiveOnesAndNameTheOption() {
        refused(CliTest.run(experiment(dir.resolve("half"), "--linking-lengths", "40")), "--linking-lengths 40.0 Mpc",
                "half the box");
        assertFalse(Files.exists(dir.resolve("half")));
        CliTest.Run d = CliTest.run("train", "--tng", mock.toString(), "--linking-length", "0.05", "--out",
                dir.resolve("d.cwgnn").toString());
        refused(d, "--linking-length must be in [0.1, 50]");
        refused(CliTest.run("train", "--tng", mock.toString(), "--linking-length", "2", "--epochs", "0", "--out",
                dir.resolve("d.cwgnn").toString()), "--epochs must be in 1..100000");
        // --los and --dv-max are checked for 3D graphs too, as experiment checks them.
        refused(CliTest.run("graph", "--tng", mock.toString(), "--linking-length", "2", "--dv-max", "-100", "--out",
                dir.resolve("g.h5").toString()), "--dv-max must be a positive velocity in km/s, got -100.0");
        refused(CliTest.run("train", "--tng", mock.toString(), "--linking-length", "2", "--los", "w", "--out",
                dir.resolve("d.cwgnn").toString()), "--los must be x, y or z, got 'w'");
        // A valid --los, or a window, with a graph that has no line of sight is refused, not ignored.
        refused(CliTest.run("graph", "--tng", mock.toString(), "--linking-length", "2", "--los", "x", "--out",
                dir.resolve("g.h5").toString()), "--los x is the line of sight of --projection 2d; a 3D graph has none");
        refused(CliTest.run("graph", "--tng", mock.toString(), "--knn", "3", "--los", "y"), "a --knn graph has none");
        refused(CliTest.run("graph", "--tng", mock.toString(), "--knn", "3", "--dv-max", "500"),
                "a --knn graph links in real space");
        refused(CliTest.run("experiment", "--tng", mock.toString(), "--los", "x", "--out", dir.resolve("los").toString()),
                "--los x is the line of sight of --projection 2d or both; 3D graphs have none");
        refused(CliTest.run("experiment", "--tng", mock.toString(), "--los", "w", "--out", dir.resolve("los").toString()),
                "--los must be x, y or z, got 'w'");
        assertFalse(Files.exists(dir.resolve("los")));
        assertFalse(Files.exists(dir.resolve("g.h5")));
        // Options of the embedded mock are refused with a catalog, not ignored.
        refused(CliTest.run("experiment", "--tng", mock.toString(), "--environment", "foo", "--out",
                dir.resolve("env").toString()), "--environment describes the embedded mock");
        assertFalse(Files.exists(dir.resolve("env")));
        refused(CliTest.run("catalog", "--tng", mock.resolve("mock_universe.json").toString()),
                "is a file; it names the folder holding TNG300-1 and TNG300-1-Dark");
        refused(CliTest.run("probe", "--embeddings", dir.toString()), "embeddings file " + dir + " is a folder, not a file");
        // A folder given as --model is named as such (not as an output inside an input).
        refused(CliTest.run("predict", "--tng", mock.toString(), "--model", dir.toString(), "--out",
                dir.resolve("p.csv").toString()), "--model " + dir + " is a folder; it names a model file");
        refused(CliTest.run("bench", "gnn", "--edges", "0", "--json"), "--edges must be in 1..");
        // A universe given twice would be averaged as two: refused before any mock is generated.
        // (A tiny study, should the refusal ever be lost.)
        refused(CliTest.run("bench", "accuracy", "--seeds", "1,2,1", "--environments", "none", "--box-mpch", "30",
                "--epochs", "1", "--linking-lengths", "1", "--mock-dir", dir.resolve("acc").toString()),
                "--seeds 1,2,1 names a seed twice");
        refused(CliTest.run("bench", "accuracy", "--environments", "none,field,none", "--seeds", "1", "--box-mpch",
                "30", "--epochs", "1", "--linking-lengths", "1", "--mock-dir",
                dir.resolve("acc").toString()), "names an environment model twice");
        assertFalse(Files.exists(dir.resolve("acc")));
        refused(CliTest.run("bench", "gnn", "--edges", "2000000000", "--json"), "more than the Java heap");
    }

    @Test
    void w4ConfigFilesWithNullOrTrailingJunkAreRefused() throws IOException {
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, "{\"epochs\": null}");
        CliTest.Run n = CliTest.run("train", "--config", cfg.toString());
        assertEquals(2, n.code());
        assertTrue(n.err().contains("'epochs' has no value"), n.err());
        Files.writeString(cfg, "{\"epochs\": 4} and more");
        CliTest.Run j = CliTest.run("train", "--config", cfg.toString());
        assertEquals(2, j.code());
        assertTrue(j.err().contains("is not valid JSON") && j.err().contains("line 1"), j.err());
    }

    @Test
    void w5PredictWithOtherCutsWarnsAndAOneGalaxyGraphHasItsStatistics() throws IOException {
        CliTest.Run p = CliTest.run("predict", "--tng", mock.toString(), "--model", model.toString(), "--out",
                dir.resolve("cuts.csv").toString(), "--min-log-mstar", "9.5");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.err().contains("warning: the model was trained with other cuts") && p.err().contains("--min-log-mstar 9.5"),
                p.err());
        // The stricter stellar cut lists (and scores) only the galaxies above it; the graph stays the model's.
        CliTest.Run all = CliTest.run("predict", "--tng", mock.toString(), "--model", model.toString(), "--out",
                dir.resolve("all.csv").toString());
        assertEquals(0, all.code(), all.err());
        java.util.Map<String, String[]> every = new java.util.HashMap<>();
        List<String> allLines = Files.readAllLines(dir.resolve("all.csv"));
        for (String l : allLines.subList(1, allLines.size())) {
            every.put(l.split(",")[0], l.split(","));
        }
        List<String> cut = Files.readAllLines(dir.resolve("cuts.csv"));
        long above = every.values().stream().filter(f -> Double.parseDouble(f[2]) > 9.5).count();
        assertEquals(above, cut.size() - 1);
        assertTrue(above > 0 && above < every.size(), above + " of " + every.size());
        double sq = 0;
        for (String l : cut.subList(1, cut.size())) {
            String[] f = l.split(",");
            assertTrue(Double.parseDouble(f[2]) > 9.5, l);
            assertEquals(String.join(",", every.get(f[0])), l, "the same prediction as with the model's cuts");
            sq += Math.pow(Double.parseDouble(f[3]) - Double.parseDouble(f[2]), 2);
        }
        double rmse = Math.sqrt(sq / above);
        double reported = new com.fasterxml.jackson.databind.ObjectMapper().readTree(p.out().strip()).path("rmse").asDouble();
        assertEquals(rmse, reported, 1e-3);
        assertTrue(p.err().contains("galaxies of the model's graph fail --min-log-mstar 9.5 and are not listed"), p.err());
        // A model trained with a looser cut lists every galaxy of its graph when no cut is given: the options'
        // defaults (log M* > 9) are not a cut the person asked for.
        Path loose = dir.resolve("loose.cwgnn");
        CliTest.Run t = CliTest.run("train", "--tng", mock.toString(), "--linking-length", "2", "--epochs", "1", "--heads",
                "1", "--hidden", "8", "--min-log-mstar", "8.5", "--out", loose.toString());
        assertEquals(0, t.code(), t.err());
        CliTest.Run q = CliTest.run("predict", "--tng", mock.toString(), "--model", loose.toString(), "--out",
                dir.resolve("loose.csv").toString());
        assertEquals(0, q.code(), q.err());
        List<String> looseRows = Files.readAllLines(dir.resolve("loose.csv"));
        assertTrue(looseRows.stream().skip(1).anyMatch(l -> Double.parseDouble(l.split(",")[2]) <= 9), "none below 9");
        assertTrue(looseRows.size() - 1 > every.size(), looseRows.size() + " vs " + every.size());
        assertFalse(q.err().contains("are not listed"), q.err());
        CliTest.Run g = CliTest.run("graph", "--tng", mock.toString(), "--linking-length", "0.1", "--min-log-mstar", "11.4");
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("\"edges\":0") && g.out().contains("\"components\":"), g.out());
    }

    @Test
    void w6ABadPathIsAUsageErrorAndDebugShowsWhereAFailureHappened() {
        CliTest.Run nul = CliTest.run("catalog", "--tng", "a\u0000b");
        assertEquals(2, nul.code());
        assertTrue(nul.err().contains("cannot be a file name here") && !nul.err().contains("InvalidPathException"),
                nul.err());
        CliTest.Run out = CliTest.run("graph", "--tng", "x", "--linking-length", "3", "--out", "a\u0000b");
        assertEquals(2, out.code());
        assertTrue(out.err().contains("cannot be a file name here"), "a one-file output too: " + out.err());
        CliTest.Run debug = CliTest.run("catalog", "--tng", dir.resolve("nowhere").toString(), "--debug");
        assertEquals(1, debug.code());
        assertTrue(debug.err().contains("missing group catalog folder") && debug.err().contains("\tat "), debug.err());
    }

    @Test
    void summariesAreJsonThatJacksonReadsBack() {
        CliTest.Run c = CliTest.run("catalog", "--tng", mock.toString());
        assertEquals(0, c.code(), c.err());
        var node = org.cosmicweb.common.Json.parse(c.out().strip(), "catalog summary");
        assertTrue(node.get("match_many_to_one").isInt() && node.get("match_disagreeing").isInt(), c.out());
        assertTrue(node.get("selected").asInt() > 100, c.out());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
