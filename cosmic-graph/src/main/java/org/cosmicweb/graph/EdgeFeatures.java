package org.cosmicweb.graph;

import org.cosmicweb.common.Threads;

import java.util.stream.IntStream;

/**
 * Computes {@link EdgeFeature}s for every edge of a graph over primitive arrays, two passes over each
 * receiver's edges (its local centroid, then the features), parallel over ranges of receivers (each
 * receiver's edges are contiguous). Positions in Mpc (row-major [N, 3]), velocities in km/s.
 */
public final class EdgeFeatures {
    private static final int NODE_CHUNK = 1 << 12;

    private EdgeFeatures() {
    }

    public static float[] compute(CosmicGraph g, double[] positions, double[] velocities, PeriodicBox box) {
        int n = g.numNodes();
        if (positions.length != 3 * n || velocities.length != 3 * n) {
            throw new IllegalArgumentException("positions and velocities must have 3 x " + n + " values, got "
                    + positions.length + " and " + velocities.length);
        }
        double[] w = unitFromCentroid(velocities);
        float[] out = new float[Math.multiplyExact(g.numEdges(), EdgeFeature.COUNT)];
        int chunks = (n + NODE_CHUNK - 1) / NODE_CHUNK;
        Threads.run(() -> IntStream.range(0, chunks).parallel().forEach(c -> {
            double[] d = new double[3];
            double[] a = new double[3];
            for (int i = c * NODE_CHUNK; i < Math.min(n, (c + 1) * NODE_CHUNK); i++) {
                fillNode(g, out, i, positions, velocities, w, box, d, a);
            }
        }));
        return out;
    }

    /**
     * The features of receiver i's edges. First a_i = x_i − c_i, with c_i the mean minimum-image position of
     * i's senders (self-loop excluded): the mean of their separations d.
     */
    private static void fillNode(CosmicGraph g, float[] out, int i, double[] pos, double[] vel, double[] w,
                                 PeriodicBox box, double[] d, double[] a) {
        int e0 = g.receiverOffsets()[i];
        int e1 = g.receiverOffsets()[i + 1];
        a[0] = 0;
        a[1] = 0;
        a[2] = 0;
        int count = 0;
        for (int x = e0; x < e1; x++) {
            int j = g.senders()[x];
            if (j != i) {
                separation(pos, i, j, box, d);
                a[0] += d[0];
                a[1] += d[1];
                a[2] += d[2];
                count++;
            }
        }
        if (count > 0) {
            a[0] /= count;
            a[1] /= count;
            a[2] /= count;
        }
        double ar = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        for (int x = e0; x < e1; x++) {
            int j = g.senders()[x];
            int o = x * EdgeFeature.COUNT;
            if (j == i) {
                System.arraycopy(EdgeFeature.SELF_LOOP, 0, out, o, EdgeFeature.COUNT);
                continue;
            }
            separation(pos, i, j, box, d);
            double dist = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            // j as seen from the local centroid: (x_i − d) − c_i = a_i − d.
            double bx = a[0] - d[0];
            double by = a[1] - d[1];
            double bz = a[2] - d[2];
            double br = Math.sqrt(bx * bx + by * by + bz * bz);
            double vx = vel[3 * i] - vel[3 * j];
            double vy = vel[3 * i + 1] - vel[3 * j + 1];
            double vz = vel[3 * i + 2] - vel[3 * j + 2];
            double speed = Math.sqrt(vx * vx + vy * vy + vz * vz);
            out[o] = (float) dist;
            out[o + 1] = ar > 0 && br > 0 ? (float) ((a[0] * bx + a[1] * by + a[2] * bz) / (ar * br)) : 0f;
            out[o + 2] = ar > 0 && dist > 0 ? (float) ((a[0] * d[0] + a[1] * d[1] + a[2] * d[2]) / (ar * dist)) : 0f;
            out[o + 3] = (float) speed;
            out[o + 4] = (float) dot(w, i, w, j);
            out[o + 5] = speed > 0 ? (float) ((w[3 * i] * vx + w[3 * i + 1] * vy + w[3 * i + 2] * vz) / speed) : 0f;
        }
    }

    /** d = x_i − x_j, minimum image. */
    private static void separation(double[] pos, int i, int j, PeriodicBox box, double[] d) {
        d[0] = box.delta(pos[3 * i], pos[3 * j]);
        d[1] = box.delta(pos[3 * i + 1], pos[3 * j + 1]);
        d[2] = box.delta(pos[3 * i + 2], pos[3 * j + 2]);
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
