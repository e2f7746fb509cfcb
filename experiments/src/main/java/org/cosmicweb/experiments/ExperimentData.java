package org.cosmicweb.experiments;

import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.EdgeFeatures;
import org.cosmicweb.graph.GraphUnion;
import org.cosmicweb.graph.Overdensity;
import org.cosmicweb.graph.KnnGraph;
import org.cosmicweb.graph.PeriodicBox;
import org.cosmicweb.graph.ProjectedGraphs;
import org.cosmicweb.graph.RadiusGraph;
import org.cosmicweb.simulations.CatalogSuite;
import org.cosmicweb.simulations.GraphNodes;
import org.cosmicweb.simulations.LoadedCatalog;
import org.cosmicweb.simulations.ParameterTable;
import org.cosmicweb.simulations.SubhaloCatalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every model reads: the galaxies (rows 0..size-1, the only rows that are scored, folded and
 * reported), the graph nodes (the galaxies first, then, with {@link GraphNodes#DMO}, the other
 * subhalos passing the dark-matter cuts, which only send messages), node features [log M_halo,
 * log Vmax, is_central, box parameters...] (row-major [nodeCount, nodeDim]), the target log M*
 * (a copy, [size]) and cached cosmic graphs and overdensities keyed by their length scale.
 *
 * <p>A suite is several boxes, each its own periodic universe: its galaxies are concatenated box
 * after box, its graph is the disjoint union of one radius graph per box (no edge between boxes,
 * each with its own edge-feature centroid), and overdensities are summed within a box. A single
 * catalog is a suite of one box.
 */
public final class ExperimentData {
    public static final String[] NODE_FEATURES = {"log_mhalo", "log_vmax", "is_central"};
    /** The galaxies, every box concatenated. */
    public final SubhaloCatalog catalog;
    /** The graph nodes: {@link #catalog}'s galaxies, then the other nodes; the same object when there are none. */
    public final SubhaloCatalog nodes;
    public final double[] nodeFeatures;
    public final double[] target;
    /** h of the TNG and mock cosmology, for a catalog that does not say its own. */
    public static final double HUBBLE = 0.6774;
    private final int nodeDim;
    private final List<String> featureNames;
    private final GraphNodes graphNodes;
    private final boolean darkOnly;
    private final List<Box> boxes;
    private final List<String> parameterNames;
    private final int[] boxOfNode;
    private final int[][] nodesOfBox;
    private final List<LoadedCatalog> parts;
    private final Map<GraphSpec, CosmicGraph> graphs = new HashMap<>();
    private final Map<Double, double[]> overdensity = new HashMap<>();

    /**
     * One box of the data.
     *
     * @param name       its name (the parameter table's row, e.g. SB7_12, or the catalog)
     * @param number     its number in the suite
     * @param source     the file it was read from
     * @param parameters its row of the parameter table (every column), or empty
     */
    public record Box(String name, int number, String source, double[] parameters) {
    }

    public ExperimentData(SubhaloCatalog catalog) {
        this(LoadedCatalog.selected(catalog));
    }

    public ExperimentData(LoadedCatalog c) {
        this(List.of(c), List.of(new Box(c.galaxies().source(), 0, c.galaxies().source(), new double[0])), List.of(),
                List.of(), c.galaxies().source());
    }

    /**
     * A suite's boxes as one data set; {@code boxFeatures} names the parameters appended to every
     * node's features (each node gets its own box's values).
     */
    public static ExperimentData suite(CatalogSuite s, List<String> boxFeatures) {
        List<LoadedCatalog> parts = new ArrayList<>();
        List<Box> boxes = new ArrayList<>();
        for (CatalogSuite.Box b : s.boxes()) {
            parts.add(b.catalog());
            boxes.add(new Box(b.name(), b.number(), b.file().toString(), b.parameters()));
        }
        List<String> names = s.parameters() == null ? List.of() : s.parameters().names();
        return new ExperimentData(parts, boxes, names, boxFeatures, s.source(), s.skipped());
    }

    private ExperimentData(List<LoadedCatalog> parts, List<Box> boxes, List<String> parameterNames,
                           List<String> boxFeatures, String source) {
        this(parts, boxes, parameterNames, boxFeatures, source, List.of());
    }

    private ExperimentData(List<LoadedCatalog> parts, List<Box> boxes, List<String> parameterNames,
                           List<String> boxFeatures, String source, List<String> skippedBoxes) {
        this.skippedBoxes = List.copyOf(skippedBoxes);
        if (parts.isEmpty() || parts.size() != boxes.size()) {
            throw new IllegalArgumentException("need one catalog per box, got " + parts.size() + " for " + boxes.size());
        }
        this.parts = List.copyOf(parts);
        this.boxes = List.copyOf(boxes);
        this.parameterNames = List.copyOf(parameterNames);
        this.graphNodes = parts.get(0).graphNodes();
        this.darkOnly = parts.get(0).darkOnly();
        for (LoadedCatalog p : parts) {
            if (p.graphNodes() != graphNodes || p.darkOnly() != darkOnly) {
                throw new IllegalArgumentException("every box of a data set must choose its graph nodes the same way");
            }
        }
        int[] featureColumns = new int[boxFeatures.size()];
        for (int k = 0; k < featureColumns.length; k++) {
            featureColumns[k] = this.parameterNames.indexOf(boxFeatures.get(k));
            if (featureColumns[k] < 0) {
                throw new IllegalArgumentException("box feature '" + boxFeatures.get(k) + "' is not a parameter of the"
                        + " suite (it has: " + (parameterNames.isEmpty() ? "no parameter table" : String.join(", ",
                        parameterNames)) + ")");
            }
        }
        List<String> names = new ArrayList<>(List.of(NODE_FEATURES));
        names.addAll(boxFeatures);
        this.featureNames = List.copyOf(names);
        this.nodeDim = names.size();

        List<SubhaloCatalog> galaxies = parts.stream().map(LoadedCatalog::galaxies).toList();
        this.catalog = galaxies.size() == 1 ? galaxies.get(0) : SubhaloCatalog.concat(source, galaxies);
        int others = parts.stream().mapToInt(p -> p.others().size()).sum();
        if (others == 0) {
            this.nodes = catalog;
        } else {
            List<SubhaloCatalog> all = new ArrayList<>(galaxies);
            parts.forEach(p -> all.add(p.others()));
            this.nodes = SubhaloCatalog.concat(source, all);
        }
        int n = nodes.size();
        int size = catalog.size();
        boxOfNode = new int[n];
        nodesOfBox = new int[parts.size()][];
        int g = 0;
        int o = size;
        for (int b = 0; b < parts.size(); b++) {
            int ng = parts.get(b).galaxies().size();
            int no = parts.get(b).others().size();
            int[] idx = new int[ng + no];
            for (int t = 0; t < ng; t++) {
                idx[t] = g + t;
            }
            for (int t = 0; t < no; t++) {
                idx[ng + t] = o + t;
            }
            for (int i : idx) {
                boxOfNode[i] = b;
            }
            nodesOfBox[b] = idx;
            g += ng;
            o += no;
        }
        nodeFeatures = new double[n * nodeDim];
        for (int i = 0; i < n; i++) {
            nodeFeatures[nodeDim * i] = nodes.logMhaloMsun()[i];
            nodeFeatures[nodeDim * i + 1] = nodes.logVmaxKms()[i];
            nodeFeatures[nodeDim * i + 2] = nodes.isCentral()[i] ? 1 : 0;
            double[] p = boxes.get(boxOfNode[i]).parameters();
            for (int k = 0; k < featureColumns.length; k++) {
                nodeFeatures[nodeDim * i + 3 + k] = p[featureColumns[k]];
            }
        }
        target = catalog.logMstarMsun().clone();
    }

    /** Whether any graph node has a velocity that is not 0 (tables without velocity columns have none). */
    public boolean hasVelocities() {
        return nodes.hasVelocities();
    }

    /** The same data with every velocity 0, as a model trained without velocities saw its catalog. */
    public ExperimentData withoutVelocities() {
        return new ExperimentData(parts.stream().map(LoadedCatalog::withoutVelocities).toList(), boxes, parameterNames,
                featureNames.subList(NODE_FEATURES.length, featureNames.size()), catalog.source(), skippedBoxes);
    }

    /** A suite's boxes left out because no galaxy in them passed the cuts (for the manifest). */
    private final List<String> skippedBoxes;

    public List<String> skippedBoxes() {
        return skippedBoxes;
    }

    /** Galaxies (scored rows). */
    public int size() {
        return catalog.size();
    }

    /** Graph nodes: the galaxies and the other nodes. */
    public int nodeCount() {
        return nodes.size();
    }

    /** Features per node: the halo's three, then the box parameters asked for. */
    public int nodeDim() {
        return nodeDim;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public GraphNodes graphNodes() {
        return graphNodes;
    }

    /** Whether the galaxies have no stellar masses (a dark-matter-only catalog: prediction only). */
    public boolean darkOnly() {
        return darkOnly;
    }

    /** A clear error when the data has no targets to fit or score. */
    public void requireTargets(String what) {
        if (darkOnly) {
            throw new IllegalArgumentException(catalog.source() + " has no stellar masses (a dark-matter-only catalog): "
                    + what + " needs a hydro run; only predict runs on a dark-matter-only catalog");
        }
    }

    public int boxCount() {
        return boxes.size();
    }

    public List<Box> boxes() {
        return boxes;
    }

    /** Columns of the suite's parameter table (every box's {@link Box#parameters()}), or empty. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** Box of each node (galaxy rows first). Shared: do not modify. */
    public int[] boxOfNode() {
        return boxOfNode;
    }

    /** Galaxy rows of box b, ascending. */
    public int[] galaxiesOfBox(int b) {
        return Arrays.copyOf(nodesOfBox[b], parts.get(b).galaxies().size());
    }

    /** Node indices of box b, ascending: its galaxies, then its other nodes. Shared: do not modify. */
    public int[] nodesOfBox(int b) {
        return nodesOfBox[b];
    }

    /** Box b alone, with the same node features (box parameters included). */
    public ExperimentData box(int b) {
        List<String> boxFeatures = featureNames.subList(NODE_FEATURES.length, featureNames.size());
        return new ExperimentData(List.of(parts.get(b)), List.of(boxes.get(b)), parameterNames, boxFeatures,
                boxes.get(b).source());
    }

    /** Checks that a length scale fits the minimum-image rule of these boxes, before any work is done. */
    public void checkScale(String what, double mpc) {
        double half = 0.5 * catalog.boxSizeMpc();
        if (!(mpc < half)) {
            throw new IllegalArgumentException(what + " " + mpc + " Mpc must be below half the box (" + digits(half)
                    + " Mpc for the " + digits(catalog.boxSizeMpc()) + " Mpc box" + (boxCount() > 1 ? "es" : "") + " of "
                    + catalog.source() + ") for the minimum-image rule to hold");
        }
    }

    /**
     * h of the catalog's cosmology (its header's, or the column mapping's), with which line-of-sight
     * velocities become redshift-space distances (H0 = 100 h km/s/Mpc); TNG's 0.6774 when the catalog
     * does not say (a table in Mpc and Msun without a hubble key).
     */
    public double hubble() {
        return Double.isNaN(nodes.hubble()) ? HUBBLE : nodes.hubble();
    }

    /**
     * Refuses a projected graph on a catalog without velocities: its line-of-sight coordinate is the
     * observed redshift, x + v/H0, and with every v read as 0 it would be the true depth, which no survey
     * measures (the 2D figures would be flattered). Nothing to check for other graphs.
     */
    public void checkProjection(GraphSpec spec) {
        if (spec.kind() == GraphSpec.Kind.PROJECTED && !hasVelocities()) {
            throw new IllegalArgumentException("a projected (2D) graph needs velocities: its line-of-sight coordinate"
                    + " is the redshift-space x + v/H0, and " + catalog.source() + " has no velocities (all 0), so it"
                    + " would be the true depth; give the catalog's velocity columns, or use 3D graphs");
        }
    }

    /**
     * Checks that {@code layers} rounds of message passing at {@code mpc} stay inside half the box:
     * beyond it a galaxy's messages come back to it around the periodic box, so the network would
     * learn from periodic copies of the same galaxies, and the held-out slab that picks the best
     * epoch would lie inside every training galaxy's receptive field. Cheap: run before any training.
     *
     * @param what the option that gave the length, for the message ("--linking-length")
     */
    public void checkReceptiveField(String what, double mpc, int layers) {
        checkScale(what, mpc);
        double field = layers * mpc;
        double half = 0.5 * catalog.boxSizeMpc();
        if (layers > 1 && !(field < half)) {
            throw new IllegalArgumentException("--layers " + layers + " rounds at " + what + " " + mpc + " Mpc reach "
                    + digits(field) + " Mpc, not below half the box (" + digits(half) + " Mpc for the "
                    + digits(catalog.boxSizeMpc()) + " Mpc box of " + catalog.source() + "): messages would come back"
                    + " around the periodic box to the galaxies that sent them, and the held-out slab that picks the"
                    + " best epoch would lie inside every training galaxy's reach; use fewer --layers or a shorter "
                    + what);
        }
    }

    /** Four significant digits, no trailing zeros. */
    static String digits(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * The graph of a spec (self-loops if it asks for them) with its edge features over every node, built on first use
     * and cached: one periodic graph per box, joined without edges between boxes.
     */
    public synchronized CosmicGraph graph(GraphSpec spec) {
        return graphs.computeIfAbsent(spec, this::buildGraph);
    }

    private CosmicGraph buildGraph(GraphSpec spec) {
        if (spec.kind() != GraphSpec.Kind.KNN) {
            checkScale("linking length", spec.scale());
        }
        checkProjection(spec);
        if (boxes.size() == 1) {
            return boxGraph(spec, nodes.positionsMpc(), nodes.velocitiesKms(), true);
        }
        return GraphUnion.build(nodeCount(), new GraphUnion.Parts() {
            @Override
            public int count() {
                return boxes.size();
            }

            @Override
            public int[] nodes(int p) {
                return nodesOfBox[p];
            }

            @Override
            public CosmicGraph graph(int p, boolean features) {
                return boxGraph(spec, gather(nodes.positionsMpc(), nodesOfBox[p]),
                        gather(nodes.velocitiesKms(), nodesOfBox[p]), features);
            }
        });
    }

    /** The graph of one periodic box's nodes (positions and velocities row-major [n, 3]). */
    private CosmicGraph boxGraph(GraphSpec spec, double[] pos, double[] vel, boolean features) {
        double l = catalog.boxSizeMpc();
        PeriodicBox box = new PeriodicBox(l);
        CosmicGraph g = switch (spec.kind()) {
            case RADIUS -> RadiusGraph.build(pos, l, spec.scale(), spec.selfLoops());
            case KNN -> KnnGraph.build(pos, l, (int) spec.scale(), true, spec.selfLoops());
            case PROJECTED -> ProjectedGraphs.radius(pos, vel, l, spec.los(), spec.scale(), spec.dvMaxKms(), hubble(),
                    spec.selfLoops());
        };
        if (!features) {
            return g;
        }
        return g.withEdgeFeatures(spec.kind() == GraphSpec.Kind.PROJECTED
                ? ProjectedGraphs.features(g, pos, vel, l, spec.los(), hubble())
                : EdgeFeatures.compute(g, pos, vel, box));
    }

    /** Rows {@code idx} of a row-major [N, 3] array. */
    static double[] gather(double[] xyz, int[] idx) {
        double[] out = new double[3 * idx.length];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(xyz, 3 * idx[k], out, 3 * k, 3);
        }
        return out;
    }

    public synchronized void dropGraph(GraphSpec spec) {
        graphs.remove(spec);
    }

    /**
     * The positions that a spec's edges measure distance in: the graph nodes', or for a projected
     * graph the same with the line-of-sight coordinate set to 0 (row-major [nodeCount, 3], Mpc).
     */
    public double[] positionsFor(GraphSpec spec) {
        return spec.kind() == GraphSpec.Kind.PROJECTED ? ProjectedGraphs.projected(nodes.positionsMpc(), spec.los())
                : nodes.positionsMpc();
    }

    /**
     * log10 of the dark-matter subhalo mass (Msun) within R of each galaxy, self included, summed
     * over the graph nodes of its own box.
     */
    public synchronized double[] overdensity(double radiusMpc) {
        return overdensity.computeIfAbsent(radiusMpc, this::buildOverdensity);
    }

    private double[] buildOverdensity(double r) {
        if (boxes.size() == 1 && nodes == catalog) {
            return Overdensity.logMassWithin(catalog.positionsMpc(), catalog.logMhaloMsun(), catalog.boxSizeMpc(),
                    new double[] {r});
        }
        double[] out = new double[size()];
        org.cosmicweb.common.Threads.run(() -> java.util.stream.IntStream.range(0, boxes.size()).parallel().forEach(b -> {
            int[] idx = nodesOfBox[b];
            double[] mass = new double[idx.length];
            for (int k = 0; k < idx.length; k++) {
                mass[k] = nodes.logMhaloMsun()[idx[k]];
            }
            double[] od = Overdensity.logMassWithin(gather(nodes.positionsMpc(), idx), mass, catalog.boxSizeMpc(),
                    new double[] {r});
            for (int k = 0; k < idx.length; k++) {
                if (idx[k] < out.length) {
                    out[idx[k]] = od[k];
                }
            }
        }));
        return out;
    }

    /** The 3D radius graph at linking length D. */
    public CosmicGraph graphOnly(double d) {
        return graph(GraphSpec.radius(d));
    }

    /** The parameter column {@code name} of every box, or a clear error. */
    public double[] boxParameter(String name) {
        int k = parameterNames.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("no box parameter '" + name + "' (the suite has: " + parameterNames + ")");
        }
        return boxes.stream().mapToDouble(b -> b.parameters()[k]).toArray();
    }

    /** Parameters of a table that {@code --box-features all} appends: every one but the seed. */
    public static List<String> physical(List<String> names) {
        return names.stream().filter(n -> !n.equalsIgnoreCase(ParameterTable.SEED)).toList();
    }
}
