package org.cosmicweb.simulations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One SUBFIND group catalog without a twin: CAMELS's {@code groups_SSS.hdf5}, a single
 * {@code fof_subhalo_tab_SSS.hdf5}, or TNG-style chunks {@code fof_subhalo_tab_SSS.N.hdf5} (the
 * path may be any chunk, the folder holding them, or the {@code groups_SSS} folder's parent).
 *
 * <p>A hydro run: every subhalo is its own twin. Node features are its dark-matter mass
 * ({@code SubhaloMassType[:,1]}) and {@code SubhaloVmax} (which includes the baryons), central
 * from {@code Group/GroupFirstSub}, position and velocity; the target is its stellar mass
 * ({@code SubhaloMassType[:,4]}). Cuts as for TNG: log M* and star particles
 * ({@code SubhaloLenType[:,4]}), log M_DM, and SubhaloFlag when the file has one (CAMELS writes
 * none). Box size, h and redshift come from the Header. A catalog without a single star particle
 * is a dark-matter-only run: its nodes can be predicted on with {@link GraphNodes#DMO}.
 *
 * @param path     a catalog file or a folder holding one
 * @param snapshot which snapshot, when the folder holds several; null to take the only one
 */
public record SubfindSource(Path path, Integer snapshot) implements CatalogSource {
    private static final Pattern SINGLE = Pattern.compile("(?:groups|fof_subhalo_tab)_(\\d{3,})\\.hdf5");
    static final Pattern CHUNK = Pattern.compile("fof_subhalo_tab_(\\d{3,})\\.(\\d+)\\.hdf5");
    private static final Pattern GROUPS_DIR = Pattern.compile("groups_(\\d{3,})");

    public SubfindSource {
        if (path == null) {
            throw new IllegalArgumentException("a SUBFIND source needs a file or folder");
        }
    }

    /** Where the chunks are: chunk c of the catalog is {@code chunk.apply(c)}. */
    record Chunks(Path where, IntFunction<Path> chunk) {
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public LoadedCatalog load(CatalogCuts cuts, GraphNodes nodes) {
        LoadedCatalog c = read(cuts, nodes);
        return c.darkOnly() ? c : c.requireGalaxies(path.toString(), cuts);
    }

    /** The catalog's rows after the cuts; may hold no galaxy (a suite skips such boxes). */
    public LoadedCatalog read(CatalogCuts cuts, GraphNodes nodes) {
        Chunks f = resolve();
        RunCatalog run = GroupCatalogReader.read(f.where(), f.chunk(), EnumSet.allOf(RunCatalog.Field.class), false);
        double h = run.hubble();
        int n = run.nSubhalos();
        boolean stars = false;
        for (int i = 0; i < n && !stars; i++) {
            stars = run.starLen()[i] > 0 || run.starMass()[i] > 0;
        }
        String source = f.where() + String.format(java.util.Locale.ROOT, " (z = %.3f)", run.redshift());
        if (!stars) {
            if (nodes != GraphNodes.DMO) {
                throw new CatalogException(f.where() + " holds no star particle (Subhalo/SubhaloLenType[:,4] is 0 for all "
                        + n + " subhalos): a dark-matter-only run. With --graph-nodes selected the graph's nodes are the"
                        + " galaxies passing the stellar cuts, which it cannot tell; use --graph-nodes dmo (nodes: every"
                        + " subhalo with log M_DM > " + cuts.minLogMhaloMsun() + "), with a model trained that way.");
            }
            int[] rows = IntStream.range(0, n).filter(d -> RunRows.passesDark(cuts, run, d)).toArray();
            if (rows.length == 0) {
                throw new CatalogException("no subhalos pass the dark-matter cuts in " + f.where() + ": " + n
                        + " subhalos, 0 with log M_DM > " + cuts.minLogMhaloMsun());
            }
            SubhaloCatalog c = RunRows.of(run, rows, false, false, source,
                    new SubhaloCatalog.CatalogStats(n, 0, 0, rows.length));
            return new LoadedCatalog(c, SubhaloCatalog.empty(source, c.boxSizeMpc()), GraphNodes.DMO, true);
        }
        boolean[] galaxy = new boolean[n];
        for (int i = 0; i < n; i++) {
            galaxy[i] = RunRows.passesDark(cuts, run, i) && run.starLen()[i] > cuts.minStarParticles()
                    && TngUnits.log10MassMsun(run.starMass()[i], h) > cuts.minLogMstarMsun();
        }
        int[] selected = IntStream.range(0, n).filter(i -> galaxy[i]).toArray();
        SubhaloCatalog galaxies = RunRows.of(run, selected, true, true, source,
                new SubhaloCatalog.CatalogStats(0, n, 0, selected.length));
        if (nodes == GraphNodes.SELECTED) {
            return LoadedCatalog.selected(galaxies);
        }
        int[] others = IntStream.range(0, n).filter(i -> !galaxy[i] && RunRows.passesDark(cuts, run, i)).toArray();
        SubhaloCatalog other = RunRows.of(run, others, false, true, source + " (other nodes)",
                new SubhaloCatalog.CatalogStats(0, n, 0, others.length));
        return new LoadedCatalog(galaxies, other, GraphNodes.DMO, false);
    }

    /**
     * A file is one snapshot: a --snapshot asking for another is refused, not ignored (it would be
     * recorded in a run's command line as read), and so is one the file's name does not tell.
     */
    private void requireSnapshotOf(String name, String chunkSnapshot) {
        if (snapshot == null) {
            return;
        }
        Matcher single = SINGLE.matcher(name);
        String snap = chunkSnapshot != null ? chunkSnapshot : single.matches() ? single.group(1) : null;
        if (snap == null) {
            throw new CatalogException("--snapshot " + snapshot + " chooses among the catalogs of a folder, but " + path
                    + " is one file whose name gives no snapshot number (groups_SSS.hdf5, fof_subhalo_tab_SSS.hdf5);"
                    + " leave --snapshot out");
        }
        if (Integer.parseInt(snap) != snapshot) {
            throw new CatalogException(path + " is snapshot " + snap + ", not --snapshot " + snapshot
                    + "; give the file of that snapshot, or its folder");
        }
    }

    /** The chunk files this path names. */
    Chunks resolve() {
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString();
            Matcher chunk = CHUNK.matcher(name);
            requireSnapshotOf(name, chunk.matches() ? chunk.group(1) : null);
            if (chunk.matches()) {
                String snap = chunk.group(1);
                Path dir = path.toAbsolutePath().getParent();
                return new Chunks(dir, c -> dir.resolve("fof_subhalo_tab_" + snap + "." + c + ".hdf5"));
            }
            return new Chunks(path, c -> {
                if (c == 0) {
                    return path;
                }
                throw CatalogException.at(path, "Header/NumFiles", "says the catalog has several chunks, but "
                        + name + " is not one of a chunked set (expected fof_subhalo_tab_SSS.0.hdf5 and its siblings)");
            });
        }
        if (!Files.isDirectory(path)) {
            throw new CatalogException("missing SUBFIND catalog " + path + " (expected groups_SSS.hdf5,"
                    + " fof_subhalo_tab_SSS.hdf5, fof_subhalo_tab_SSS.N.hdf5 or a folder holding one)");
        }
        List<Path> found = new ArrayList<>();
        TreeSet<String> snapshots = new TreeSet<>();
        try (Stream<Path> list = Files.list(path)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                Matcher m1 = SINGLE.matcher(name);
                Matcher m2 = CHUNK.matcher(name);
                Matcher m3 = GROUPS_DIR.matcher(name);
                String snap = m1.matches() ? m1.group(1) : m2.matches() ? m2.group(1)
                        : m3.matches() && Files.isDirectory(p) ? m3.group(1) : null;
                if (snap != null && (snapshot == null || Integer.parseInt(snap) == snapshot)) {
                    found.add(p);
                    snapshots.add(snap);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + path + ": " + org.cosmicweb.common.IoErrors.describe(e), e);
        }
        if (snapshots.isEmpty()) {
            throw new CatalogException(path + " holds no SUBFIND catalog" + (snapshot == null ? ""
                    : " of snapshot " + snapshot) + " (expected groups_SSS.hdf5, fof_subhalo_tab_SSS.hdf5,"
                    + " fof_subhalo_tab_SSS.N.hdf5 or a groups_SSS folder)");
        }
        if (snapshots.size() > 1) {
            throw new CatalogException(path + " holds SUBFIND catalogs of snapshots " + snapshots
                    + "; choose one with --snapshot");
        }
        String snap = snapshots.first();
        for (Path p : found) {
            if (SINGLE.matcher(p.getFileName().toString()).matches()) {
                return new SubfindSource(p, snapshot).resolve();
            }
        }
        for (Path p : found) {
            if (Files.isDirectory(p)) {
                return new SubfindSource(p, snapshot).resolve();
            }
        }
        Path first = path.resolve("fof_subhalo_tab_" + snap + ".0.hdf5");
        return new SubfindSource(first, snapshot).resolve();
    }
}
