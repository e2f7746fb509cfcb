package org.cosmicweb.experiments;

import org.cosmicweb.simulations.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A run folder written atomically: everything goes into a temporary sibling folder, which
 * replaces the target only once complete. A failure leaves the previous run (if any) untouched
 * and no partial files behind.
 */
public final class RunFolder {
    /** Writes the files of a run into the folder it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(Path dir) throws IOException;
    }

    private RunFolder() {
    }

    public static void write(Path target, Writer writer) {
        Path abs = target.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
            try {
                writer.write(tmp);
                Path old = null;
                if (Files.exists(abs)) {
                    old = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".old-");
                    Files.delete(old);
                    Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
                if (old != null) {
                    FileTrees.delete(old);
                }
            } finally {
                FileTrees.delete(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the run folder " + target + ": " + e.getMessage(), e);
        }
    }
}
