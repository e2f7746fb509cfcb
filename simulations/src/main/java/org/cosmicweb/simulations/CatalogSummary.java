package org.cosmicweb.simulations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/** One-line JSON summary of a loaded catalog, as printed by {@code cosmicweb catalog}. */
public final class CatalogSummary {
    private CatalogSummary() {
    }

    public static String json(SubhaloCatalog c) {
        double meanLogMstar = meanLogMstar(c);
        double floor = c.noiseFloorDex();
        SubhaloCatalog.CatalogStats s = c.stats();
        return String.format(Locale.ROOT,
                "{\"source\":%s,\"dark_subhalos\":%d,\"hydro_subhalos\":%d,\"matched\":%d,\"selected\":%d,"
                        + "\"box_size_mpc\":%.4f,\"central_fraction\":%.4f,\"mean_log_mstar\":%s,"
                        + "\"noise_floor_dex\":%s,\"disperse\":%b}",
                JsonText.quote(c.source()), s.darkSubhalos(), s.hydroSubhalos(), s.matched(), s.selected(), c.boxSizeMpc(),
                c.centralFraction(), Double.isNaN(meanLogMstar) ? "null" : String.format(Locale.ROOT, "%.4f", meanLogMstar),
                Double.isNaN(floor) ? "null" : String.format(Locale.ROOT, "%.4f", floor),
                c.disperse() != null);
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
        String base = json(c.galaxies());
        ObjectNode extra = new ObjectMapper().createObjectNode();
        extra.put("graph_nodes", c.graphNodes().key());
        extra.put("nodes", c.nodeCount());
        extra.put("dark_only", c.darkOnly());
        String e = extra.toString();
        return base.substring(0, base.length() - 1) + "," + e.substring(1);
    }

    /** A suite's summary: boxes, galaxies, parameters and how long loading took. */
    public static String json(CatalogSuite s) {
        ObjectNode n = new ObjectMapper().createObjectNode();
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
        n.put("galaxies_per_box_median", perBox[perBox.length / 2]);
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
        return n.toString();
    }
}
