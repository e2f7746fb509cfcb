package org.cosmicweb.common;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;

/**
 * The one thread-pool setting of the program: {@code -Dcosmicweb.threads=N} (default: every core),
 * used by the GNN engine's loops, the graph builders, suite loading and XGBoost alike, so that one
 * setting bounds what the program takes from a shared machine.
 *
 * <p>Parallel streams started inside {@link #run} or {@link #call} execute in this pool rather than
 * in the JVM's common pool. A failure inside is rethrown as the very exception that was thrown (not
 * a copy wrapped by the fork-join machinery), so its message reaches the user unchanged.
 */
public final class Threads {
    /** System property holding the thread count. */
    public static final String PROPERTY = "cosmicweb.threads";

    private static volatile ForkJoinPool pool = new ForkJoinPool(initial());

    private Threads() {
    }

    private static int initial() {
        int cores = Runtime.getRuntime().availableProcessors();
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return cores;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= 4096) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + " must be a whole number of threads from 1 to"
                + " 4096");
    }

    /** Threads of the pool. */
    public static int count() {
        return pool.getParallelism();
    }

    /** The pool itself, for loops that manage their own tasks. */
    public static ForkJoinPool pool() {
        return pool;
    }

    /**
     * Uses {@code n} threads from now on (benchmarks compare thread counts); results do not change,
     * only speed. Not for use while a parallel loop is running.
     */
    public static synchronized void set(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        if (n != pool.getParallelism()) {
            ForkJoinPool old = pool;
            pool = new ForkJoinPool(n);
            old.shutdown();
        }
    }

    /** Runs {@code work} (typically a parallel stream) in the pool. */
    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Computes {@code work} (typically a parallel stream) in the pool. */
    public static <T> T call(Supplier<T> work) {
        ForkJoinPool p = pool;
        if (ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == p) {
            return work.get();
        }
        try {
            return p.submit(work::get).get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c == null ? "a parallel task failed" : c.getMessage(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a parallel task", e);
        }
    }
}
