package org.cosmicweb.gnn;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM's own counters for benchmarks: bytes allocated by all live threads (HotSpot's per-thread
 * allocation counters) and milliseconds spent in garbage collection by all collectors.
 */
public final class JvmCounters {
    private JvmCounters() {
    }

    /** Bytes allocated so far by every live thread, or -1 when the JVM does not count them. */
    public static long allocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t)
                || !t.isThreadAllocatedMemorySupported()) {
            return -1;
        }
        long sum = 0;
        for (long b : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    /** Milliseconds of garbage collection so far, over all collectors. */
    public static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }
}
