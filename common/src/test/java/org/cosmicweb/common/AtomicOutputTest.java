package org.cosmicweb.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the one writer refuses, what it cleans and what it leaves behind. */
class AtomicOutputTest {
    @TempDir
    Path dir;

    private static AtomicOutput.Target folder(Path p) {
        return AtomicOutput.Target.folder(p, "run folder", null);
    }

    /** A file output whose earlier outputs start with "ours". */
    private static AtomicOutput.Target file(Path p) {
        return AtomicOutput.Target.file(p, "result file", f -> {
            try {
                return Files.readString(f).startsWith("ours");
            } catch (IOException e) {
                return false;
            }
        });
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFolderIsWrittenWithItsMarkerAndReplacedOnlyWhenComplete() throws IOException {
        Path run = dir.resolve("run");
        AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("metrics.csv"), "old\n"));
        assertTrue(AtomicOutput.hasMarker(run));
        OutputException e = assertThrows(OutputException.class, () -> AtomicOutput.write(folder(run), d -> {
            Files.writeString(d.resolve("metrics.csv"), "new\n");
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old\n", Files.readString(run.resolve("metrics.csv")));
        assertEquals(List.of("run"), names());
        AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("metrics.csv"), "new\n"));
        assertEquals("new\n", Files.readString(run.resolve("metrics.csv")));
        assertEquals(List.of("run"), names());
    }

    @Test
    void whatTheProgramDidNotWriteIsNeverReplaced() throws IOException {
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "precious");
        OutputException e = assertThrows(OutputException.class,
                () -> AtomicOutput.write(folder(mine), d -> Files.writeString(d.resolve("x"), "x")));
        assertTrue(e.getMessage().contains("did not write"), e.getMessage());
        assertEquals("precious", Files.readString(mine.resolve("thesis.tex")));

