package org.cosmicweb.graph;

/**
 * Points of a periodic box binned into m^3 cubic cells of side L/m ≥ {@code minCellSize}, by a
 * counting sort: the points of cell c are {@code order[start[c] .. start[c+1])}. Building is O(N + m^3).
 * The number of cells is capped near 2N so that tiny search radii do not create huge empty grids.
 */
final class CellList {
    final PeriodicBox box;
    final int m;
    final double cellSize;
    final int[] start;
    final int[] order;
    final int[] cellOf;

    CellList(double[] pos, PeriodicBox box, double minCellSize) {
        this.box = box;
        int n = pos.length / 3;
        double l = box.size();
        long cap = Math.max(1, (long) Math.cbrt(2.0 * n));
        int byRadius = (int) Math.max(1, Math.floor(l / minCellSize));
        this.m = (int) Math.max(1, Math.min(byRadius, Math.min(cap, 1024)));
        this.cellSize = l / m;
        int cells = m * m * m;
        start = new int[cells + 1];
        cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            int c = cell(coord(pos[3 * i]), coord(pos[3 * i + 1]), coord(pos[3 * i + 2]));
            cellOf[i] = c;
            start[c + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = start.clone();
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[fill[cellOf[i]]++] = i;
        }
    }

    int coord(double x) {
        int c = (int) (x / cellSize);
        return c >= m ? m - 1 : c;
    }

    int cell(int i, int j, int k) {
        return (Math.floorMod(i, m) * m + Math.floorMod(j, m)) * m + Math.floorMod(k, m);
    }

    /** The distinct cells within one cell of cell c (27 when m ≥ 3, fewer on tiny grids). */
    int[] neighbourCells(int c) {
        int ci = c / (m * m);
        int cj = (c / m) % m;
        int ck = c % m;
        int[] axis = m >= 3 ? new int[] {-1, 0, 1} : (m == 2 ? new int[] {0, 1} : new int[] {0});
        int[] out = new int[axis.length * axis.length * axis.length];
        int k = 0;
        for (int a : axis) {
            for (int b : axis) {
                for (int d : axis) {
                    out[k++] = cell(ci + a, cj + b, ck + d);
                }
            }
        }
        return out;
    }
}
