package org.cosmicweb.gnn.cuda;

import java.util.HashMap;
import java.util.Map;

/**
 * Named GPU buffers reused from step to step: a buffer is reallocated only when a batch needs more
 * than it holds, so a training run allocates once per batch shape instead of once per step.
 */
final class Workspace implements AutoCloseable {
    private final Map<String, DeviceArray> buffers = new HashMap<>();

    DeviceArray floats(String name, long length) {
        return get(name, length, 4, false);
    }

    DeviceArray doubles(String name, long length) {
        return get(name, length, 8, true);
    }

    private DeviceArray get(String name, long length, int bytes, boolean isDouble) {
        DeviceArray a = buffers.get(name);
        if (a != null && a.length >= length && a.elementBytes == bytes) {
            return a;
        }
        if (a != null) {
            a.close();
        }
        DeviceArray b = isDouble ? DeviceArray.doubles(length) : DeviceArray.floats(length);
        buffers.put(name, b);
        return b;
    }

    /** GPU bytes held. */
    long bytes() {
        long s = 0;
        for (DeviceArray a : buffers.values()) {
            s += a.length * a.elementBytes;
        }
        return s;
    }

    @Override
    public void close() {
        buffers.values().forEach(DeviceArray::close);
        buffers.clear();
    }
}
