package org.cosmicweb.simulations;

import java.util.Locale;

/** One-line JSON summary of a loaded catalog, as printed by {@code cosmicweb catalog}. */
public final class CatalogSummary {
    private CatalogSummary() {
    }

    public static String json(SubhaloCatalog c) {
        double meanLogMstar = 0;
        for (double v : c.logMstarMsun()) {
            meanLogMstar += v;
        }
        meanLogMstar /= Math.max(1, c.size());
        double floor = c.noiseFloorDex();
        SubhaloCatalog.CatalogStats s = c.stats();
        return String.format(Locale.ROOT,
                "{\"source\":%s,\"dark_subhalos\":%d,\"hydro_subhalos\":%d,\"matched\":%d,\"selected\":%d,"
                        + "\"box_size_mpc\":%.4f,\"central_fraction\":%.4f,\"mean_log_mstar\":%.4f,"
                        + "\"noise_floor_dex\":%s,\"disperse\":%b}",
                JsonText.quote(c.source()), s.darkSubhalos(), s.hydroSubhalos(), s.matched(), s.selected(), c.boxSizeMpc(),
                c.centralFraction(), meanLogMstar, Double.isNaN(floor) ? "null" : String.format(Locale.ROOT, "%.4f", floor),
                c.disperse() != null);
    }

}
