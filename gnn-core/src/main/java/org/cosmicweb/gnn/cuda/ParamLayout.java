package org.cosmicweb.gnn.cuda;

import org.cosmicweb.gnn.Param;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each parameter block of a model sits in the flat GPU parameter vector (the model's
 * {@code params()} order, so uploads and downloads are one copy each), and the stride between the
 * unshared edge heads, whose blocks must repeat at a constant distance for batched products.
 */
final class ParamLayout {
    private final Map<String, Long> offsets = new HashMap<>();
    final long total;
    final long headStride;

    ParamLayout(List<Param> params, int heads) {
        long off = 0;
        for (Param p : params) {
            offsets.put(p.name, off);
            off += p.value.length;
        }
        total = off;
        headStride = heads > 1 ? of("edge1.lin1.w_receiver") - of("edge0.lin1.w_receiver") : 0;
        for (int u = 1; u < heads; u++) {
            for (Param p : params) {
                if (p.name.startsWith("edge0.")) {
                    String twin = "edge" + u + p.name.substring("edge0".length());
                    if (of(twin) != of(p.name) + u * headStride) {
                        throw new IllegalStateException("edge head " + u + " is not laid out like head 0 at " + twin);
                    }
                }
            }
        }
    }

    long of(String name) {
        Long o = offsets.get(name);
        if (o == null) {
            throw new IllegalStateException("the model has no parameter block " + name);
        }
        return o;
    }
}
