package org.cosmicweb.gnn;

import org.cosmicweb.common.Threads;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Range-parallel loops with chunk boundaries fixed by the problem size alone, never by the number
 * of threads, so every reduction happens in the same order and results are bit-identical for a
 * seed whatever the machine. The threads are the program's one pool ({@link Threads}), shared with the
 * graph builders, so {@code -Dcosmicweb.threads=N} bounds them all.
 */
public final class Parallel {
    /** Something run on the half-open row range [lo, hi) of chunk {@code chunk}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int chunk, int lo, int hi);
    }

    /**
     * Chunk size of loops over nodes whose results are each node's own (nothing summed across nodes), so the
     * grain changes no number: 32 nodes spread a minibatch's 128 receivers over the threads, where chunks of
     * 1024 ran them on one.
     */
    public static final int NODE_GRAIN = 32;

    private Parallel() {
    }

    /** Threads of the program's one pool ({@link Threads}, {@code -Dcosmicweb.threads}). */
    public static int threads() {
        return Threads.count();
    }

    /**
     * Runs the engine's loops (and the program's other parallel work) on {@code n} threads from now
     * on (benchmarks compare thread counts); results do not change, only speed. Not for use while a
     * loop is running.
     */
    public static void setThreads(int n) {
        Threads.set(n);
    }

    /** Number of chunks of at most {@code grain} rows covering n rows. */
    public static int chunks(int n, int grain) {
        return Math.max(1, (n + grain - 1) / grain);
    }

    public static void forChunks(int n, int grain, RangeTask task) {
        int chunks = chunks(n, grain);
        ForkJoinPool p = Threads.pool();
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
