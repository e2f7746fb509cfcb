package org.cosmicweb.gnn.samediff;

import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Loads ND4J's CPU backend once, failing with a message that says why when it cannot run here:
 * the module ships the linux-x86_64 natives only. The first load in a fresh account unpacks those
 * natives (about 410 MB with OpenBLAS's) into JavaCPP's cache, {@code ~/.javacpp/cache}; later loads take ~2 s.
 * Periodic garbage collection by ND4J is switched off (see {@link #require()}).
 */
final class Nd4jRuntime {
    private static volatile boolean loaded;

    private Nd4jRuntime() {
    }

    static synchronized void require() {
        if (loaded) {
            return;
        }
        String os = System.getProperty("os.name", "?").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "?").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("the SameDiff engine ships ND4J's natives for linux-x86_64 only; this JVM"
                    + " runs on " + os + "/" + arch + " (use the fast engine)");
        }
        try {
            Nd4j.getBackend();
            Nd4j.scalar(1.0).addi(1.0);
            // ND4J calls System.gc() every few seconds by default to free off-heap arrays; with the fast
            // engine's large heap that costs more than it saves. JavaCPP still collects when off-heap
            // memory reaches its limit (the -Xmx by default).
            Nd4j.getMemoryManager().togglePeriodicGc(false);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("ND4J's CPU backend (nd4j-native " + "linux-x86_64) could not load: " + e
                    + " (is the nd4j-native linux-x86_64 jar on the class path, and ~/.javacpp/cache writable?)", e);
        }
        loaded = true;
    }

    /**
     * Runs {@code work} while dropping what ND4J 1.0.0-M2.1 prints to System.out when it first maps its
     * op classes (empty lines) and builds a gradient graph (one "Added differentiated op ..." line per
     * op, and empty lines); every other line passes through. System.out is shared, so this holds a lock.
     */
    static <T> T quietly(Supplier<T> work) {
        synchronized (System.class) {
            PrintStream original = System.out;
            DropLines filter = new DropLines(original);
            System.setOut(new PrintStream(filter, true, StandardCharsets.UTF_8));
            try {
                return work.get();
            } finally {
                System.out.flush();
                System.setOut(original);
                filter.close();
            }
        }
    }

    /** Passes whole lines to the target, except empty ones and those of SameDiff's gradient build. */
    private static final class DropLines extends OutputStream {
        private static final String DROPPED = "Added differentiated op ";
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        DropLines(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                if (!s.isBlank() && !s.startsWith(DROPPED)) {
                    target.print(s);
                }
                line.reset();
            }
        }

        @Override
        public void flush() {
            target.flush();
        }

        @Override
        public void close() {
            if (line.size() > 0) {
                target.print(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
            target.flush();
        }
    }
}