        Path file = Files.writeString(dir.resolve("notes.txt"), "precious");
        e = assertThrows(OutputException.class, () -> AtomicOutput.write(folder(file), d -> { }));
        assertTrue(e.getMessage().contains("existing file"), e.getMessage());
        e = assertThrows(OutputException.class, () -> AtomicOutput.write(file(file), f -> Files.writeString(f, "ours")));
        assertTrue(e.getMessage().contains("is not a result file that cosmicweb wrote"), e.getMessage());
        assertEquals("precious", Files.readString(file));
        e = assertThrows(OutputException.class, () -> AtomicOutput.write(file(mine), f -> Files.writeString(f, "ours")));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());

        // Negative controls: its own kind of file is replaced, and so is an empty folder or file.
        Path own = Files.writeString(dir.resolve("own.txt"), "ours 1");
        AtomicOutput.write(file(own), f -> Files.writeString(f, "ours 2"));
        assertEquals("ours 2", Files.readString(own));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        AtomicOutput.write(folder(empty), d -> Files.writeString(d.resolve("a"), "a"));
        assertTrue(AtomicOutput.hasMarker(empty));
    }

    @Test
    void withoutReplaceEvenItsOwnOutputIsKept() throws IOException {
        Path run = dir.resolve("mock");
        AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("a"), "1"));
        OutputException e = assertThrows(OutputException.class,
                () -> AtomicOutput.write(folder(run).replace(false), d -> Files.writeString(d.resolve("a"), "2")));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertEquals("1", Files.readString(run.resolve("a")));
    }

    @Test
    void anOutputIsNeverAnInputNorInsideOneNorHoldingOne() throws IOException {
        Path tng = Files.createDirectory(dir.resolve("tng"));
        Path model = Files.writeString(dir.resolve("m.cwgnn"), "ours model");
        List<AtomicOutput.Input> in = List.of(new AtomicOutput.Input("--tng", tng), new AtomicOutput.Input("--model", model));
        assertTrue(assertThrows(OutputException.class, () -> AtomicOutput.open(file(model).inputs(in))).getMessage()
                .contains("is the input --model"));
        assertTrue(assertThrows(OutputException.class, () -> AtomicOutput.open(folder(tng).inputs(in))).getMessage()
                .contains("is the input --tng"));
        assertTrue(assertThrows(OutputException.class, () -> AtomicOutput.open(folder(tng.resolve("run")).inputs(in)))
                .getMessage().contains("lies inside the input --tng"));
        assertTrue(assertThrows(OutputException.class, () -> AtomicOutput.open(folder(dir).inputs(in))).getMessage()
                .contains("lies inside --out"));
        // Through a link the output is still the input.
        Path link = Files.createSymbolicLink(dir.resolve("alias"), tng);
        assertTrue(assertThrows(OutputException.class, () -> AtomicOutput.open(folder(link.resolve("run")).inputs(in)))
                .getMessage().contains("inside the input --tng"));
        assertEquals("ours model", Files.readString(model));
        assertFalse(Files.exists(tng.resolve("run")));
    }

    @Test
    void aSecondRunOnTheSameOutputFailsAtOnceAndTheLockGoesWithTheFirst() throws IOException {
        Path run = dir.resolve("run");
        try (AtomicOutput first = AtomicOutput.open(folder(run))) {
            OutputException e = assertThrows(OutputException.class, () -> AtomicOutput.open(folder(run)));
            assertTrue(e.getMessage().contains("being written by another cosmicweb run"), e.getMessage());
            first.write(d -> Files.writeString(d.resolve("a"), "a"));
        }
        assertEquals(List.of("run"), names());
        try (AtomicOutput again = AtomicOutput.open(folder(run))) {
            again.write(d -> Files.writeString(d.resolve("a"), "b"));
        }
        assertEquals("b", Files.readString(run.resolve("a")));
    }

    @Test
    void leftoversOfAKilledRunAreRemovedButNotOtherFiles() throws IOException {
        Files.createDirectories(dir.resolve(".run.tmp-123").resolve("sub"));
        Files.writeString(dir.resolve(".run.tmp-123").resolve("sub").resolve("x"), "half");
        Files.createDirectory(dir.resolve(".run.old-456"));
        Files.writeString(dir.resolve(".run.tmp"), "half");
        Files.writeString(dir.resolve(".run.lock"), "");
        Files.writeString(dir.resolve(".runner.tmp-1"), "another output's");
        Files.writeString(dir.resolve("run.tmp-7"), "a user's");
        AtomicOutput.write(folder(dir.resolve("run")), d -> Files.writeString(d.resolve("a"), "a"));
        assertEquals(List.of(".runner.tmp-1", "run", "run.tmp-7"), names());
    }

    @Test
    void anUnwritableFolderIsFoundBeforeAnyWork() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("plain"), "x");
        OutputException e = assertThrows(OutputException.class, () -> AtomicOutput.open(folder(notAFolder.resolve("run"))));
        assertEquals("--out " + notAFolder.resolve("run") + ": " + notAFolder + " is a file, not a folder; choose another"
                + " --out", e.getMessage());
        assertEquals("x", Files.readString(notAFolder));
    }

    @Test
    void aFolderOfAnotherKindIsNeverReplacedEvenWithForce() throws IOException {
        Path mock = dir.resolve("mock");
        AtomicOutput.write(AtomicOutput.Target.folder(mock, "mock universe", null),
                d -> Files.writeString(d.resolve("mock_universe.json"), "{}"));
        OutputException e = assertThrows(OutputException.class,
                () -> AtomicOutput.write(folder(mock), d -> Files.writeString(d.resolve("metrics.csv"), "x")));
        assertEquals("--out " + mock + " holds a mock universe that cosmicweb wrote, not a run folder; it is left as it"
                + " is: choose another --out", e.getMessage());
        assertEquals("{}", Files.readString(mock.resolve("mock_universe.json")));
        assertFalse(Files.exists(mock.resolve("metrics.csv")));
        // Negative control: the same kind is replaced.
        AtomicOutput.write(AtomicOutput.Target.folder(mock, "mock universe", null),
                d -> Files.writeString(d.resolve("mock_universe.json"), "{\"v\": 2}"));
        assertEquals("{\"v\": 2}", Files.readString(mock.resolve("mock_universe.json")));
    }

    @Test
    void filesSomeoneAddedToAnOutputFolderAreNeverDeleted() throws IOException {
        Path run = dir.resolve("run");
        AtomicOutput.write(folder(run), d -> {
            Files.writeString(d.resolve("metrics.csv"), "1");
            Files.createDirectories(d.resolve("plots"));
            Files.writeString(d.resolve("plots/a.png"), "png");
        });
        Files.writeString(run.resolve("my_notes.txt"), "precious");
        Files.createDirectories(run.resolve("myplots/deep"));
        Files.writeString(run.resolve("myplots/deep/fig.py"), "precious too");
        Files.writeString(run.resolve("plots/mine.png"), "mine");
        OutputException e = assertThrows(OutputException.class,
                () -> AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("metrics.csv"), "2")));
        assertTrue(e.getMessage().contains("3 file(s) or folder(s) it did not write or that changed since"),
                e.getMessage());
        for (String f : List.of("my_notes.txt", "myplots", "plots/mine.png")) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
        assertFalse(e.getMessage().contains("myplots/deep"), e.getMessage());
        assertEquals("precious too", Files.readString(run.resolve("myplots/deep/fig.py")));
        assertEquals("1", Files.readString(run.resolve("metrics.csv")));
        // Negative control: once they are moved out, the run is replaced (the file system's litter does not
        // count), and a replaced run is replaceable again.
        Files.delete(run.resolve("my_notes.txt"));
        AtomicOutput.deleteTree(run.resolve("myplots"));
        Files.delete(run.resolve("plots/mine.png"));
        Files.writeString(run.resolve(".DS_Store"), "finder");
        Files.writeString(run.resolve("plots/Thumbs.db"), "explorer");
        AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("metrics.csv"), "2"));
        AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("metrics.csv"), "3"));
        assertEquals("3", Files.readString(run.resolve("metrics.csv")));
    }

    /** Compared by content: an edit made at once is found, and a copy (new times, same bytes) is not one. */
    @Test
    void aFileOfItsOwnThatSomeoneEditedIsNeverReplaced() throws IOException {
        Path run = dir.resolve("run");
        AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("predictions.csv"), "ours"));
        Files.writeString(run.resolve("predictions.csv"), "ours, annotated by hand");
        OutputException e = assertThrows(OutputException.class,
                () -> AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("predictions.csv"), "new")));
        assertTrue(e.getMessage().contains("(predictions.csv)"), e.getMessage());
        assertEquals("ours, annotated by hand", Files.readString(run.resolve("predictions.csv")));
        // The same length, other bytes: still an edit.
        Files.writeString(run.resolve("predictions.csv"), "OURS");
        assertThrows(OutputException.class,
                () -> AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("predictions.csv"), "new")));
        // Negative control: with its own bytes back, however recently written, it is replaced.
        Files.writeString(run.resolve("predictions.csv"), "ours");
        AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("predictions.csv"), "new"));
        assertEquals("new", Files.readString(run.resolve("predictions.csv")));
        // A copy of the folder, every file newer than its marker, is still the program's own output.
        Path copy = dir.resolve("copy");
        Files.createDirectory(copy);
        java.nio.file.attribute.FileTime then = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 60_000);
        for (String f : new String[] {AtomicOutput.MARKER, "predictions.csv"}) {
            Files.copy(run.resolve(f), copy.resolve(f));
        }
        Files.setLastModifiedTime(copy.resolve(AtomicOutput.MARKER), then);
        AtomicOutput.write(folder(copy), d -> Files.writeString(d.resolve("predictions.csv"), "newer"));
        assertEquals("newer", Files.readString(copy.resolve("predictions.csv")));
    }

    /** A marker from before checksums (a list of files, no sums): a file changed after it is an edit. */
    @Test
    void anOlderMarkerWithoutChecksumsProtectsFilesChangedAfterIt() throws IOException {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.writeString(run.resolve("predictions.csv"), "ours, annotated by hand");
        Path marker = Files.writeString(run.resolve(AtomicOutput.MARKER),
                "{\"written_by\": \"cosmicweb 0.1\", \"what\": \"run folder\", \"files\": [\"predictions.csv\"]}");
        java.nio.file.attribute.FileTime then = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(marker, then);
        OutputException e = assertThrows(OutputException.class,
                () -> AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("predictions.csv"), "new")));
        assertTrue(e.getMessage().contains("(predictions.csv)"), e.getMessage());
        // Negative control: untouched since the marker, it is replaced.
        Files.setLastModifiedTime(run.resolve("predictions.csv"), then);
        AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("predictions.csv"), "new"));
        assertEquals("new", Files.readString(run.resolve("predictions.csv")));
    }

    @Test
    void anOlderMarkerWithoutAListProtectsFilesChangedAfterIt() throws IOException {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.writeString(run.resolve("metrics.csv"), "old");
        Path marker = Files.writeString(run.resolve(AtomicOutput.MARKER),
                "{\"written_by\": \"cosmicweb 0.1\", \"what\": \"run folder\"}");
        java.nio.file.attribute.FileTime then = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(run.resolve("metrics.csv"), then);
        Files.setLastModifiedTime(marker, then);
        Files.writeString(run.resolve("added_later.txt"), "precious");
        OutputException e = assertThrows(OutputException.class,
                () -> AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("metrics.csv"), "new")));
        assertTrue(e.getMessage().contains("(added_later.txt)"), e.getMessage());
        Files.delete(run.resolve("added_later.txt"));
        AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("metrics.csv"), "new"));
        assertEquals("new", Files.readString(run.resolve("metrics.csv")));
    }

    @Test
    void outputsGetTheUmasksPermissions() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        // What the umask gives a plain new file and folder, found the ordinary way.
        var fileMode = Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe.txt")));
        var dirMode = Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("probe.d")));
        Path f = dir.resolve("out.txt");
        AtomicOutput.write(file(f), p -> Files.writeString(p, "ours 1"));
        assertEquals(fileMode, Files.getPosixFilePermissions(f));
        Path run = dir.resolve("run");
        AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("a"), "a"));
        assertEquals(dirMode, Files.getPosixFilePermissions(run));
        // Replacing an output written owner-only (as before this fix) gives it the umask's permissions too.
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        AtomicOutput.write(file(f), p -> Files.writeString(p, "ours 2"));
        assertEquals(fileMode, Files.getPosixFilePermissions(f));
        Files.setPosixFilePermissions(run, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        AtomicOutput.write(folder(run), d -> Files.writeString(d.resolve("a"), "b"));
        assertEquals(dirMode, Files.getPosixFilePermissions(run));
    }

    @Test
    void aFileIsMovedIntoPlaceWholeOrNotAtAll() throws IOException {
        Path f = dir.resolve("out.txt");
        AtomicOutput.write(file(f), p -> Files.writeString(p, "ours v1"));
        assertThrows(OutputException.class, () -> AtomicOutput.write(file(f), p -> {
            Files.writeString(p, "ours v2, half");
            throw new IOException("no space left on device");
        }));
        assertEquals("ours v1", Files.readString(f));
        assertEquals(List.of("out.txt"), names());
    }
}
