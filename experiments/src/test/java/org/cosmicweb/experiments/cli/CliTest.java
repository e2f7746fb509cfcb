package org.cosmicweb.experiments.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    @TempDir
    static Path dir;

    /** Exit code, stdout and stderr of one CLI run. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = CosmicWebCli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void simulate() {
        Run r = run("simulate", "--out", dir.resolve("mock").toString(), "--seed", "3", "--box-mpch", "40", "--chunks", "3");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void catalogPrintsAJsonSummaryWithTheNoiseFloor() {
        Run r = run("catalog", "--tng", dir.resolve("mock").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s)\\{\"source\":.*\"selected\":\\d+.*\"box_size_mpc\":59\\.04\\d*,\"hubble\":0\\.6774.*\"noise_floor_dex\":0\\.1\\d+.*\\}\\s*"),
                r.out());
    }

    @Test
    void probeRefusesAnUnknownTargetBeforePrintingAnything() {
        int n = 40;
        double[] pos = new double[3 * n];
        double[] col = new double[n];
        for (int i = 0; i < n; i++) {
            pos[3 * i + 2] = i;
            col[i] = i % 7;
        }
        Path emb = dir.resolve("probe-target.h5");
        org.cosmicweb.experiments.EnvironmentEmbedding.write(emb, new org.cosmicweb.experiments.EnvironmentEmbedding.Table(
                2, new float[2 * n], pos, n, new java.util.LinkedHashMap<>(java.util.Map.of("c", col))), new long[n],
                "radius 3", "test");
        Run r = run("probe", "--embeddings", emb.toString(), "--target", "c,foo");
        assertEquals(1, r.code(), r.err());
        assertEquals("", r.out(), "nothing on stdout before the error");
        assertTrue(r.err().contains("no column 'foo' in the embeddings; available: c"), r.err());
        Run twoFolds = run("probe", "--embeddings", emb.toString(), "--folds", "2");
        assertEquals(1, twoFolds.code(), twoFolds.err());
        assertTrue(twoFolds.err().contains("--folds must be in 3..20, got 2"), twoFolds.err());
    }

    @Test
    void probeSkipsAColumnWithoutValuesAndRefusesItAsATarget() {
        int n = 60;
        double[] pos = new double[3 * n];
        double[] col = new double[n];
        double[] none = new double[n];
        for (int i = 0; i < n; i++) {
            pos[3 * i + 2] = i;
            col[i] = i % 7;
            none[i] = Double.NaN;
        }
        Path emb = dir.resolve("probe-empty.h5");
        java.util.Map<String, double[]> cols = new java.util.LinkedHashMap<>();
        cols.put("c", col);
        cols.put("log_mstar", none);
        org.cosmicweb.experiments.EnvironmentEmbedding.write(emb, new org.cosmicweb.experiments.EnvironmentEmbedding.Table(
                2, new float[2 * n], pos, n, cols), new long[n], "radius 3", "test");
        Run all = run("probe", "--embeddings", emb.toString());
        assertEquals(0, all.code(), all.err());
        assertTrue(all.err().contains("skipped log_mstar: no values"), all.err());
        assertTrue(all.out().contains("| c |") && !all.out().contains("log_mstar") && !all.out().contains("NaN"), all.out());
        Run asked = run("probe", "--embeddings", emb.toString(), "--target", "log_mstar");
        assertEquals(1, asked.code(), asked.err());
        assertTrue(asked.err().contains("--target log_mstar: no values"), asked.err());
    }

    @Test
    void graphWritesItsFileAndSummary() {
        Path out = dir.resolve("g.h5");
        Run r = run("graph", "--tng", dir.resolve("mock").toString(), "--linking-length", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"edges\":") && r.out().contains("\"components\":"), r.out());
        assertTrue(Files.isRegularFile(out));
        Run k = run("graph", "--tng", dir.resolve("mock").toString(), "--knn", "5");
        assertEquals(0, k.code(), k.err());
        assertTrue(k.out().contains("\"min_degree\":5"), k.out());
        Path loops = dir.resolve("g-loops.h5");
        Run l = run("graph", "--tng", dir.resolve("mock").toString(), "--linking-length", "3", "--self-loops", "--out",
                loops.toString());
        assertEquals(0, l.code(), l.err());
        long pairs = number(r.out(), "edges");
        assertEquals(pairs, number(l.out(), "edges"), "edges counts neighbour pairs with or without self-loops");
        assertEquals(number(l.out(), "nodes"), number(l.out(), "self_loops"), "one self-loop per node");
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(loops)) {
            int[] senders = (int[]) h.getDatasetByPath("senders").getData();
            assertEquals(pairs + number(l.out(), "self_loops"), senders.length, "the file holds pairs and self-loops");
        }
        assertFalse(r.out().contains("self_loops"), r.out());
        // The file says how the graph was built beyond its own attributes: projection, line of sight, window, symmetry.
        Path projected = dir.resolve("g-2d.h5");
        assertEquals(0, run("graph", "--tng", dir.resolve("mock").toString(), "--linking-length", "3", "--projection",
                "2d", "--los", "x", "--dv-max", "500", "--out", projected.toString()).code());
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(projected)) {
            assertEquals("projected", h.getAttribute("graph_kind").getData());
            assertEquals("x", h.getAttribute("line_of_sight").getData());
            assertEquals("0.6774", h.getAttribute("hubble").getData());
            assertEquals("500.0", h.getAttribute("dv_max_kms").getData());
        }
        Path knn = dir.resolve("g-knn.h5");
        assertEquals(0, run("graph", "--tng", dir.resolve("mock").toString(), "--knn", "4", "--out", knn.toString()).code());
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(knn)) {
            assertEquals("knn", h.getAttribute("graph_kind").getData());
            assertEquals("false", h.getAttribute("symmetric").getData());
        }
    }

    /** A whole-number field of a one-line JSON summary. */
    private static long number(String json, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Long.parseLong(m.group(1));
    }

    @Test
    void trainSavesAModelThatPredictAppliesWithItsOwnLinkingLength() throws Exception {
        Path model = dir.resolve("m.cwgnn");
        Run t = run("train", "--tng", dir.resolve("mock").toString(), "--linking-length", "2", "--layers", "2",
                "--epochs", "2", "--heads", "1", "--hidden", "16", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        // The best epoch is counted from 1 in what train prints and in the file alike.
        java.util.regex.Matcher best = java.util.regex.Pattern.compile("\"best_epoch\":\"([0-9]+)\"")
                .matcher(new String(Files.readAllBytes(model), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(best.find(), "best_epoch in the model's provenance");
        assertTrue(t.out().matches("(?s).*\"best_epoch\":" + best.group(1) + "[,}].*") && !best.group(1).equals("0"),
                best.group(1) + " vs " + t.out());
        // One epoch: the best is the first, 1 in the file (a 0-based count would say 0).
        Path one = dir.resolve("one.cwgnn");
        assertEquals(0, run("train", "--tng", dir.resolve("mock").toString(), "--linking-length", "2", "--epochs", "1",
                "--heads", "1", "--hidden", "8", "--out", one.toString()).code());
        assertTrue(new String(Files.readAllBytes(one), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("\"best_epoch\":\"1\""), "best_epoch 1 of 1");
        Path csv = dir.resolve("p.csv");
        Run p = run("predict", "--tng", dir.resolve("mock").toString(), "--model", model.toString(), "--out", csv.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("\"linking_length_mpc\":2.0"), p.out());
        java.util.List<String> lines = Files.readAllLines(csv);
        assertEquals("dark_subhalo_id,hydro_subhalo_id,log_mstar_true,log_mstar_pred,sigma", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertTrue(Double.parseDouble(f[4]) > 0 && Double.isFinite(Double.parseDouble(f[3])), line);
        }
        Files.writeString(dir.resolve("junk.cwgnn"), "not a model");
        Run bad = run("predict", "--tng", dir.resolve("mock").toString(), "--model", dir.resolve("junk.cwgnn").toString(),
                "--out", dir.resolve("q.csv").toString());
        assertEquals(1, bad.code());
        assertTrue(!Files.exists(dir.resolve("q.csv")));
    }

    @Test
    void theSameDiffEngineTrainsAModelFileAndBenchmarksBesideTheFastEngine() throws Exception {
        String mock = dir.resolve("mock").toString();
        Path model = dir.resolve("sd.cwgnn");
        Run t = run("train", "--tng", mock, "--linking-length", "2", "--epochs", "1", "--heads", "1", "--hidden", "8",
                "--latent", "4", "--batch-size", "512", "--engine", "samediff", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        // Only the command's JSON line: ND4J's own printing (empty lines, one line per differentiated op) is dropped.
        assertEquals(1, t.out().strip().lines().count(), t.out());
        assertEquals("samediff", org.cosmicweb.gnn.TrainedModel.load(model, -1, -1).provenance().get("trained_on"));
        Run p = run("predict", "--tng", mock, "--model", model.toString(), "--out", dir.resolve("sd.csv").toString());
        assertEquals(0, p.code(), p.err());
        Run b = run("bench", "gnn", "--engine", "samediff", "--nodes", "300", "--edges", "1500", "--steps", "2",
                "--warmup", "1", "--json");
        assertEquals(0, b.code(), b.err());
        java.util.List<String> lines = b.out().strip().lines().toList();
        assertTrue(lines.get(0).startsWith("fast ") && lines.get(1).startsWith("samediff "), b.out());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(lines.get(lines.size() - 1));
        assertTrue(json.get("samediff_time_ratio").asDouble() > 0 && json.get("fast_seconds_per_step").asDouble() > 0,
                b.out());
        Run onGpu = run("train", "--tng", mock, "--linking-length", "2", "--engine", "samediff", "--device", "cuda",
                "--out", dir.resolve("never.cwgnn").toString());
        assertEquals(1, onGpu.code());
        assertTrue(onGpu.err().contains("CPU only"), onGpu.err());
        // What the GPU engine cannot train is named on any machine, before its availability is checked.
        Run noKernel = run("train", "--tng", mock, "--linking-length", "2", "--device", "cuda", "--aggregation",
                "multi-attention", "--out", dir.resolve("never.cwgnn").toString());
        assertEquals(1, noKernel.code());
        assertTrue(noKernel.err().contains("no multi-attention aggregation"), noKernel.err());
        assertFalse(Files.exists(dir.resolve("never.cwgnn")), "no model file written");
        Run unknown = run("bench", "gnn", "--engine", "torch");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("--engine must be fast or samediff"), unknown.err());
    }

    @Test
    void configFileSetsDefaultsThatFlagsOverride() throws Exception {
        Path cfg = dir.resolve("cfg.json");
        Files.writeString(cfg, "{\"min-log-mstar\": 12.9, \"tng\": \"" + dir.resolve("mock") + "\"}");
        Run fromFile = run("catalog", "--config", cfg.toString());
        assertEquals(1, fromFile.code(), fromFile.err());
        assertTrue(fromFile.err().contains("no galaxies pass the cuts"), fromFile.err());
        Run overridden = run("catalog", "--config", cfg.toString(), "--min-log-mstar", "9");
        assertEquals(0, overridden.code(), overridden.err());
        // A catalog source on the command line overrides the file's, though it is another option.
        String table = SourceOptionsTest.oneBox();
        Run otherSource = run("catalog", "--config", cfg.toString(), "--table", table, "--columns",
                SourceOptionsTest.MAPPING, "--min-log-mstar", "9");
        assertEquals(0, otherSource.code(), otherSource.err());
        assertTrue(otherSource.out().contains("Astrid_SB7_1"), otherSource.out());
        // ... with what describes the file's source: a suite's parameter table and columns do not follow to --tng.
        Path suiteCfg = dir.resolve("suite-cfg.json");
        Files.writeString(suiteCfg, "{\"suite\": \"" + SourceOptionsTest.glob().replace("\\", "\\\\")
                + "\", \"suite-params\": \"" + SourceOptionsTest.params().replace("\\", "\\\\")
                + "\", \"columns\": \"" + SourceOptionsTest.MAPPING.replace("\\", "\\\\") + "\"}");
        Run tng = run("catalog", "--config", suiteCfg.toString(), "--tng", dir.resolve("mock").toString());
        assertEquals(0, tng.code(), tng.err());
        Run suite = run("catalog", "--config", suiteCfg.toString(), "--min-log-mstar", "8");
        assertEquals(0, suite.code(), suite.err());
        assertTrue(suite.out().contains("\"boxes\":3"), "the file's own suite still loads: " + suite.out());
        Files.writeString(cfg, "{\"linking-lenght\": 4}");
        Run typo = run("graph", "--config", cfg.toString(), "--tng", dir.resolve("mock").toString());
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("'linking-lenght' is not an option of 'graph'"), typo.err());
        Files.writeString(cfg, "{\"config\": \"other.json\"}");
        Run nested = run("graph", "--config", cfg.toString(), "--tng", dir.resolve("mock").toString(), "--knn", "3");
        assertEquals(2, nested.code());
        assertTrue(nested.err().contains("'config' cannot be set in a config file"), nested.err());
        Files.writeString(cfg, "{\"epochs\": \"abc\"}");
        Run badValue = run("train", "--config", cfg.toString(), "--tng", dir.resolve("mock").toString(),
                "--linking-length", "2", "--out", dir.resolve("never.cwgnn").toString());
        assertEquals(2, badValue.code());
        assertTrue(badValue.err().contains("'abc' is not a whole number (from 'epochs' in config file " + cfg + ")"),
                badValue.err());
        // Negative control: the same bad value on the command line is not blamed on the file.
        Run onLine = run("train", "--config", cfg.toString(), "--tng", dir.resolve("mock").toString(),
                "--linking-length", "2", "--epochs", "xyz", "--out", dir.resolve("never.cwgnn").toString());
        assertTrue(onLine.err().contains("'xyz' is not a whole number") && !onLine.err().contains("config file"),
                onLine.err());
        // A value of the right type but out of range, checked after parsing, is blamed on the file too...
        Files.writeString(cfg, "{\"epochs\": 0}");
        Run outOfRange = run("train", "--config", cfg.toString(), "--tng", dir.resolve("mock").toString(),
                "--linking-length", "2", "--out", dir.resolve("never.cwgnn").toString());
        assertEquals(1, outOfRange.code(), outOfRange.err());
        assertTrue(outOfRange.err().contains("--epochs must be in 1..100000 (see --help), got 0 (from 'epochs' in"
                + " config file " + cfg + ")"), outOfRange.err());
        // ... and not when it was typed.
        Run typed = run("train", "--config", cfg.toString(), "--tng", dir.resolve("mock").toString(),
                "--linking-length", "2", "--epochs", "-1", "--out", dir.resolve("never.cwgnn").toString());
        assertTrue(typed.err().contains("got -1") && !typed.err().contains("config file"), typed.err());
        assertFalse(Files.exists(dir.resolve("never.cwgnn")));
        Run missing = run("graph", "--config", dir.resolve("none.json").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("cannot read config file"), missing.err());
    }

    /**
     * What the command line says wins over a --config file, whatever the option's kind: a switch given on
     * both stays on (picocli would flip a default of true back), and a --linking-length given there
     * replaces the file's --knn, which excludes it. graph takes either from the file alone too.
     */
    @Test
    void theCommandLineWinsOverTheConfigFileForSwitchesAndExclusiveOptions() throws Exception {
        String mock = dir.resolve("mock").toString();
        Run plain = run("graph", "--tng", mock, "--linking-length", "3", "--self-loops");
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().matches("(?s).*\"self_loops\":[1-9].*"), plain.out());
        Path cfg = dir.resolve("switch.json");
        Files.writeString(cfg, "{\"tng\": \"" + mock.replace("\\", "\\\\") + "\", \"self-loops\": true}");
        Run both = run("graph", "--config", cfg.toString(), "--linking-length", "3", "--self-loops");
        assertEquals(counts(plain), counts(both), "a switch given in the file and on the command line stays on");
        assertEquals(counts(plain), counts(run("graph", "--config", cfg.toString(), "--linking-length", "3")));

        Files.writeString(cfg, "{\"tng\": \"" + mock.replace("\\", "\\\\") + "\", \"knn\": 5}");
        Run radius = run("graph", "--tng", mock, "--linking-length", "3");
        assertEquals(counts(radius), counts(run("graph", "--config", cfg.toString(), "--linking-length", "3")),
                "--linking-length on the command line replaces the file's --knn");
        Run knn = run("graph", "--config", cfg.toString());
        assertEquals(0, knn.code(), knn.err());
        assertEquals(counts(run("graph", "--tng", mock, "--knn", "5")), counts(knn), "--knn from the file alone");
        Files.writeString(cfg, "{\"tng\": \"" + mock.replace("\\", "\\\\") + "\", \"linking-length\": 3}");
        assertEquals(counts(radius), counts(run("graph", "--config", cfg.toString())), "--linking-length from the file");
        Files.writeString(cfg, "{\"tng\": \"" + mock.replace("\\", "\\\\") + "\", \"linking-length\": 3, \"knn\": 5}");
        Run twice = run("graph", "--config", cfg.toString());
        assertEquals(2, twice.code(), twice.err());
        assertTrue(twice.err().contains("not both"), twice.err());
        // What describes another kind of graph goes with the file's graph when the command line chooses another.
        Files.writeString(cfg, "{\"tng\": \"" + mock.replace("\\", "\\\\") + "\", \"knn\": 5, \"symmetric\": true,"
                + " \"projection\": \"2d\", \"los\": \"x\", \"dv-max\": 500}");
        assertEquals(counts(radius), counts(run("graph", "--config", cfg.toString(), "--linking-length", "3",
                "--projection", "3d")), "the file's symmetric, los and dv-max are not the typed 3D radius graph's");
        Files.writeString(cfg, "{\"tng\": \"" + mock.replace("\\", "\\\\") + "\", \"projection\": \"2d\","
                + " \"los\": \"x\", \"dv-max\": 500}");
        assertEquals(counts(run("graph", "--tng", mock, "--knn", "5")), counts(run("graph", "--config", cfg.toString(),
                "--knn", "5")), "--knn typed over a file for projected graphs");
        // A cut in a shared file that a table cannot apply is unused, not refused (typed, it is refused).
        Files.writeString(cfg, "{\"min-star-particles\": 30, \"hydro-run\": \"TNG300-1\"}");
        Run table = run("catalog", "--config", cfg.toString(), "--table", SourceOptionsTest.oneBox(), "--columns",
                SourceOptionsTest.MAPPING);
        assertEquals(0, table.code(), table.err());
        Run neither = run("graph", "--tng", mock);
        assertEquals(2, neither.code(), neither.err());
        assertTrue(neither.err().contains("--linking-length") && neither.err().contains("Usage"), neither.err());
    }

    /** A graph summary without its timings. */
    private static String counts(Run r) {
        assertEquals(0, r.code(), r.err());
        return r.out().replaceAll("\"(build|feature)_seconds\":[-0-9.eE]+,?", "");
    }

    /** Options the source or graph has no use for are refused, not silently ignored. */
    @Test
    void optionsTheSourceOrGraphCannotUseAreRefused() throws Exception {
        String mock = dir.resolve("mock").toString();
        String table = SourceOptionsTest.oneBox();
        Object[][] cases = {
            {new String[] {"catalog", "--table", table, "--columns", SourceOptionsTest.MAPPING, "--min-star-particles",
                "100"}, "--min-star-particles does not apply to --table"},
            {new String[] {"catalog", "--table", table, "--columns", SourceOptionsTest.MAPPING, "--snapshot", "5",
                "--hydro-run", "X"}, "--snapshot, --hydro-run do not apply to --table"},
            {new String[] {"catalog", "--suite", SourceOptionsTest.glob(), "--columns", SourceOptionsTest.MAPPING,
                "--min-star-particles", "100"}, "--min-star-particles does not apply to --suite of tables"},
            {new String[] {"catalog", "--tng", mock, "--pos-unit", "Mpc"}, "--columns (or the column flags) does not"
                + " apply to --tng"},
            {new String[] {"catalog", "--subfind", mock + "/TNG300-1/output/groups_099", "--dark-run", "X"},
                "--dark-run does not apply to --subfind"},
            {new String[] {"graph", "--tng", mock, "--linking-length", "3", "--symmetric"}, "a --linking-length graph"
                + " is symmetric already"}};
        for (Object[] c : cases) {
            Run r = run((String[]) c[0]);
            assertEquals(1, r.code(), String.join(" ", (String[]) c[0]) + ": " + r.err());
            assertTrue(r.err().contains((String) c[1]), r.err());
        }
        // Negative control: the same table without those options loads.
        assertEquals(0, run("catalog", "--table", table, "--columns", SourceOptionsTest.MAPPING).code());
        assertEquals(0, run("catalog", "--suite", SourceOptionsTest.glob(), "--columns", SourceOptionsTest.MAPPING).code());
    }

    /** picocli's @FILE expansion would escape --config's rules; it is off, and the refusal says what to use. */
    @Test
    void argumentFilesAreRefusedWithAPointerToConfig() throws Exception {
        Path at = dir.resolve("args.txt");
        Files.writeString(at, "--min-log-mstar\n9\n");
        Run r = run("catalog", "--tng", dir.resolve("nowhere").toString(), "@" + at);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("Argument files (@FILE) are not read") && r.err().contains("--config"), r.err());
    }

    @Test
    void badArgumentsGiveUsageOrAClearError() {
        Run noMode = run("graph", "--tng", dir.resolve("mock").toString());
        assertEquals(2, noMode.code());
        assertTrue(noMode.err().contains("--linking-length") && noMode.err().contains("Usage"), noMode.err());
        Run both = run("graph", "--tng", "x", "--linking-length", "3", "--knn", "4");
        assertEquals(2, both.code());
        Run unknown = run("catalog", "--tng", "x", "--frobnicate");
        assertEquals(2, unknown.code());
        Run missing = run("catalog");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("--tng DIR is required"), missing.err());
        Run nowhere = run("catalog", "--tng", dir.resolve("nowhere").toString());
        assertEquals(1, nowhere.code());
        assertTrue(nowhere.err().contains("missing group catalog folder"), nowhere.err());
        Run badD = run("graph", "--tng", dir.resolve("mock").toString(), "--linking-length", "40");
        assertEquals(1, badD.code());
        assertTrue(badD.err().contains("half the box"), badD.err());
        Run notANumber = run("simulate", "--out", dir.resolve("m2").toString(), "--box-mpch", "big");
        assertEquals(2, notANumber.code());
        Run folds = run("experiment", "--tng", dir.resolve("mock").toString(), "--folds", "1", "--out",
                dir.resolve("never").toString());
        assertEquals(1, folds.code());
        assertTrue(folds.err().contains("folds must be in 2..20"), folds.err());
        assertTrue(!Files.exists(dir.resolve("never")));
        Run window3d = run("graph", "--tng", dir.resolve("mock").toString(), "--linking-length", "3", "--dv-max", "300");
        assertEquals(1, window3d.code());
        assertTrue(window3d.err().contains("--dv-max 300.0 windows the redshifts of projected graphs"), window3d.err());
        Run wide = run("graph", "--tng", dir.resolve("mock").toString(), "--linking-length", "3", "--projection", "2d",
                "--dv-max", "3000");
        assertEquals(1, wide.code());
        assertTrue(wide.err().contains("must be below half the box along the line of sight"), wide.err());
        Run badKnn = run("graph", "--tng", dir.resolve("mock").toString(), "--knn", "100000");
        assertEquals(1, badKnn.code());
        assertTrue(badKnn.err().contains("--knn must be in 1..1000"), badKnn.err());
        Run again = run("simulate", "--out", dir.resolve("mock").toString(), "--box-mpch", "40");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already holds a mock universe") && again.err().contains("--force"), again.err());
    }

    @Test
    void aFileOutputThatEndsWithASlashIsRefusedNotWrittenAsAFileOfThatName() throws Exception {
        Path folder = dir.resolve("graphs");
        Run slash = run("graph", "--tng", dir.resolve("mock").toString(), "--linking-length", "3", "--out", folder + "/");
        assertEquals(2, slash.code());
        assertTrue(slash.err().contains("--out") && slash.err().contains("names a folder"), slash.err());
        assertFalse(Files.exists(folder));
        Path cfg = dir.resolve("slash.json");
        Files.writeString(cfg, "{\"out\": \"" + folder + "/\"}");
        Run fromConfig = run("graph", "--config", cfg.toString(), "--tng", dir.resolve("mock").toString(),
                "--linking-length", "3");
        assertEquals(2, fromConfig.code());
        assertTrue(fromConfig.err().contains("names a folder"), fromConfig.err());
        assertFalse(Files.exists(folder));
    }
}
