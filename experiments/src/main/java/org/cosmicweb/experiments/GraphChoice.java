package org.cosmicweb.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Which graphs the experiment's GNN runs on: radius graphs at each linking length (3D, projected
 * 2D, or both), or k-nearest-neighbour graphs at each k.
 *
 * @param kind       radius or knn
 * @param ks         the k of each kNN run (knn only)
 * @param projection 3d, 2d or both (radius only)
 * @param los        line-of-sight axis of the projected graphs: 0 (x), 1 (y), 2 (z)
 * @param dvMaxKms   line-of-sight velocity window of the projected graphs, km/s (infinite: none)
 */
public record GraphChoice(String kind, int[] ks, String projection, int los, double dvMaxKms)
        implements java.io.Serializable {
    public GraphChoice {
        if (!kind.equals("radius") && !kind.equals("knn")) {
            throw new IllegalArgumentException("--graph must be radius or knn, got '" + kind + "'");
        }
        if (!projection.equals("3d") && !projection.equals("2d") && !projection.equals("both")) {
            throw new IllegalArgumentException("--projection must be 3d, 2d or both, got '" + projection + "'");
        }
        if (kind.equals("knn") && !projection.equals("3d")) {
            throw new IllegalArgumentException("kNN graphs are 3D only; use --graph radius with --projection " + projection);
        }
        if (kind.equals("knn") && ks.length == 0) {
            throw new IllegalArgumentException("--graph knn needs at least one --k");
        }
        if (los < 0 || los > 2) {
            throw new IllegalArgumentException("--los must be x, y or z");
        }
        if (!(dvMaxKms > 0)) {
            throw new IllegalArgumentException("--dv-max must be a positive velocity in km/s, got " + dvMaxKms);
        }
        ks = ks.clone();
    }

    public static GraphChoice defaults() {
        return new GraphChoice("radius", new int[0], "3d", 2, Double.POSITIVE_INFINITY);
    }

    /** The graphs of the GNN runs, in the order they run. */
    public List<GraphSpec> specs(double[] linkingLengthsMpc) {
        List<GraphSpec> out = new ArrayList<>();
        if (kind.equals("knn")) {
            for (int k : ks) {
                out.add(GraphSpec.knn(k));
            }
            return out;
        }
        for (double d : linkingLengthsMpc) {
            if (!projection.equals("2d")) {
                out.add(GraphSpec.radius(d));
            }
            if (!projection.equals("3d")) {
                out.add(GraphSpec.projected(d, los, dvMaxKms));
            }
        }
        return out;
    }

    /**
     * Axis of the spatial folds: z for 3D graphs, else an axis in the sky plane, so that the padding
     * between folds separates them in projection too (a projected edge spans the whole line of sight).
     */
    public int foldAxis() {
        return projection.equals("3d") ? 2 : (los + 1) % 3;
    }

    /** The choice as recorded in manifests (dv_max_kms null for no window). */
    public ObjectNode json() {
        ObjectNode n = Json.object();
        n.put("kind", kind);
        n.set("k", Json.array(ks));
        n.put("projection", projection);
        n.put("line_of_sight", String.valueOf("xyz".charAt(los)));
        Json.put(n, "dv_max_kms", dvMaxKms);
        n.put("fold_axis", String.valueOf("xyz".charAt(foldAxis())));
        return n;
    }

    public String toJson() {
        return Json.line(json());
    }
}
