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
        assertTrue(e.getMessage().startsWith("cannot create the folder of --out"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
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
