package org.cosmicweb.gnn.cuda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GPU engine's aggregation kernels checked without a GPU: aggregation_emulation.cpp compiles
 * gnn_kernels.cu as plain C++ (one thread walks every grid-stride loop) and compares agg_fwd, aniso_fwd
 * and agg_bwd with a float64 brute force of its own and that brute force's central differences, for
 * sum, mean, max, multi, multi-anisotropy and multi-shear. Needs g++ (skipped, saying so, without it);
 * CudaGnnTest compares the whole GPU step with the CPU engine where a GPU is present.
 */
class KernelEmulationTest {
    @TempDir
    Path dir;

    @Test
    void theAggregationKernelsAgreeWithABruteForceAndItsFiniteDifferences() throws Exception {
        assumeTrue(gppWorks(), "no g++ on this machine: the kernels' CPU emulation is skipped");
        copy("gnn_kernels.cu");
        copy("aggregation_emulation.cpp");
        Result build = run(List.of("g++", "-O1", "-std=c++17", "-w", "-DHID=32", "-o", "emulation",
                "aggregation_emulation.cpp"));
        assertEquals(0, build.code(), "g++ failed:\n" + build.output());
        Result r = run(List.of(dir.resolve("emulation").toString()));
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().strip().endsWith("ok") && r.output().lines().filter(s -> s.endsWith("agree")).count() == 6,
                r.output());
    }

    private void copy(String resource) throws IOException {
        try (InputStream in = KernelEmulationTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "resource " + resource + " missing");
            Files.copy(in, dir.resolve(resource));
        }
    }

    private static boolean gppWorks() {
        try {
            Process p = new ProcessBuilder("g++", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Result(int code, String output) {
    }

    private Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        return new Result(p.exitValue(), out);
    }
}
