package org.cosmicweb.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which existing CSV `predict --out` may replace: only one whose first line is exactly the header it writes. */
class PredictionsFileTest {
    @TempDir
    Path dir;

    private boolean replaceable(String name, String content) throws IOException {
        return PredictJob.isPredictionsFile(Files.writeString(dir.resolve(name), content));
    }

    @Test
    void onlyItsOwnHeaderLineMakesAFileReplaceable() throws IOException {
        String header = "dark_subhalo_id,hydro_subhalo_id,log_mstar_true,log_mstar_pred,sigma";
        assertTrue(replaceable("p.csv", header + "\n1,2,10.1,10.2,0.1\n"));
        assertTrue(replaceable("suite.csv", "box," + header + "\nA,1,2,10.1,10.2,0.1\n"));
        // Someone's annotated copy, or their own table with the same leading columns: never replaced.
        assertFalse(replaceable("annotated.csv", header + ",note\n1,2,10.1,10.2,0.1,keep\n"));
        assertFalse(replaceable("mine.csv", "dark_subhalo_id,hydro_subhalo_id,my_mass\n1,2,3\n"));
        assertFalse(replaceable("suite-annotated.csv", "box," + header + ",note\n"));
        assertFalse(replaceable("no-newline.csv", header));
    }
}
