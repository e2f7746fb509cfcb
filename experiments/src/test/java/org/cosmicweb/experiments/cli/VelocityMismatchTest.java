package org.cosmicweb.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model remembers whether its catalog had velocities: a table read without velocity columns has them
 * all 0, and its velocity edge features are constants the model never learned to read. Applied to a
 * catalog with velocities, the model sees them as 0 too (the predictions are those of the catalog read
 * without them); a model trained with velocities refuses a catalog that has none.
 */
class VelocityMismatchTest {
    @TempDir
    Path dir;

    @Test
    void aModelTrainedWithoutVelocitiesSeesNoneAndOneTrainedWithThemRefusesACatalogWithout() throws Exception {
        String table = SourceOptionsTest.oneBox();
        Path noVel = noVelocityMapping();
        Path model = dir.resolve("m.cwgnn");
        CliTest.Run train = CliTest.run("train", "--table", table, "--columns", noVel.toString(), "--linking-length", "2",
                "--epochs", "2", "--min-log-mstar", "8", "--out", model.toString());
        assertEquals(0, train.code(), train.err());

        Path without = dir.resolve("without.csv");
        Path with = dir.resolve("with.csv");
        CliTest.Run p0 = CliTest.run("predict", "--table", table, "--columns", noVel.toString(), "--model",
                model.toString(), "--out", without.toString());
        assertEquals(0, p0.code(), p0.err());
        assertFalse(p0.err().contains("without velocities"), p0.err());
        CliTest.Run p1 = CliTest.run("predict", "--table", table, "--columns", SourceOptionsTest.MAPPING, "--model",
                model.toString(), "--out", with.toString());
        assertEquals(0, p1.code(), p1.err());
        assertTrue(p1.err().contains("was trained on a catalog without velocities"), p1.err());
        assertEquals(Files.readString(without), Files.readString(with));

        Path withVel = dir.resolve("v.cwgnn");
        assertEquals(0, CliTest.run("train", "--table", table, "--columns", SourceOptionsTest.MAPPING,
                "--linking-length", "2", "--epochs", "2", "--min-log-mstar", "8", "--out", withVel.toString()).code());
        CliTest.Run refused = CliTest.run("predict", "--table", table, "--columns", noVel.toString(), "--model",
                withVel.toString(), "--out", dir.resolve("never.csv").toString());
        assertEquals(1, refused.code(), refused.err());
        assertTrue(refused.err().contains("was trained with velocities") && refused.err().contains("has none"),
                refused.err());
        assertFalse(Files.exists(dir.resolve("never.csv")));
    }

    /**
     * A projected graph measures the line of sight in redshift, x + v/H0: without velocities that would be
     * the true depth, so graph, train and experiment refuse it (and still build one with velocities).
     */
    @Test
    void aProjectedGraphIsRefusedWithoutVelocities() throws Exception {
        String table = SourceOptionsTest.oneBox();
        Path noVel = noVelocityMapping();
        String[][] runs = {
            {"graph", "--table", table, "--columns", noVel.toString(), "--projection", "2d", "--linking-length", "2"},
            {"train", "--table", table, "--columns", noVel.toString(), "--projection", "2d", "--linking-length", "2",
                "--epochs", "1", "--min-log-mstar", "8", "--out", dir.resolve("never.cwgnn").toString()},
            {"experiment", "--table", table, "--columns", noVel.toString(), "--projection", "both", "--quick",
                "--epochs", "1", "--pad", "1", "--out", dir.resolve("never").toString()}};
        for (String[] args : runs) {
            CliTest.Run r = CliTest.run(args);
            assertEquals(1, r.code(), args[0] + ": " + r.err());
            assertTrue(r.err().contains("a projected (2D) graph needs velocities") && r.err().contains("true depth"),
                    r.err());
        }
        assertFalse(Files.exists(dir.resolve("never.cwgnn")));
        assertFalse(Files.exists(dir.resolve("never")));
        CliTest.Run with = CliTest.run("graph", "--table", table, "--columns", SourceOptionsTest.MAPPING, "--projection",
                "2d", "--linking-length", "2");
        assertEquals(0, with.code(), with.err());
    }

    /** The CAMELS column mapping without its velocity columns. */
    private Path noVelocityMapping() throws Exception {
        Path noVel = dir.resolve("no-velocity.json");
        Files.writeString(noVel, Files.readString(Path.of(SourceOptionsTest.MAPPING))
                .replaceAll("\\s*\"velocity\": \\[[^]]*],", ""));
        assertFalse(Files.readString(noVel).contains("velocity"), "the mapping without velocities");
        return noVel;
    }
}
