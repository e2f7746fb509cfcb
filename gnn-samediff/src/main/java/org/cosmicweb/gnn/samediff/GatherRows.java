package org.cosmicweb.gnn.samediff;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.ops.impl.shape.Gather;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

/**
 * Rows of x at the given indices, y = x[idx] (axis 0), with the backward pass written as what it
 * is: ∂L/∂x = Σ over the occurrences of each row = unsortedSegmentSum(∂L/∂y, idx, rows(x)).
 *
 * <p>Why this class exists: SameDiff 1.0.0-M2.1's own {@code Gather.doDiff} builds a while-loop of
 * {@code put}s (one iteration per index), which fails as soon as a graph holds two gathers
 * ("Unable to replace samediff namespace") and would be slow if it did not. SameDiff builds its
 * gradient graph on a copy of the forward graph made by serialising every op and recreating it from
 * the class its op-name registry gives for the op's name, so a subclass alone would be replaced by
 * a plain {@code Gather} in that copy. {@link #install()} therefore points the registry's entry for
 * the native op "gather" at this class, once per JVM: every gather SameDiff recreates is then this
 * class, whose forward pass is the same native op. Gathers along another axis, or with indices
 * given as integer arguments, keep the original gradient. Checked by the tests of this module
 * (gradients against the fast engine's and against finite differences). Public only because SameDiff
 * instantiates it reflectively.
 */
public final class GatherRows extends Gather {
    private static boolean installed;

    GatherRows(SameDiff sd, SDVariable x, SDVariable indices) {
        super(sd, x, indices, 0);
    }

    /** SameDiff recreates ops through a public no-argument constructor. */
    public GatherRows() {
        super();
    }

    static SDVariable of(SameDiff sd, SDVariable x, SDVariable indices) {
        install();
        return new GatherRows(sd, x, indices).outputVariable();
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        SDVariable[] in = args();
        if (jaxis != 0 || in.length != 2) {
            return super.doDiff(gradients);
        }
        SDVariable dx = sameDiff.unsortedSegmentSum(gradients.get(0), in[1], sameDiff.sizeAt(in[0], 0));
        return List.of(dx, sameDiff.zerosLike(in[1]));
    }

    /** Makes SameDiff recreate every "gather" op as this class (see the class comment); idempotent. */
    @SuppressWarnings("unchecked")
    static synchronized void install() {
        if (installed) {
            return;
        }
        DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
        long hash = new Gather().opHash();
        try {
            Field single = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClass");
            single.setAccessible(true);
            Map<Long, Class<?>> byHash = (Map<Long, Class<?>>) single.get(holder);
            if (byHash.get(hash) == Gather.class) {
                byHash.put(hash, GatherRows.class);
            }
            Field multi = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClasses");
            multi.setAccessible(true);
            Map<Long, Map<String, Class<?>>> byHashAndName = (Map<Long, Map<String, Class<?>>>) multi.get(holder);
            Map<String, Class<?>> named = byHashAndName.get(hash);
            if (named != null) {
                named.replaceAll((name, c) -> c == Gather.class ? GatherRows.class : c);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("could not register the gather gradient with SameDiff (expected ND4J"
                    + " 1.0.0-M2.1's DifferentialFunctionClassHolder): " + e, e);
        }
        Class<?> now = holder.customOpClassForHashAndName(hash, "gather");
        if (now != GatherRows.class) {
            throw new IllegalStateException("SameDiff still maps the op 'gather' to " + now + " after registering "
                    + GatherRows.class.getName() + "; its gradients would be wrong");
        }
        installed = true;
    }
}
