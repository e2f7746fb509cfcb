package org.cosmicweb.experiments;

import java.util.Locale;

/**
 * Which cosmic graph a GNN reads: a radius graph at linking length D (3D), the k nearest
 * neighbours (3D, symmetrised), or a projected graph at projected linking length D on the plane
 * perpendicular to a line-of-sight axis, with an optional line-of-sight velocity window.
 *
 * @param scale    D in Mpc, or k
 * @param los      line-of-sight axis of a projected graph (0, 1, 2), else -1
 * @param dvMaxKms velocity window of a projected graph in km/s (infinite for none), else NaN
 * @param selfLoops whether every node also has the edge i → i (fixed features: distance 0, see
 *                  {@link org.cosmicweb.graph.EdgeFeature#SELF_LOOP}), so that a GNN's messages include
 *                  each galaxy's message to itself
 */
public record GraphSpec(Kind kind, double scale, int los, double dvMaxKms, boolean selfLoops) {
    public enum Kind { RADIUS, KNN, PROJECTED }

    public GraphSpec {
        if (kind == null) {
            throw new IllegalArgumentException("a graph kind must be given");
        }
        if (kind == Kind.KNN && (scale < 1 || scale != Math.rint(scale) || scale > 1000)) {
            throw new IllegalArgumentException("k must be a whole number in 1..1000, got " + scale);
        }
        if (kind != Kind.KNN && !(scale >= 0.1 && scale <= 50)) {
            throw new IllegalArgumentException("linking lengths must be in [0.1, 50] Mpc, got " + scale);
        }
        if (kind == Kind.PROJECTED && (los < 0 || los > 2 || !(dvMaxKms > 0))) {
            throw new IllegalArgumentException("a projected graph needs a line of sight 0-2 and a positive velocity"
                    + " window, got " + los + " and " + dvMaxKms);
        }
    }

    public static GraphSpec radius(double linkingLengthMpc) {
        return new GraphSpec(Kind.RADIUS, linkingLengthMpc, -1, Double.NaN, false);
    }

    public static GraphSpec knn(int k) {
        return new GraphSpec(Kind.KNN, k, -1, Double.NaN, false);
    }

    public static GraphSpec projected(double linkingLengthMpc, int los, double dvMaxKms) {
        return new GraphSpec(Kind.PROJECTED, linkingLengthMpc, los, dvMaxKms, false);
    }

    /** The same graph with or without self-loops. */
    public GraphSpec withSelfLoops(boolean loops) {
        return new GraphSpec(kind, scale, los, dvMaxKms, loops);
    }

    /** Provenance entries that {@link #fromProvenance} reads back. */
    public void putProvenance(java.util.Map<String, String> prov) {
        prov.put("graph", describe());
        prov.put("graph_kind", kind.name().toLowerCase(Locale.ROOT));
        prov.put("linking_length_mpc", Double.toString(scale));
        prov.put("self_loops", Boolean.toString(selfLoops));
        if (kind == Kind.PROJECTED) {
            prov.put("line_of_sight", Integer.toString(los));
            prov.put("dv_max_kms", Double.toString(dvMaxKms));
        }
    }

    /**
     * The graph a saved model was trained on (models without graph_kind are radius graphs, models
     * without self_loops were trained without them).
     */
    public static GraphSpec fromProvenance(java.util.Map<String, String> prov, String where) {
        String d = prov.get("linking_length_mpc");
        if (d == null) {
            throw new IllegalArgumentException(where + " records no linking_length_mpc");
        }
        double scale = Double.parseDouble(d);
        String kind = prov.getOrDefault("graph_kind", "radius");
        boolean loops = selfLoopsIn(prov, where);
        GraphSpec spec = switch (kind) {
            case "radius" -> radius(scale);
            case "knn" -> knn((int) scale);
            case "projected" -> projected(scale, Integer.parseInt(prov.getOrDefault("line_of_sight", "2")),
                    Double.parseDouble(prov.getOrDefault("dv_max_kms", "Infinity")));
            default -> throw new IllegalArgumentException(where + " records an unknown graph_kind '" + kind + "'");
        };
        return spec.withSelfLoops(loops);
    }

    /** Whether a saved model's graph had self-loops (false for models written before the key existed). */
    public static boolean selfLoopsIn(java.util.Map<String, String> prov, String where) {
        String loops = prov.getOrDefault("self_loops", "false");
        if (!loops.equals("true") && !loops.equals("false")) {
            throw new IllegalArgumentException(where + " records self_loops '" + loops + "'; expected true or false");
        }
        return loops.equals("true");
    }

    /** Names of the edge features of this graph, in the order the network reads them. */
    public java.util.List<String> edgeFeatureNames() {
        if (kind == Kind.PROJECTED) {
            return java.util.Arrays.stream(org.cosmicweb.graph.ProjectedEdgeFeature.values())
                    .map(org.cosmicweb.graph.ProjectedEdgeFeature::key).toList();
        }
        return org.cosmicweb.graph.EdgeFeature.keys();
    }

    /** Model name in tables: gnn, gnn_knn or gnn_2d. */
    public String modelName() {
        return switch (kind) {
            case RADIUS -> "gnn";
            case KNN -> "gnn_knn";
            case PROJECTED -> "gnn_2d";
        };
    }

    /** One line for logs and provenance. */
    public String describe() {
        return describeGraph() + (selfLoops ? ", with self-loops" : "");
    }

    private String describeGraph() {
        return switch (kind) {
            case RADIUS -> String.format(Locale.ROOT, "radius graph, D = %s Mpc", scale);
            case KNN -> String.format(Locale.ROOT, "%d nearest neighbours (symmetrised)", (int) scale);
            case PROJECTED -> String.format(Locale.ROOT, "projected graph on the plane perpendicular to %s, D = %s Mpc%s",
                    "xyz".charAt(los), scale, Double.isInfinite(dvMaxKms) ? ""
                            : String.format(Locale.ROOT, ", |dv_los| < %s km/s", dvMaxKms));
        };
    }
}
