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
