package org.cosmicweb.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A projected graph turns line-of-sight distances into redshifts with the catalog's own h (cz = 100 h x + v),
 * not TNG's. Ten galaxies on one line of sight, 10 Mpc apart round a 100 Mpc box (tables in Mpc and Msun,
 * so h changes nothing else): with a window of 1250 km/s, h = 1 links each to its two nearest (Δcz = 1000 km/s;
 * 2000 is out), 20 directed edges; h = 0.5 to its four nearest (500 and 1000 km/s in, 1500 out), 40. One galaxy
 * moves at 1 km/s along the line of sight, so that the catalog has velocities.
 */
class ProjectedHubbleTest {
    @TempDir
    Path dir;

    private CliTest.Run graph(String hubble) throws Exception {
        StringBuilder t = new StringBuilder("id,x,y,z,vx,vy,vz,Mh,Ms,Vmax,cen\n");
        for (int i = 0; i < 10; i++) {
            t.append(i).append(",50,").append(50 + 0.01 * i).append(',').append(10 * i + 1).append(",0,0,")
                    .append(i == 3 ? 1 : 0).append(",1e12,1e10,200,1\n");
        }
        Path table = Files.writeString(dir.resolve("line.csv"), t.toString());
        String mapping = "{\"position\": [\"x\", \"y\", \"z\"], \"position_unit\": \"Mpc\", \"velocity\": [\"vx\", \"vy\","
                + " \"vz\"], \"halo_mass\": \"Mh\", \"stellar_mass\": \"Ms\", \"mass_unit\": \"Msun\", \"vmax\": \"Vmax\","
                + " \"central\": \"cen\", \"id\": \"id\", \"box_size\": 100, \"box_unit\": \"Mpc\""
                + (hubble == null ? "" : ", \"hubble\": " + hubble) + "}";
        CliTest.Run r = CliTest.run("graph", "--table", table.toString(), "--columns", mapping, "--projection", "2d",
                "--linking-length", "1", "--dv-max", "1250");
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @Test
    void theRedshiftWindowUsesTheCatalogsH() throws Exception {
        String one = graph("1").out();
        assertTrue(one.contains("\"edges\":20,"), "h = 1: " + one);
        String half = graph("0.5").out();
        assertTrue(half.contains("\"edges\":40,"), "h = 0.5: " + half);
        // A catalog that does not say its h gets TNG's, 0.6774: Δcz = 677 in, 1355 out: 20 edges.
        String none = graph(null).out();
        assertTrue(none.contains("\"edges\":20,"), "no h: " + none);
    }
}
