package org.cosmicweb.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model that reads box parameters embeds one box given with its parameter table; a suite is still refused. */
class EmbedOneBoxTest {
    @TempDir
    Path dir;

    @Test
    void aModelTrainedWithBoxParametersEmbedsOneBoxWithItsParameterRow() throws Exception {
        String table = SourceOptionsTest.oneBox();
        Path model = dir.resolve("p.cwgnn");
        CliTest.Run train = CliTest.run("train", "--table", table, "--columns", SourceOptionsTest.MAPPING,
                "--suite-params", SourceOptionsTest.params(), "--box-features", "Omega_m", "--linking-length", "2",
                "--epochs", "2", "--min-log-mstar", "8", "--out", model.toString());
        assertEquals(0, train.code(), train.err());
        Path out = dir.resolve("e.h5");
        CliTest.Run embed = CliTest.run("embed", "--table", table, "--columns", SourceOptionsTest.MAPPING,
                "--suite-params", SourceOptionsTest.params(), "--model", model.toString(), "--out", out.toString());
        assertEquals(0, embed.code(), embed.err());
        assertTrue(Files.isRegularFile(out));
        assertFalse(embed.err().contains("is not used"), embed.err());
        CliTest.Run predict = CliTest.run("predict", "--table", table, "--columns", SourceOptionsTest.MAPPING,
                "--suite-params", SourceOptionsTest.params(), "--box-features", "none", "--model", model.toString(),
                "--out", dir.resolve("p.csv").toString());
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.err().contains("--box-features none is not used: a saved model reads the box features it"
                + " was trained on (Omega_m)"), predict.err());
        // The same features, named by "all" at training and again here: nothing to warn about.
        Path all = dir.resolve("all.cwgnn");
        assertEquals(0, CliTest.run("train", "--table", table, "--columns", SourceOptionsTest.MAPPING, "--suite-params",
                SourceOptionsTest.params(), "--box-features", "all", "--linking-length", "2", "--epochs", "1",
                "--min-log-mstar", "8", "--out", all.toString()).code());
        CliTest.Run same = CliTest.run("predict", "--table", table, "--columns", SourceOptionsTest.MAPPING,
                "--suite-params", SourceOptionsTest.params(), "--box-features", "all", "--model", all.toString(),
                "--out", dir.resolve("all.csv").toString());
        assertEquals(0, same.code(), same.err());
        assertFalse(same.err().contains("is not used"), same.err());
        CliTest.Run suite = CliTest.run("embed", "--suite", SourceOptionsTest.glob(), "--columns",
                SourceOptionsTest.MAPPING, "--suite-params", SourceOptionsTest.params(), "--model", model.toString(),
                "--out", dir.resolve("never.h5").toString());
        assertEquals(1, suite.code(), suite.err());
        assertTrue(suite.err().contains("embed works on one catalog"), suite.err());
        assertFalse(Files.exists(dir.resolve("never.h5")));
    }
}
