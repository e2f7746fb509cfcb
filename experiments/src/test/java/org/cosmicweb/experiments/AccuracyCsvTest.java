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

    private static AccuracyStudy.Row row(long seed) {
        return new AccuracyStudy.Row(EnvironmentModel.FIELD, seed, "gnn", 3, 0.2, 0.01, 0.12, null, null, null, "sham", 1.5);
    }

    @Test
    void rowsAreAppendedUnderOneHeaderAndAForeignFileIsRefused() throws Exception {
        Path csv = dir.resolve("study.csv");
        AccuracyStudy.appendCsv(csv, List.of(row(1)));
        AccuracyStudy.appendCsv(csv, List.of(row(2), row(3)));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(AccuracyStudy.CSV_HEADER, lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("field,1,gnn,") && lines.get(3).startsWith("field,3,gnn,"), lines.toString());
        Path theirs = Files.writeString(dir.resolve("theirs.csv"), "x,y\n1,2\n");
        OutputException e = assertThrows(OutputException.class, () -> AccuracyStudy.appendCsv(theirs, List.of(row(1))));
        assertTrue(e.getMessage().startsWith("--csv " + theirs), e.getMessage());
        assertEquals("x,y\n1,2\n", Files.readString(theirs));
    }

    @Test
    void theCsvIsCheckedBeforeAnyUniverseRunsAndHoldsEachUniverseOnce() throws Exception {
        Path theirs = Files.writeString(dir.resolve("theirs.csv"), "x,y\n1,2\n");
        OutputException e = assertThrows(OutputException.class,
                () -> AccuracyStudy.checkCsv(theirs, List.of(EnvironmentModel.FIELD), List.of(1L)));
        assertTrue(e.getMessage().startsWith("--csv " + theirs), e.getMessage());
        Path csv = dir.resolve("study.csv");
        AccuracyStudy.checkCsv(csv, List.of(EnvironmentModel.FIELD), List.of(1L));
        AccuracyStudy.appendCsv(csv, List.of(row(1)));
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> AccuracyStudy.checkCsv(csv, List.of(EnvironmentModel.WEB, EnvironmentModel.FIELD), List.of(2L, 1L)));
        assertTrue(again.getMessage().startsWith("--csv " + csv + " already holds field seed 1 (line 2): one CSV holds"
                + " one configuration, each universe once"), again.getMessage());
        // Negative controls: other seeds, or another environment with the same seed, are new universes.
        AccuracyStudy.checkCsv(csv, List.of(EnvironmentModel.FIELD), List.of(2L, 11L));
        AccuracyStudy.checkCsv(csv, List.of(EnvironmentModel.WEB), List.of(1L));
    }
}
