package org.cosmicweb.simulations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.Json;


/** One-line JSON summary of a loaded catalog, as printed by {@code cosmicweb catalog}. */
public final class CatalogSummary {
    private CatalogSummary() {
    }

    public static String json(SubhaloCatalog c) {
        return Json.line(node(c));
    }

    private static ObjectNode node(SubhaloCatalog c) {
        SubhaloCatalog.CatalogStats s = c.stats();
        ObjectNode n = Json.object();
        n.put("source", c.source());
        n.put("dark_subhalos", s.darkSubhalos());
        n.put("hydro_subhalos", s.hydroSubhalos());
        n.put("matched", s.matched());
        n.put("match_disagreeing", s.disagreeing());
        n.put("match_many_to_one", s.manyToOne());
        n.put("selected", s.selected());
        Json.put(n, "box_size_mpc", c.boxSizeMpc(), 4);
        if (!Double.isNaN(c.hubble())) {
            Json.put(n, "hubble", c.hubble(), 4);
        }
        Json.put(n, "central_fraction", c.centralFraction(), 4);
        Json.put(n, "mean_log_mstar", meanLogMstar(c), 4);
        Json.put(n, "noise_floor_dex", c.noiseFloorDex(), 4);
        n.put("disperse", c.disperse() != null);
        return n;
    }

    /**
     * What a person should know about how a catalog was matched: hydro subhalos that claimed a dark
     * twin another already had (many-to-one: left out, the first keeps it). Twins on which LHaloTree
     * and SubLink disagree are left out too, as in the literature; they are normal in TNG and only
     * counted in the summary ({@code match_disagreeing}). Empty when there is nothing to say.
     */
    public static java.util.List<String> warnings(SubhaloCatalog c) {
        SubhaloCatalog.CatalogStats s = c.stats();
        java.util.List<String> out = new java.util.ArrayList<>();
        if (s.manyToOne() > 0) {
            out.add(s.manyToOne() + " hydro subhalos of " + c.source() + " name a dark twin that an earlier hydro subhalo"
                    + " already has (many-to-one matching); each dark subhalo keeps its first twin and the others are left"
                    + " out");
        }
        return out;
    }

    private static double meanLogMstar(SubhaloCatalog c) {
        double m = 0;
        for (double v : c.logMstarMsun()) {
            m += v;
        }
        return m / Math.max(1, c.size());
    }

    /** The galaxies' summary, with the graph nodes: how they were chosen and how many. */
    public static String json(LoadedCatalog c) {
        ObjectNode n = node(c.galaxies());
        n.put("graph_nodes", c.graphNodes().key());
        n.put("nodes", c.nodeCount());
        n.put("dark_only", c.darkOnly());
        return Json.line(n);
    }

    /** A suite's summary: boxes, galaxies, parameters and how long loading took. */
    public static String json(CatalogSuite s) {
        ObjectNode n = Json.object();
        n.put("source", s.source());
        n.put("boxes", s.boxes().size());
        n.put("skipped_boxes", s.skipped().size());
        n.put("galaxies", s.galaxies());
        n.put("nodes", s.boxes().stream().mapToInt(b -> b.catalog().nodeCount()).sum());
        n.put("box_size_mpc", s.boxes().get(0).catalog().galaxies().boxSizeMpc());
        long centrals = 0;
        double sum = 0;
        int[] perBox = new int[s.boxes().size()];
        for (int k = 0; k < perBox.length; k++) {
            SubhaloCatalog g = s.boxes().get(k).catalog().galaxies();
            perBox[k] = g.size();
            for (int i = 0; i < g.size(); i++) {
                centrals += g.isCentral()[i] ? 1 : 0;
                sum += g.logMstarMsun()[i];
            }
        }
        java.util.Arrays.sort(perBox);
        n.put("galaxies_per_box_min", perBox[0]);
        int mid = perBox.length / 2;
        n.put("galaxies_per_box_median", perBox.length % 2 == 1 ? perBox[mid] : (perBox[mid - 1] + perBox[mid]) / 2.0);
        n.put("galaxies_per_box_max", perBox[perBox.length - 1]);
        n.put("central_fraction", (double) centrals / Math.max(1, s.galaxies()));
        if (!s.darkOnly()) {
            n.put("mean_log_mstar", sum / Math.max(1, s.galaxies()));
        }
        if (s.parameters() != null) {
            n.put("parameter_table", s.parameters().file().toString());
            s.parameters().names().forEach(n.putArray("parameters")::add);
        }
        n.put("graph_nodes", s.boxes().get(0).catalog().graphNodes().key());
        n.put("dark_only", s.darkOnly());
        n.put("load_seconds", Math.round(s.seconds() * 1000) / 1000.0);
        return Json.line(n);
    }
}
