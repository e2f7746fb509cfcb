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

    /**
     * RMSE against scale with block-bootstrap standard errors: GNN against D, overdensity boosting
     * against R, scale-free baselines as flat lines (error bars at both ends).
     */
    public static void rmseVsScale(ExperimentResult r, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(600).title("Out-of-fold RMSE of log M* (± bootstrap SE)")
                .xAxisTitle("linking length D / overdensity radius R [Mpc]").yAxisTitle("RMSE [dex]").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        Map<String, List<double[]>> byModel = new LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (ExperimentResult.Run run : r.runs()) {
            if (!Double.isNaN(run.scaleMpc()) && !run.model().equals("gnn_knn")) {
                ExperimentResult.MetricRow m = r.row(run, "all");
                byModel.computeIfAbsent(run.model(), k -> new ArrayList<>())
                        .add(new double[] {run.scaleMpc(), m.metrics().rmse(), m.rmseSe()});
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
                    pts.stream().mapToDouble(p -> p[1]).toArray(), pts.stream().mapToDouble(p -> p[2]).toArray());
        }
        for (ExperimentResult.Run run : r.runs()) {
            if (Double.isNaN(run.scaleMpc())) {
                ExperimentResult.MetricRow m = r.row(run, "all");
                double v = m.metrics().rmse();
                XYSeries s = chart.addSeries(run.model(), new double[] {lo, hi}, new double[] {v, v},
                        new double[] {m.rmseSe(), m.rmseSe()});
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

    /**
     * Per-box RMSE of the best baseline and the best GNN against the box parameter their accuracy
     * depends on most ({@link PerBox#mostImportant()}), one point per held-out box.
     */
    public static void perBoxRmse(ExperimentResult r, PerBox p, Path png) throws IOException {
        int param = p.mostImportant();
        String name = param < 0 ? "box number" : r.data().parameterNames().get(param);
        double[] x = param < 0 ? r.data().boxes().stream().mapToDouble(ExperimentData.Box::number).toArray()
                : r.data().boxParameter(name);
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title("Per-box RMSE of log M* on held-out boxes against " + name)
                .xAxisTitle(name).yAxisTitle("RMSE over the box's galaxies [dex]").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(5);
        // CAMELS samples its feedback amplitudes A_* log-uniformly: a positive range over 8x gets a log axis.
        double lo = java.util.Arrays.stream(x).min().orElse(0);
        double hi = java.util.Arrays.stream(x).max().orElse(0);
        chart.getStyler().setXAxisLogarithmic(lo > 0 && hi / lo >= 8);
        for (ExperimentResult.Run run : ReportWriter.best(r)) {
            double[] y = p.rmse()[p.runs().indexOf(run)];
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int b = 0; b < y.length; b++) {
                if (!Double.isNaN(y[b])) {
                    xs.add(x[b]);
                    ys.add(y[b]);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(run.column(), xs, ys);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no boxes", new double[] {0}, new double[] {0});
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Count levels of the density panels (galaxies per bin, at least), and their colours (light to dark). */
    private static final int[] LEVELS = {1, 3, 10, 30, 100, 300};
    private static final Color[] LEVEL_COLORS = {new Color(253, 231, 37), new Color(122, 209, 81),
        new Color(34, 168, 132), new Color(42, 120, 142), new Color(65, 68, 135), new Color(68, 1, 84)};
    private static final int DENSITY_BINS = 70;

    /**
     * Predicted against true log M* as a 2D histogram per run (one panel each): galaxies binned on a
     * {@value #DENSITY_BINS}² grid, each bin coloured by its count on a logarithmic scale.
     */
    public static void predictedVsTrue(ExperimentResult r, List<ExperimentResult.Run> runs, Path png) throws IOException {
        double[] t = r.data().target;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : t) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        lo -= 0.1;
        hi += 0.1;
        List<XYChart> panels = new ArrayList<>();
        for (ExperimentResult.Run run : runs) {
            panels.add(densityPanel(t, run.mean(), lo, hi,
                    String.format(java.util.Locale.ROOT, "%s (RMSE %.3f)", run.column(), r.rmse(run))));
        }
        if (panels.isEmpty()) {
            panels.add(densityPanel(t, t, lo, hi, "truth"));
        }
        BitmapEncoder.saveBitmap(panels, 1, panels.size(), png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart densityPanel(double[] truth, double[] predicted, double lo, double hi, String title) {
        int nb = DENSITY_BINS;
        double w = (hi - lo) / nb;
        int[] count = new int[nb * nb];
        for (int i = 0; i < truth.length; i++) {
            int a = (int) Math.floor((truth[i] - lo) / w);
            int b = (int) Math.floor((predicted[i] - lo) / w);
            if (a >= 0 && a < nb && b >= 0 && b < nb) {
                count[a * nb + b]++;
            }
        }
        XYChart chart = new XYChartBuilder().width(700).height(700).title(title)
                .xAxisTitle("true log M* [Msun]").yAxisTitle("predicted log M* [Msun]").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisMin(lo).setXAxisMax(hi).setYAxisMin(lo).setYAxisMax(hi);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        // About 560 px of plot area over nb bins: square markers that tile the plane.
        chart.getStyler().setMarkerSize((int) Math.ceil(560.0 / nb) + 1);
        for (int l = 0; l < LEVELS.length; l++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            int min = LEVELS[l];
            int max = l + 1 < LEVELS.length ? LEVELS[l + 1] : Integer.MAX_VALUE;
            for (int a = 0; a < nb; a++) {
                for (int b = 0; b < nb; b++) {
                    int c = count[a * nb + b];
                    if (c >= min && c < max) {
                        xs.add(lo + (a + 0.5) * w);
                        ys.add(lo + (b + 0.5) * w);
                    }
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = chart.addSeries(l + 1 < LEVELS.length ? min + "-" + (max - 1) + " galaxies" : "≥ " + min
                        + " galaxies", xs, ys);
                s.setMarker(SeriesMarkers.SQUARE);
                s.setMarkerColor(LEVEL_COLORS[l]);
            }
        }
        XYSeries diag = chart.addSeries("1:1", new double[] {lo, hi}, new double[] {lo, hi});
        diag.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diag.setMarker(SeriesMarkers.NONE);
        diag.setLineColor(Color.BLACK);
        return chart;
    }

    /**
     * PIT histogram of the best run with uncertainties: Φ((y − μ)/σ) in 20 bins, before and after the
     * temperature; a calibrated model is flat at 1 (density), an overconfident one U-shaped.
     */
    public static void pit(ExperimentResult r, List<ExperimentResult.Run> runs, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Probability integral transform")
                .xAxisTitle("PIT = Φ((true − predicted) / σ)").yAxisTitle("density").build();
        chart.getStyler().setYAxisMin(0.0);
        int bins = 20;
        double[] x = new double[bins];
        for (int b = 0; b < bins; b++) {
            x[b] = (b + 0.5) / bins;
        }
        for (ExperimentResult.Run run : runs) {
            if (run.sigma() == null) {
                continue;
            }
            for (boolean raw : new boolean[] {true, false}) {
                double[] u = Calibration.pit(r.data(), run.mean(), raw ? run.sigmaRaw() : run.sigma());
                double[] h = new double[bins];
                for (double v : u) {
                    h[Math.min(bins - 1, (int) (v * bins))] += (double) bins / u.length;
                }
                chart.addSeries(run.column() + (raw ? " raw σ" : " calibrated σ"), x, h);
            }
        }
        XYSeries ideal = chart.addSeries("uniform", new double[] {0, 1}, new double[] {1, 1});
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineColor(Color.GRAY);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Graph nodes and edges in a slab of thickness {@code slabMpc} through the box middle along z. */
    public static void graphSlice(ExperimentData d, CosmicGraph g, double slabMpc, Path png) throws IOException {
        double[] pos = d.nodes.positionsMpc();
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
