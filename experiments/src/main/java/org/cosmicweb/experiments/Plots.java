package org.cosmicweb.experiments;

import org.cosmicweb.graph.CosmicGraph;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PNG figures of an experiment, drawn with XChart. */
public final class Plots {
    private Plots() {
    }

    /** RMSE against scale: GNN against D, overdensity boosting against R, scale-free baselines as flat lines. */
    public static void rmseVsScale(ExperimentResult r, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(600).title("Out-of-fold RMSE of log M*")
                .xAxisTitle("linking length D / overdensity radius R [Mpc]").yAxisTitle("RMSE [dex]").build();
        chart.getStyler().setXAxisLogarithmic(true);
        Map<String, List<double[]>> byModel = new LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (ExperimentResult.Run run : r.runs()) {
            if (!Double.isNaN(run.scaleMpc())) {
                byModel.computeIfAbsent(run.model(), k -> new ArrayList<>()).add(new double[] {run.scaleMpc(), r.rmse(run)});
                lo = Math.min(lo, run.scaleMpc());
                hi = Math.max(hi, run.scaleMpc());
            }
        }
        if (hi == 0) {
            lo = 1;
            hi = 10;
        }
        for (Map.Entry<String, List<double[]>> e : byModel.entrySet()) {
            List<double[]> pts = e.getValue();
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            chart.addSeries(e.getKey(), pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray());
        }
        for (ExperimentResult.Run run : r.runs()) {
            if (Double.isNaN(run.scaleMpc())) {
                double v = r.rmse(run);
                XYSeries s = chart.addSeries(run.model(), new double[] {lo, hi}, new double[] {v, v});
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        double floor = r.data().catalog.noiseFloorDex();
        if (!Double.isNaN(floor)) {
            XYSeries s = chart.addSeries("noise floor", new double[] {lo, hi}, new double[] {floor, floor});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.GRAY);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Predicted against true log M* for each given run. */
    public static void predictedVsTrue(ExperimentResult r, List<ExperimentResult.Run> runs, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(800).title("Predicted vs true log M*")
                .xAxisTitle("true log M* [Msun]").yAxisTitle("predicted log M* [Msun]").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(2);
        double[] t = r.data().target;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : t) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        for (ExperimentResult.Run run : runs) {
            chart.addSeries(String.format(java.util.Locale.ROOT, "%s (RMSE %.3f)", run.column(), r.rmse(run)), t, run.mean());
        }
        XYSeries diag = chart.addSeries("1:1", new double[] {lo, hi}, new double[] {lo, hi});
        diag.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diag.setMarker(SeriesMarkers.NONE);
        diag.setLineColor(Color.BLACK);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Galaxies and edges in a slab of thickness {@code slabMpc} through the box middle along z. */
    public static void graphSlice(ExperimentData d, CosmicGraph g, double slabMpc, Path png) throws IOException {
        double[] pos = d.catalog.positionsMpc();
        double mid = d.catalog.boxSizeMpc() / 2;
        XYChart chart = new XYChartBuilder().width(900).height(900)
                .title(String.format(java.util.Locale.ROOT, "Cosmic graph, D = %.1f Mpc, slab |z - %.0f| < %.1f Mpc",
                        g.linkingLengthMpc(), mid, slabMpc / 2))
                .xAxisTitle("x [Mpc]").yAxisTitle("y [Mpc]").build();
        chart.getStyler().setLegendVisible(false);
        List<Double> ex = new ArrayList<>();
        List<Double> ey = new ArrayList<>();
        List<Double> nx = new ArrayList<>();
        List<Double> ny = new ArrayList<>();
        double half = d.catalog.boxSizeMpc() / 2;
        List<int[]> inSlab = new ArrayList<>();
        for (int i = 0; i < g.numNodes(); i++) {
            if (Math.abs(pos[3 * i + 2] - mid) >= slabMpc / 2) {
                continue;
            }
            nx.add(pos[3 * i]);
            ny.add(pos[3 * i + 1]);
            for (int e = g.receiverOffsets()[i]; e < g.receiverOffsets()[i + 1]; e++) {
                int j = g.senders()[e];
                // Each pair once, both ends in the slab, and not drawn across the periodic boundary.
                if (j < i && Math.abs(pos[3 * j + 2] - mid) < slabMpc / 2 && Math.abs(pos[3 * j] - pos[3 * i]) < half
                        && Math.abs(pos[3 * j + 1] - pos[3 * i + 1]) < half) {
                    inSlab.add(new int[] {i, j});
                }
            }
        }
        // At most 3000 edges, spread evenly over the slab's edge list (one XChart series each).
        int stride = Math.max(1, (inSlab.size() + 2999) / 3000);
        for (int k = 0; k < inSlab.size(); k += stride) {
            int i = inSlab.get(k)[0];
            int j = inSlab.get(k)[1];
            ex.add(pos[3 * i]);
            ey.add(pos[3 * i + 1]);
            ex.add(pos[3 * j]);
            ey.add(pos[3 * j + 1]);
        }
        for (int k = 0; k + 1 < ex.size(); k += 2) {
            XYSeries s = chart.addSeries("e" + k, new double[] {ex.get(k), ex.get(k + 1)},
                    new double[] {ey.get(k), ey.get(k + 1)});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(70, 110, 200, 120));
        }
        if (!nx.isEmpty()) {
            XYSeries nodes = chart.addSeries("galaxies", nx, ny);
            nodes.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            nodes.setMarker(SeriesMarkers.CIRCLE);
            nodes.setMarkerColor(new Color(200, 60, 40));
        }
        chart.getStyler().setMarkerSize(3);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
