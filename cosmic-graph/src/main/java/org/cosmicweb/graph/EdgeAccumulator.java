package org.cosmicweb.graph;

import org.cosmicweb.common.Threads;

import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Builds a receiver-sorted edge list in parallel: receivers are split into contiguous ranges,
 * each range fills its own growable sender buffer, and the ranges are concatenated in order, so
 * the result does not depend on thread scheduling. Senders of each receiver are sorted ascending.
 */
final class EdgeAccumulator {
    private static final int RANGE = 2048;

    /** Sender buffer of one receiver range. */
    static final class Range {
        final int lo;
        final int[] counts;
        int[] senders = new int[1024];
        int size;

        Range(int lo, int hi) {
            this.lo = lo;
            this.counts = new int[hi - lo];
        }

        void add(int receiver, int sender) {
            if (size == senders.length) {
                senders = Arrays.copyOf(senders, Math.max(16, senders.length * 2));
            }
            senders[size++] = sender;
            counts[receiver - lo]++;
        }
    }

    /** Something that appends, for each receiver of [lo, hi), its senders to the range (in receiver order). */
    interface Filler {
        void fill(Range r, int lo, int hi);
    }

    private EdgeAccumulator() {
    }

    static CosmicGraph build(int n, Filler filler, double linkingLength, int k, boolean selfLoops) {
        int ranges = (n + RANGE - 1) / RANGE;
        IntFunction<Range> task = c -> {
            int lo = c * RANGE;
            int hi = Math.min(n, lo + RANGE);
            Range r = new Range(lo, hi);
            filler.fill(r, lo, hi);
            int off = 0;
            for (int cnt : r.counts) {
                Arrays.sort(r.senders, off, off + cnt);
                off += cnt;
            }
            return r;
        };
        Range[] parts = Threads.call(() -> IntStream.range(0, ranges).parallel().mapToObj(task).toArray(Range[]::new));
        long total = 0;
        for (Range r : parts) {
            total += r.size;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("graph would have " + total + " edges, more than one array can hold;"
                    + " use a smaller linking length or spatial partitions");
        }
        int e = (int) total;
        int[] senders = new int[e];
        int[] receivers = new int[e];
        int[] offsets = new int[n + 1];
        int pos = 0;
        for (Range r : parts) {
            System.arraycopy(r.senders, 0, senders, pos, r.size);
            for (int t = 0; t < r.counts.length; t++) {
                int node = r.lo + t;
                offsets[node + 1] = offsets[node] + r.counts[t];
                Arrays.fill(receivers, offsets[node], offsets[node + 1], node);
            }
            pos += r.size;
        }
        return new CosmicGraph(n, senders, receivers, offsets, null, linkingLength, k, selfLoops);
    }
}
