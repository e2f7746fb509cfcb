package org.cosmicweb.gnn.cuda;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.bytedeco.cuda.global.cudart.cudaDeviceSynchronize;

/**
 * Optional per-operation GPU timing: with {@code -Dcosmicweb.cuda.profile=true} every kernel and
 * product is synchronised and timed (which slows the step a little), and {@link #report()} lists the
 * totals. Off by default.
 */
public final class Profile {
    static final boolean ON = Boolean.getBoolean("cosmicweb.cuda.profile");
    private static final Map<String, long[]> TOTALS = new TreeMap<>();

    private Profile() {
    }

    static long start() {
        if (!ON) {
            return 0;
        }
        cudaDeviceSynchronize();
        return System.nanoTime();
    }

    static void stop(String name, long t0) {
        if (ON) {
            cudaDeviceSynchronize();
            long[] t = TOTALS.computeIfAbsent(name, k -> new long[2]);
            t[0] += System.nanoTime() - t0;
            t[1]++;
        }
    }

    /** The totals since the last report, longest first, and clears them; empty when profiling is off. */
    public static String report() {
        StringBuilder sb = new StringBuilder();
        TOTALS.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).forEach(e ->
                sb.append(String.format(Locale.ROOT, "  %-34s %9.2f ms in %6d calls%n", e.getKey(), e.getValue()[0] / 1e6,
                        e.getValue()[1])));
        TOTALS.clear();
        return sb.toString();
    }
}
