package org.cosmicweb.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.graph.SpatialFolds;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFolderAndReportTest {
    @TempDir
    Path dir;

    @Test
    void aFailedReportLeavesThePreviousRunAndAForeignFolderIsNeverReplaced() throws IOException {
        Path run = dir.resolve("run");
        AtomicOutput.write(ReportWriter.target(run), d -> Files.writeString(d.resolve("metrics.csv"), "old\n"));
        assertThrows(org.cosmicweb.common.OutputException.class, () -> AtomicOutput.write(ReportWriter.target(run), d -> {
            Files.writeString(d.resolve("metrics.csv"), "new\n");
            throw new IOException("disk full");
        }));
        assertEquals("old\n", Files.readString(run.resolve("metrics.csv")));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("run"), s.map(p -> p.getFileName().toString()).toList());
        }
        // A run folder written before markers existed is recognised by its manifest, and replaced.
        Path legacy = Files.createDirectories(dir.resolve("legacy"));
        Files.writeString(legacy.resolve("manifest.json"), "{\"software\": \"cosmicweb 0.1.0-SNAPSHOT\"}");
        AtomicOutput.write(ReportWriter.target(legacy), d -> Files.writeString(d.resolve("metrics.csv"), "x\n"));
        assertTrue(AtomicOutput.hasMarker(legacy));
        // A folder of the user's own with a manifest of something else is not.
        Path theirs = Files.createDirectories(dir.resolve("theirs"));
        Files.writeString(theirs.resolve("manifest.json"), "{\"software\": \"other\"}");
        assertThrows(org.cosmicweb.common.OutputException.class,
                () -> AtomicOutput.write(ReportWriter.target(theirs), d -> Files.writeString(d.resolve("a"), "a")));
        assertTrue(Files.exists(theirs.resolve("manifest.json")));
    }

    @Test
    void everyModelSharesTheFoldsAndEveryOutputFileParses() throws IOException {
        SubhaloCatalog cat = Fixtures.mock(dir.resolve("mock"), 8, 50);
        ExperimentData data = new ExperimentData(cat);
        GnnSettings gnn = new GnnSettings(3, 1, 16, 8, 1, org.cosmicweb.gnn.Aggregation.MULTI, 5e-3, 1e-4, 0, 1, 64);
        ExperimentConfig cfg = new ExperimentConfig(new double[] {2}, new double[] {1, 3}, 3, 5, gnn, 20, 4, 256L << 10);
        ExperimentResult r = new ExperimentRunner(cfg, new Progress(System.err, false, 60)).run(data);
        List<SpatialFolds.Fold> folds = SpatialFolds.split(cat.positionsMpc(), cat.boxSizeMpc(), 3, 5, 2);
        for (SpatialFolds.Fold f : folds) {
            for (int i : f.validation()) {
                assertEquals(f.index(), r.fold()[i]);
            }
        }
        assertEquals(List.of("sham", "boost_noenv", "boost_overdensity_R1", "boost_overdensity_R3",
                "boost_overdensity_all", "ebm_overdensity_all", "gnn_D2"),
                r.runs().stream().map(ExperimentResult.Run::column).toList());
        for (ExperimentResult.Run run : r.runs()) {
            for (double v : run.mean()) {
                assertTrue(Double.isFinite(v) && v > 7 && v < 13, run.column() + " predicted " + v);
            }
        }
        Path out = dir.resolve("run");
        ReportWriter.write(r, out, ReportWriter.command("test"));
        for (String f : ReportWriter.FILES) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(Tables.CSV_HEADER, metrics.get(0));
        assertEquals(1 + 7 * 3, metrics.size());
        long satellites = java.util.stream.IntStream.range(0, cat.size()).filter(i -> !cat.isCentral()[i]).count();
        String satRow = metrics.stream().filter(l -> l.startsWith("gnn,2.0,satellites,")).findFirst().orElseThrow();
        assertEquals(Long.toString(satellites), satRow.substring(satRow.lastIndexOf(',') + 1));
        assertEquals(Tables.COMPARISONS_HEADER, Files.readAllLines(out.resolve("comparisons.csv")).get(0));
        List<String> preds = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals(1 + cat.size(), preds.size());
        String[] header = preds.get(0).split(",");
        assertEquals("gnn_D2_sigma", header[header.length - 2]);
        assertEquals("gnn_D2_sigma_raw", header[header.length - 1]);
        // One network per fold: the calibrated sigma is the raw one times that fold's temperature.
        ExperimentResult.Run net = r.runs().get(r.runs().size() - 1);
        double[] ratio = new double[3];
        for (int i = 0; i < cat.size(); i++) {
            double q = net.sigma()[i] / net.sigmaRaw()[i];
            assertTrue(q > 0.2 && q < 5, "temperature " + q);
            if (ratio[r.fold()[i]] == 0) {
                ratio[r.fold()[i]] = q;
            }
            assertEquals(ratio[r.fold()[i]], q, 1e-9 * q, "galaxy " + i);
        }
        for (String line : preds.subList(1, preds.size())) {
            assertEquals(header.length, line.split(",").length);
        }
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(4, manifest.get("config").get("seed").asLong());
        assertEquals(64, manifest.get("catalog_sha256").asText().length());
        assertTrue(manifest.get("noise_floor_dex").asDouble() > 0.05);
        byte[] png = Files.readAllBytes(out.resolve("rmse_vs_scale.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        assertTrue(Files.readString(out.resolve("metrics.tex")).contains("\\begin{tabular}"));
        assertTrue(Files.readString(out.resolve("metrics.md")).contains("| gnn | 2.0 |"));
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
        assertEquals("test", manifest.get("command").asText());
        assertTrue(AtomicOutput.hasMarker(out), "the run folder carries the marker that lets a later run replace it");
    }
}
