package org.cosmicweb.gnn.samediff;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * Loads ND4J's CPU backend once, failing with a message that says why when it cannot run here:
 * the module ships the linux-x86_64 natives only. The first load in a fresh account unpacks those
 * natives (about 330 MB) into JavaCPP's cache, {@code ~/.javacpp/cache}; later loads take ~2 s.
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
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("ND4J's CPU backend (nd4j-native " + "linux-x86_64) could not load: " + e
                    + " (is the nd4j-native linux-x86_64 jar on the class path, and ~/.javacpp/cache writable?)", e);
        }
        loaded = true;
    }
}
