package org.cosmicweb.experiments;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The experiment as independent units (what a distributed sweep runs): any order gives the serial result. */
class ExperimentUnitsTest {
    @TempDir
    Path dir;

    @Test
    void unitsInAnyOrderAssembleToTheSerialResult() {
        SubhaloCatalog cat = Fixtures.mock(dir.resolve("m"), 23, 40);
        GnnSettings tiny = new GnnSettings(2, 1, 8, 4, 1, Aggregation.MULTI, 1e-2, 1e-4, 0, 1, 128);
        // Two linking lengths, so the stacked row, fitted on the units' held-out predictions, is compared too.
        ExperimentConfig cfg = new ExperimentConfig(new double[] {2, 3}, new double[] {2}, 3, 4, tiny, 10, 9,
                256L << 10);
        ExperimentResult serial = new ExperimentRunner(cfg, new Progress(System.err, false, 60)).run(new ExperimentData(cat));

        ExperimentData data = new ExperimentData(cat);
        ExperimentRunner runner = new ExperimentRunner(cfg, new Progress(System.err, false, 60));
        List<ExperimentRunner.Unit> units = new ArrayList<>(runner.units(data));
        int planned = runner.plan(data).size();
        assertEquals(planned + 1, serial.runs().size(), "the plan's runs, then gnn_stacked");
        assertEquals(planned * 3, units.size());
        Collections.reverse(units);
        List<ExperimentRunner.UnitResult> results = new ArrayList<>();
        for (ExperimentRunner.Unit u : units) {
            results.add(runner.runUnit(data, u));
        }
        ExperimentResult assembled = runner.assemble(data, results, 0);
        for (int k = 0; k < serial.runs().size(); k++) {
            assertEquals(serial.runs().get(k).column(), assembled.runs().get(k).column());
            assertArrayEquals(serial.runs().get(k).mean(), assembled.runs().get(k).mean(), serial.runs().get(k).column());
        }
        assertEquals(Tables.csv(serial), Tables.csv(assembled));
        // The manifest's stages come from the units too (a sweep's executors run them): one per model,
        // its graph's edges (none for a baseline) and a peak RSS, as the serial run records them.
        assertEquals(planned, assembled.stages().size(), "the stacked row trains nothing and has no stage");
        for (int k = 0; k < planned; k++) {
            ExperimentResult.Stage a = assembled.stages().get(k);
            assertEquals(serial.stages().get(k).name(), a.name());
            assertEquals(serial.stages().get(k).edges(), a.edges(), a.name());
            assertEquals(a.name().startsWith("gnn"), a.edges() > 0, a.name() + " edges " + a.edges());
            assertTrue(a.peakRssMb() > 0 && a.seconds() > 0, a.toString());
        }
        results.remove(0);
        assertThrows(IllegalArgumentException.class, () -> runner.assemble(data, results, 0));
    }
}
