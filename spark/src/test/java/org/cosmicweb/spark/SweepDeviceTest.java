package org.cosmicweb.spark;

import org.apache.spark.resource.ResourceInformation;
import org.cosmicweb.gnn.cuda.Backend;
import org.cosmicweb.gnn.cuda.Cuda;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** --device on the sweep: which GPU a task trains on, what the cells carry, and the refusal without a GPU. */
class SweepDeviceTest {
    @TempDir
    Path dir;

    @Test
    void taskTrainsOnTheGpuSparkGaveIt() {
        assertEquals(0, SweepJob.gpuOrdinal(Map.of()), "no GPU resource (local mode): GPU 0");
        assertEquals(3, SweepJob.gpuOrdinal(Map.of("gpu", new ResourceInformation("gpu", new String[] {"3", "1"}))));
        assertEquals(0, SweepJob.gpuOrdinal(Map.of("fpga", new ResourceInformation("fpga", new String[] {"2"}))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepJob.gpuOrdinal(Map.of("gpu", new ResourceInformation("gpu", new String[] {"GPU-5f3a"}))));
        assertTrue(e.getMessage().contains("'GPU-5f3a'"), e.getMessage());
    }

    @Test
    void cellsCarryTheDevice() {
        List<SweepJob.Cell> cpu = parse("--tng", dir.resolve("a").toString(), "--seeds", "1,2", "--out", "x").grid();
        assertEquals(2, cpu.size());
        assertTrue(cpu.stream().allMatch(c -> c.device() == Backend.CPU));
        List<SweepJob.Cell> gpu = parse("--tng", dir.resolve("a").toString(), "--device", "cuda", "--out", "x").grid();
        assertEquals(Backend.CUDA, gpu.get(0).device());
        assertThrows(IllegalArgumentException.class,
                () -> parse("--tng", dir.toString(), "--device", "tpu", "--out", "x").grid());
    }

    @Test
    void withoutAGpuTheLocalSweepRefusesBeforeAnyWork() {
        String reason = Cuda.unavailableReason();
        assumeTrue(reason != null, "this machine has a usable GPU; the refusal cannot be shown here");
        String err = refusedBeforeAnyWork();
        assertTrue(err.contains(reason), err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
    }

    /** The GPU engine's missing kernels are named before any work, on any machine (no GPU needed to know). */
    @Test
    void anAggregationTheGpuLacksIsRefusedBeforeAnyWork() {
        String err = refusedBeforeAnyWork("--aggregation", "multi-attention");
        assertTrue(err.contains("no multi-attention aggregation"), err);
    }

    /**
     * Runs a local sweep of one mock with --device cuda and the extra options; asserts it exits with 1 and
     * wrote neither the mock nor the run folder; returns what it printed on stderr.
     */
    private String refusedBeforeAnyWork(String... extra) {
        Path mocks = dir.resolve("mocks");
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        CommandLine cl = SweepCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("sweep", "--mocks", "none:1", "--mock-dir",
                mocks.toString(), "--device", "cuda", "--master", "local[1]", "--out", out.toString()));
        args.addAll(List.of(extra));
        int code = cl.execute(args.toArray(new String[0]));
        assertEquals(1, code, err.toString());
        assertFalse(Files.exists(mocks), "no mock generated");
        assertFalse(Files.exists(out), "no run folder written");
        return err.toString();
    }

    private static SweepCommand parse(String... args) {
        SweepCommand c = new SweepCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }
}
