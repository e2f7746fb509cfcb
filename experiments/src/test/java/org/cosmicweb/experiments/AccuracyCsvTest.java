package org.cosmicweb.experiments;

import org.cosmicweb.common.OutputException;
import org.cosmicweb.simulations.mock.EnvironmentModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bench accuracy --csv: rows are appended whole through the atomic writer, never to someone else's file. */
class AccuracyCsvTest {
    @TempDir
    Path dir;

    /** Two studies' configuration keys, as AccuracyStudy.configKey writes them. */
    private static final String CONFIG = study(40).configKey();
    private static final String OTHER = study(80).configKey();

    private static AccuracyStudy study(int epochs) {
        ExperimentConfig base = ExperimentConfig.embedded(0);
        return new AccuracyStudy(Path.of("runs"), 100, base.withGnn(base.gnn().withEpochs(epochs)), Progress.stderr());
    }

    @Test
    void theConfigurationIsOneCsvFieldAndSaysWhatDiffers() {
        assertTrue(!CONFIG.contains(",") && CONFIG.contains("box 100 Mpc/h") && CONFIG.contains("D 1 2 3 5 7.5 10"), CONFIG);
        assertTrue(!CONFIG.equals(OTHER) && OTHER.contains("80 epochs") && CONFIG.contains("40 epochs"), OTHER);
        // The generator's version by hand: a new generator draws other universes from the same seeds.
        assertTrue(CONFIG.endsWith("; mock cosmicweb MockUniverse 5"), CONFIG);
        assertTrue(CONFIG.contains("; edge features distance cos_local_centroid_positions cos_local_centroid_edge"), CONFIG);
    }

    /** A GNN row and a baseline row of one universe, with values the CSV's five decimals hold exactly. */
    private static List<AccuracyStudy.Row> universe(long seed, double gnnRmse) {
        BlockBootstrap.Difference d = new BlockBootstrap.Difference(gnnRmse - 0.2, Double.NaN, gnnRmse - 0.21,
                gnnRmse - 0.19);
        return List.of(
                new AccuracyStudy.Row(EnvironmentModel.WEB, seed, "boost_noenv", Double.NaN, 0.2, 0.002, 0.12,
                        new BlockBootstrap.Difference(0, Double.NaN, 0, 0), null, null, "boost_noenv", 1.0),
                new AccuracyStudy.Row(EnvironmentModel.WEB, seed, "gnn", 10, gnnRmse, 0.001, 0.12, d, null, d,
                        "boost_noenv", 30.5));
    }

    @Test
    void aCsvIsSummarisedAsTheRunThatWroteItWould() throws Exception {
        Path csv = dir.resolve("study.csv");
        List<AccuracyStudy.Row> rows = new java.util.ArrayList<>(universe(1, 0.15));
        rows.addAll(universe(2, 0.23));
        AccuracyStudy.appendCsv(csv, rows.subList(0, 2), CONFIG);
        AccuracyStudy.appendCsv(csv, rows.subList(2, 4), CONFIG);
        AccuracyStudy.Csv read = AccuracyStudy.readCsv(csv);
        assertEquals(CONFIG, read.config());
        assertEquals(AccuracyStudy.summary(rows), AccuracyStudy.summary(read.rows()));
        // By hand: the GNN's mean (0.15 + 0.23) / 2 = 0.19, sd 0.08 / sqrt 2, SE sd / sqrt 2 = 0.04; differences
        // -0.05 (interval below 0: a win) and +0.03 (above: a loss), mean -0.01.
        assertTrue(AccuracyStudy.summary(read.rows()).contains("| gnn_D10 | 0.1900 ± 0.0400 | 1.583 | -0.0100 (1/1) |"),
                AccuracyStudy.summary(rows));
        // Not this study's file, a line cut short, and rows of two configurations are refused with the line.
        Path theirs = Files.writeString(dir.resolve("theirs.csv"), "x,y\n1,2\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccuracyStudy.readCsv(theirs)).getMessage()
                .contains("is not a bench accuracy CSV"));
        List<String> lines = Files.readAllLines(csv);
        Path cut = Files.writeString(dir.resolve("cut.csv"), String.join("\n", lines.subList(0, 4)) + "\n"
                + lines.get(4).substring(0, 30) + "\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccuracyStudy.readCsv(cut)).getMessage()
                .contains("line 5 has"));
        Path mixed = Files.writeString(dir.resolve("mixed.csv"), Files.readString(csv).replaceFirst(
                java.util.regex.Pattern.quote(CONFIG) + "\n$", java.util.regex.Matcher.quoteReplacement(OTHER) + "\n"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccuracyStudy.readCsv(mixed)).getMessage()
                .contains("line 5 is of another configuration"));
    }

    private static AccuracyStudy.Row row(long seed) {
        return new AccuracyStudy.Row(EnvironmentModel.FIELD, seed, "gnn", 3, 0.2, 0.01, 0.12, null, null, null, "sham", 1.5);
    }

    @Test
    void rowsAreAppendedUnderOneHeaderAndAForeignFileIsRefused() throws Exception {
        Path csv = dir.resolve("study.csv");
        AccuracyStudy.appendCsv(csv, List.of(row(1)), CONFIG);
        AccuracyStudy.appendCsv(csv, List.of(row(2), row(3)), CONFIG);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(AccuracyStudy.CSV_HEADER, lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("field,1,gnn,") && lines.get(3).startsWith("field,3,gnn,"), lines.toString());
        Path theirs = Files.writeString(dir.resolve("theirs.csv"), "x,y\n1,2\n");
        OutputException e = assertThrows(OutputException.class, () -> AccuracyStudy.appendCsv(theirs, List.of(row(1)), CONFIG));
        assertTrue(e.getMessage().startsWith("--csv " + theirs), e.getMessage());
        assertEquals("x,y\n1,2\n", Files.readString(theirs));
    }

    @Test
    void theCsvIsCheckedBeforeAnyUniverseRunsAndHoldsEachUniverseOnce() throws Exception {
        Path theirs = Files.writeString(dir.resolve("theirs.csv"), "x,y\n1,2\n");
        OutputException e = assertThrows(OutputException.class,
                () -> AccuracyStudy.checkCsv(theirs, List.of(EnvironmentModel.FIELD), List.of(1L), CONFIG));
        assertTrue(e.getMessage().startsWith("--csv " + theirs), e.getMessage());
        Path csv = dir.resolve("study.csv");
        AccuracyStudy.checkCsv(csv, List.of(EnvironmentModel.FIELD), List.of(1L), CONFIG);
        AccuracyStudy.appendCsv(csv, List.of(row(1)), CONFIG);
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> AccuracyStudy.checkCsv(csv, List.of(EnvironmentModel.WEB, EnvironmentModel.FIELD), List.of(2L, 1L), CONFIG));
        assertTrue(again.getMessage().startsWith("--csv " + csv + " already holds field seed 1 (line 2): one CSV holds"
                + " one configuration, each universe once"), again.getMessage());
        // Negative controls: other seeds, or another environment with the same seed, are new universes.
        AccuracyStudy.checkCsv(csv, List.of(EnvironmentModel.FIELD), List.of(2L, 11L), CONFIG);
        AccuracyStudy.checkCsv(csv, List.of(EnvironmentModel.WEB), List.of(1L), CONFIG);
        // Rows of another configuration (another aggregation, box or scales) are not averaged with these.
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> AccuracyStudy.checkCsv(csv, List.of(EnvironmentModel.WEB), List.of(2L), OTHER));
        assertTrue(other.getMessage().contains("holds rows of another configuration (line 2: " + CONFIG), other.getMessage());
    }
}
