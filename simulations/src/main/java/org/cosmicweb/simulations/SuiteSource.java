package org.cosmicweb.simulations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A suite of boxes: every file matching a glob (e.g.
 * {@code data/Astrid_SB7_*_groups_090_processed.csv.gz}) is one box, read as a subhalo table
 * ({@link TableSource}, with one column mapping for all) or, for {@code .hdf5} files, as a SUBFIND
 * catalog ({@link SubfindSource}). Files are read in parallel. With a parameter table each box is
 * joined to its row by name ({@link ParameterTable#rowOf}); two files naming one row are an error.
 *
 * @param glob          the files; a path without glob characters names one file
 * @param columns       mapping of the tables (null when every file is SUBFIND)
 * @param parameterFile the suite's parameter table, or null
 * @param snapshot      snapshot of SUBFIND folders holding several, or null
 */
public record SuiteSource(String glob, TableColumns columns, Path parameterFile, Integer snapshot) {
    public SuiteSource {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("a suite needs a glob naming its box files");
        }
    }

    public CatalogSuite load(CatalogCuts cuts, GraphNodes nodes) {
        long t0 = System.nanoTime();
        List<Path> files = expand(glob);
        requireOneChunkPerCatalog(files);
        ParameterTable params = parameterFile == null ? null : ParameterTable.read(parameterFile);
        String[] names = params == null ? names(files) : new String[files.size()];  // with a table: its rows, below
        int[] numbers = new int[files.size()];
        Map<String, Path> seen = new HashMap<>();
        for (int b = 0; b < files.size(); b++) {
            Path f = files.get(b);
            if (params != null) {
                names[b] = params.rowOf(f);
            }
            numbers[b] = params == null ? b : params.number(names[b]);
            Path before = seen.put(names[b], f);
            if (before != null) {
                throw new CatalogException(before + " and " + f + " are both box " + names[b]
                        + (params == null ? "" : " of " + params.file()));
            }
        }
        List<LoadedCatalog> loaded = org.cosmicweb.common.Threads.call(
                () -> files.parallelStream().map(f -> read(f, cuts, nodes)).toList());
        List<CatalogSuite.Box> boxes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int b = 0; b < files.size(); b++) {
            LoadedCatalog c = loaded.get(b);
            if (c.darkOnly() != loaded.get(0).darkOnly()) {
                throw new CatalogException(files.get(b) + (c.darkOnly() ? " has" : " has not") + " stellar masses but "
                        + files.get(0) + (c.darkOnly() ? " has not" : " has") + ": a suite is all hydro or all dark-matter-only");
            }
            if (c.galaxies().size() == 0) {
                skipped.add(names[b]);
                continue;
            }
            double[] p = params == null ? new double[0] : params.rows().get(names[b]);
            boxes.add(new CatalogSuite.Box(names[b], numbers[b], files.get(b), c, p));
        }
        boxes.sort(Comparator.comparingInt(CatalogSuite.Box::number));
        return new CatalogSuite(glob, boxes, params, skipped, (System.nanoTime() - t0) / 1e9);
    }

    private LoadedCatalog read(Path f, CatalogCuts cuts, GraphNodes nodes) {
        if (f.getFileName().toString().endsWith(".hdf5")) {
            return new SubfindSource(f, snapshot).read(cuts, nodes);
        }
        if (columns == null) {
            throw new CatalogException(f + " is a table but no column mapping was given (--columns FILE.json or the"
                    + " column flags)");
        }
        return new TableSource(f, columns).read(cuts, nodes);
    }

    /**
     * Box names without a parameter table: each file's {@link #stem}, or, where two files share a stem
     * (CAMELS keeps every box's catalog under one name, CV_0/fof_subhalo_tab_033.hdf5, CV_1/...), the
     * stem with as many of its folders as make every name unique (CV_0/fof_subhalo_tab_033).
     */
    static String[] names(List<Path> files) {
        for (int depth = 0; ; depth++) {
            String[] names = new String[files.size()];
            boolean complete = true;
            for (int b = 0; b < names.length; b++) {
                Path f = files.get(b).toAbsolutePath().normalize();
                StringBuilder n = new StringBuilder(stem(f));
                Path dir = f.getParent();
                for (int d = 0; d < depth; d++) {
                    if (dir == null || dir.getFileName() == null) {
                        complete = false;
                        break;
                    }
                    n.insert(0, dir.getFileName() + "/");
                    dir = dir.getParent();
                }
                names[b] = n.toString();
            }
            if (java.util.Arrays.stream(names).distinct().count() == names.length || !complete) {
                return names;
            }
        }
    }

    /**
     * A chunk of a SUBFIND catalog (fof_subhalo_tab_SSS.N.hdf5) is read as the whole catalog, so two
     * chunks of one catalog in a suite would be one box twice, under two names, and could land in the
     * training and the validation folds.
     */
    private static void requireOneChunkPerCatalog(List<Path> files) {
        Map<String, Path> catalogs = new HashMap<>();
        for (Path f : files) {
            java.util.regex.Matcher m = SubfindSource.CHUNK.matcher(f.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            Path dir = realParent(f);
            Path before = catalogs.put(dir + "/" + m.group(1), f);
            if (before != null) {
                throw new CatalogException(before + " and " + f + " are chunks of one SUBFIND catalog, which is read"
                        + " whole from any of its chunks: the suite would hold that box twice; let the glob match one"
                        + " file per box, e.g. .../fof_subhalo_tab_" + m.group(1) + ".0.hdf5");
            }
        }
    }

    /** The folder a file is in, through any symbolic links (two chunks reached by two routes are one catalog). */
    private static Path realParent(Path f) {
        try {
            return f.toRealPath().getParent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + f + ": " + e.getMessage(), e);
        }
    }

    /** A file name without its extensions (Astrid_SB7_12_groups_090_processed.csv.gz: Astrid_SB7_12_groups_090_processed). */
    static String stem(Path f) {
        String n = f.getFileName().toString();
        for (String ext : new String[] {".gz", ".csv", ".hdf5", ".txt"}) {
            if (n.endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    /**
     * The regular files a glob matches, sorted by path. The search starts at the folder before the
     * first glob character and goes as deep as the glob has folders ({@code **} goes all the way).
     */
    public static List<Path> expand(String glob) {
        int meta = -1;
        for (int i = 0; i < glob.length() && meta < 0; i++) {
            if ("*?[{".indexOf(glob.charAt(i)) >= 0) {
                meta = i;
            }
        }
        if (meta < 0) {
            Path p = Path.of(glob);
            if (!Files.isRegularFile(p)) {
                throw new CatalogException("missing box file " + glob);
            }
            return List.of(p);
        }
        int slash = glob.lastIndexOf('/', meta);
        Path base = slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : glob.substring(0, slash));
        String rest = glob.substring(slash + 1);
        if (!Files.isDirectory(base)) {
            throw new CatalogException("--suite " + glob + ": folder " + base + " does not exist");
        }
        int depth = rest.contains("**") ? Integer.MAX_VALUE : (int) rest.chars().filter(c -> c == '/').count() + 1;
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        List<Path> out;
        try (Stream<Path> walk = Files.walk(base, depth)) {
            out = walk.filter(Files::isRegularFile).filter(p -> m.matches(base.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not search " + base + " for " + glob + ": " + org.cosmicweb.common.IoErrors.describe(e), e);
        }
        if (out.isEmpty()) {
            throw new CatalogException("--suite " + glob + " matches no file (searched " + base + ")");
        }
        return out;
    }
}
