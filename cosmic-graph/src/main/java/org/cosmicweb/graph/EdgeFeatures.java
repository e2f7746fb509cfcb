package org.cosmicweb.graph;

import org.cosmicweb.common.Threads;

import java.util.stream.IntStream;

/**
 * Computes {@link EdgeFeature}s for every edge of a graph in one fused pass over primitive
 * arrays, parallel over edge ranges. Positions in Mpc (row-major [N, 3]), velocities in km/s.
 */
public final class EdgeFeatures {
    private static final int CHUNK = 1 << 16;

    private EdgeFeatures() {
    }

    public static float[] compute(CosmicGraph g, double[] positions, double[] velocities, PeriodicBox box) {
        int n = g.numNodes();
        if (positions.length != 3 * n || velocities.length != 3 * n) {
            throw new IllegalArgumentException("positions and velocities must have 3 x " + n + " values, got "
                    + positions.length + " and " + velocities.length);
        }
        double[] centroid = centroid(positions);
        double[] u = unitFromCentroid(positions);
        double[] w = unitFromCentroid(velocities);
        int e = g.numEdges();
        float[] out = new float[Math.multiplyExact(e, EdgeFeature.COUNT)];
        int chunks = (e + CHUNK - 1) / CHUNK;
        Threads.run(() -> IntStream.range(0, chunks).parallel().forEach(c -> {
            int lo = c * CHUNK;
            int hi = Math.min(e, lo + CHUNK);
            for (int x = lo; x < hi; x++) {
                fill(out, x, g.receivers()[x], g.senders()[x], positions, velocities, centroid, u, w, box);
            }
        }));
        return out;
    }

    private static void fill(float[] out, int x, int i, int j, double[] pos, double[] vel, double[] centroid,
                             double[] u, double[] w, PeriodicBox box) {
        int o = x * EdgeFeature.COUNT;
        if (i == j) {
            System.arraycopy(EdgeFeature.SELF_LOOP, 0, out, o, EdgeFeature.COUNT);
            return;
        }
        double dx = box.delta(pos[3 * i], pos[3 * j]);
        double dy = box.delta(pos[3 * i + 1], pos[3 * j + 1]);
        double dz = box.delta(pos[3 * i + 2], pos[3 * j + 2]);
        double dist = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double vx = vel[3 * i] - vel[3 * j];
        double vy = vel[3 * i + 1] - vel[3 * j + 1];
        double vz = vel[3 * i + 2] - vel[3 * j + 2];
        double speed = Math.sqrt(vx * vx + vy * vy + vz * vz);
        out[o] = (float) dist;
        // j as seen from i: its minimum image x_i − d, so an edge across a box face keeps its geometry.
        double jx = pos[3 * i] - dx - centroid[0];
        double jy = pos[3 * i + 1] - dy - centroid[1];
        double jz = pos[3 * i + 2] - dz - centroid[2];
        double jr = Math.sqrt(jx * jx + jy * jy + jz * jz);
        out[o + 1] = jr > 0 ? (float) ((u[3 * i] * jx + u[3 * i + 1] * jy + u[3 * i + 2] * jz) / jr) : 0f;
        out[o + 2] = dist > 0 ? (float) ((u[3 * i] * dx + u[3 * i + 1] * dy + u[3 * i + 2] * dz) / dist) : 0f;
        out[o + 3] = (float) speed;
        out[o + 4] = (float) dot(w, i, w, j);
        out[o + 5] = speed > 0 ? (float) ((w[3 * i] * vx + w[3 * i + 1] * vy + w[3 * i + 2] * vz) / speed) : 0f;
    }

    private static double dot(double[] a, int i, double[] b, int j) {
        return a[3 * i] * b[3 * j] + a[3 * i + 1] * b[3 * j + 1] + a[3 * i + 2] * b[3 * j + 2];
    }

    /** Plain mean of the rows of a row-major [N, 3] array. */
    static double[] centroid(double[] rows) {
        int n = rows.length / 3;
        double[] c = new double[3];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                c[a] += rows[3 * i + a];
            }
        }
        for (int a = 0; a < 3; a++) {
            c[a] /= Math.max(1, n);
        }
        return c;
    }

    /** Unit vectors from the mean of the rows to each row; a row at the mean gets the zero vector. */
    static double[] unitFromCentroid(double[] rows) {
        int n = rows.length / 3;
        double[] c = centroid(rows);
        double[] out = new double[rows.length];
        for (int i = 0; i < n; i++) {
            double x = rows[3 * i] - c[0];
            double y = rows[3 * i + 1] - c[1];
            double z = rows[3 * i + 2] - c[2];
            double r = Math.sqrt(x * x + y * y + z * z);
            if (r > 0) {
                out[3 * i] = x / r;
                out[3 * i + 1] = y / r;
                out[3 * i + 2] = z / r;
            }
        }
        return out;
    }
}
