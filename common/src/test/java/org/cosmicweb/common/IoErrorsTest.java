package org.cosmicweb.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How an input that is not a readable file is named. */
class IoErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aFolderIsCalledAFolderAndOnlyAnAbsentPathMissing() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("runs"));
        assertEquals("table " + folder + " is a folder, not a file", IoErrors.notAFile(folder, "table"));
        assertEquals("missing table " + dir.resolve("t.csv"), IoErrors.notAFile(dir.resolve("t.csv"), "table"));
    }
}
