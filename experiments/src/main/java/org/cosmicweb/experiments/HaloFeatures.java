package org.cosmicweb.experiments;

import org.cosmicweb.simulations.SubhaloCatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The tabular features of the non-graph baselines, row-major [rows, columns]: the node features
 * the GNN sees (log M_halo, log Vmax, is_central, then any box parameters of a suite), then log
 * overdensity at each radius, then (optionally) the five DisPerSE distances.
 */
public record HaloFeatures(double[] radiiMpc, boolean disperse) {
    public HaloFeatures {
        radiiMpc = radiiMpc.clone();
    }

    public int columns(ExperimentData d) {
        return d.nodeDim() + radiiMpc.length + (disperse ? SubhaloCatalog.DISPERSE_FIELDS.length : 0);
    }

    public float[] matrix(ExperimentData d, int[] rows) {
        if (disperse && d.catalog.disperse() == null) {
            throw new IllegalArgumentException("DisPerSE distances are needed but " + d.catalog.source() + " lacks them");
        }
        int c = columns(d);
        int nd = d.nodeDim();
        List<double[]> od = new ArrayList<>();
        for (double r : radiiMpc) {
            od.add(d.overdensity(r));
        }
        float[] x = new float[rows.length * c];
        for (int k = 0; k < rows.length; k++) {
            int i = rows[k];
            for (int a = 0; a < nd; a++) {
                x[k * c + a] = (float) d.nodeFeatures[nd * i + a];
            }
            for (int a = 0; a < radiiMpc.length; a++) {
                x[k * c + nd + a] = (float) od.get(a)[i];
            }
            if (disperse) {
                int nds = SubhaloCatalog.DISPERSE_FIELDS.length;
                for (int a = 0; a < nds; a++) {
                    x[k * c + nd + radiiMpc.length + a] = (float) d.catalog.disperse()[nds * i + a];
                }
            }
        }
        return x;
    }
}
