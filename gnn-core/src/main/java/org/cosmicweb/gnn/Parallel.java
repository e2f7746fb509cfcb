package org.cosmicweb.gnn;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Range-parallel loops with chunk boundaries fixed by the problem size alone, never by the number
 * of threads, so every reduction happens in the same order and results are bit-identical for a
 * seed whatever the machine.
 */
public final class Parallel {
    /** Something run on the half-open row range [lo, hi) of chunk {@code chunk}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int chunk, int lo, int hi);
    }

    private static volatile ForkJoinPool pool = new ForkJoinPool(
            Integer.getInteger("cosmicweb.threads", Runtime.getRuntime().availableProcessors()));

    private Parallel() {
    }

    public static int threads() {
        return pool.getParallelism();
    }

    /**
     * Runs the engine's loops on {@code n} threads from now on (benchmarks compare thread counts);
     * results do not change, only speed. Not for use while a loop is running.
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        if (n != pool.getParallelism()) {
            ForkJoinPool old = pool;
            pool = new ForkJoinPool(n);
            old.shutdown();
        }
    }

    /** Number of chunks of at most {@code grain} rows covering n rows. */
    public static int chunks(int n, int grain) {
        return Math.max(1, (n + grain - 1) / grain);
    }

    public static void forChunks(int n, int grain, RangeTask task) {
        int chunks = chunks(n, grain);
        ForkJoinPool p = pool;
        if (chunks == 1 || p.getParallelism() == 1) {
            for (int c = 0; c < chunks; c++) {
                task.run(c, c * grain, Math.min(n, (c + 1) * grain));
            }
            return;
        }
        p.submit(() -> IntStream.range(0, chunks).parallel()
                .forEach(c -> task.run(c, c * grain, Math.min(n, (c + 1) * grain)))).join();
    }
}
