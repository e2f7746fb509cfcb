package org.cosmicweb.simulations;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A subhalo table: CSV (or gzip-compressed CSV, told by its magic bytes, not its name) with a header line,
 * mapped onto a catalog by {@link TableColumns}. Only the mapped columns are parsed. Units are
 * converted here, once; the cuts are {@link CatalogCuts#minLogMstarMsun()} on the stellar mass and
 * {@link CatalogCuts#minLogMhaloMsun()} on the halo mass (a table has no particle counts or
 * SubhaloFlag, so those cuts do not apply). An id appears once in a table (a suite's boxes may share
 * ids). Every bad value is an error naming the file, the line (1 = the header), the column, the
 * value and what was expected.
 *
 * @param file    the table
 * @param columns how its columns map onto the catalog
 */
public record TableSource(Path file, TableColumns columns) implements CatalogSource {
    public TableSource {
        if (file == null || columns == null) {
            throw new IllegalArgumentException("a table source needs a file and a column mapping");
        }
    }

    @Override
    public LoadedCatalog load(CatalogCuts cuts, GraphNodes nodes) {
        // Where no galaxy passes, the table's reader says why, row by row.
        return read(cuts, nodes, true);
    }

    @Override
    public String describe() {
        return file.toString();
    }

    /** How far outside a face, in box lengths, a position is taken for rounding and wrapped. */
    static final double FACE_TOLERANCE = 1e-5;

    /** The table's rows after the cuts; may hold no galaxy (a suite skips such boxes). */
    public LoadedCatalog read(CatalogCuts cuts, GraphNodes nodes) {
        return read(cuts, nodes, false);
    }

    private LoadedCatalog read(CatalogCuts cuts, GraphNodes nodes, boolean requireGalaxies) {
        if (!Files.isRegularFile(file)) {
            throw new CatalogException(org.cosmicweb.common.IoErrors.notAFile(file, "table") + " (expected a CSV file with a header, or .csv.gz)");
        }
        boolean darkOnly = columns.stellarMass() == null;
        if (darkOnly && nodes == GraphNodes.SELECTED) {
            throw new CatalogException(file + " has no stellar_mass column in its mapping: a dark-matter-only table. With"
                    + " --graph-nodes selected the graph's nodes are the galaxies passing the stellar cuts, which it cannot"
                    + " tell; use --graph-nodes dmo (nodes: every subhalo with log M_DM > " + cuts.minLogMhaloMsun()
                    + "), with a model trained that way.");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream in = isGzip(raw) ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            return parse(r, cuts, nodes, darkOnly, requireGalaxies);
        } catch (IOException e) {
            throw new CatalogException("could not read " + file + ": " + org.cosmicweb.common.IoErrors.describe(e), e);
        }
    }

    /** Whether the stream starts with gzip's magic bytes 1f 8b; it is left at its start. */
    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip;
    }

    /** Whether a line holds control characters or bytes that are not UTF-8: the file is no text table. */
    private static boolean isBinary(String line) {
        return line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f || c == '\uFFFD');
    }

    /** Refuses the first id (in sorted order) that two rows share, naming both lines. */
    private void requireUniqueIds(long[] ids, long[] lineOfRow, int n, String column) {
        long[] sorted = Arrays.copyOf(ids, n);
        Arrays.sort(sorted);
        for (int k = 1; k < n; k++) {
            if (sorted[k] == sorted[k - 1]) {
                long id = sorted[k];
                int first = -1;
                for (int r = 0; r < n; r++) {
                    if (ids[r] == id) {
                        if (first >= 0) {
                            throw at(lineOfRow[r], column, "id " + id + " is already on line " + lineOfRow[first]
                                    + " (expected each subhalo id once in a table)");
                        }
                        first = r;
                    }
                }
            }
        }
    }

    private CatalogException at(long line, String column, String problem) {
        return new CatalogException(file + " line " + line + (column == null ? " " : ", column '" + column + "': ")
                + problem);
    }

    private LoadedCatalog parse(BufferedReader r, CatalogCuts cuts, GraphNodes nodes, boolean darkOnly,
                                boolean requireGalaxies)
            throws IOException {
        String header = r.readLine();
        if (header == null) {
            throw new CatalogException(file + " is empty (expected a header line naming the columns)");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        header = header.strip();
        if (header.startsWith("#")) {
            header = header.substring(1);
        }
        String[] names = header.split(",", -1);
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < names.length; k++) {
            names[k] = unquote(names[k].strip());
            Integer before = index.put(names[k], k);
            if (before != null && !names[k].isEmpty()) {
                index.put(names[k], -1);
            }
        }
        for (String[] used : columns.usedColumns()) {
            Integer k = index.get(used[0]);
            if (k == null && isBinary(header)) {
                throw new CatalogException(file + " is not a text table: its first line holds binary bytes (expected a"
                        + " UTF-8 CSV file with a header line, plain or gzip-compressed)");
            }
            if (k == null) {
                throw new CatalogException(file + " has no column '" + used[0] + "' (" + used[1] + " in the column mapping);"
                        + " its header has: " + String.join(", ", names));
            }
            if (k < 0) {
                throw new CatalogException(file + ": column '" + used[0] + "' (" + used[1]
                        + ") appears more than once in the header");
            }
        }
        int[] pos = indices(index, columns.position());
        int[] vel = columns.velocity() == null ? null : indices(index, columns.velocity());
        int[] halo = indices(index, columns.haloMass().columns());
        int[] star = darkOnly ? null : indices(index, columns.stellarMass().columns());
        int vmaxCol = index.get(columns.vmax());
        int cenCol = index.get(columns.central());
        int idCol = columns.id() == null ? -1 : index.get(columns.id());

        double h = columns.hubble();
        double box = columns.boxMpc();
        LengthUnit pu = columns.positionUnit();
        MassUnit mu = columns.massUnit();
        Rows kept = new Rows();
        int[] bounds = new int[names.length + 1];
        double[] terms = new double[Math.max(halo.length, star == null ? 0 : star.length)];
        // Every row's id and line when the table has ids, 16 bytes a row (a map took about 80): checked once all are read.
        long[] ids = new long[1024];
        long[] lineOfRow = new long[1024];
        long line = 1;
        int rows = 0;
        CutCounts counts = new CutCounts();
        String text;
        while ((text = r.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            int fields = split(text, bounds, names.length);
            if (fields != names.length) {
                throw at(line, null, "has " + fields + " fields, the header has " + names.length);
            }
            long id = idCol < 0 ? rows : integer(text, bounds, idCol, line, names);
            if (idCol >= 0) {
                if (rows == ids.length) {
                    ids = Arrays.copyOf(ids, 2 * rows);
                    lineOfRow = Arrays.copyOf(lineOfRow, 2 * rows);
                }
                ids[rows] = id;
                lineOfRow[rows] = line;
            }
            rows++;
            for (int t = 0; t < halo.length; t++) {
                terms[t] = mass(text, bounds, halo[t], line, names, mu);
            }
            double logMh = mu.log10Msun(columns.haloMass().evaluate(terms), h);
            double logMs = Double.NaN;
            if (star != null) {
                for (int t = 0; t < star.length; t++) {
                    terms[t] = mass(text, bounds, star[t], line, names, mu);
                }
                logMs = mu.log10Msun(columns.stellarMass().evaluate(terms), h);
            }
            boolean node = logMh > cuts.minLogMhaloMsun();
            boolean galaxy = node && (darkOnly || logMs > cuts.minLogMstarMsun());
            counts.add(logMh, logMs, node, galaxy);
            if (!(nodes == GraphNodes.DMO ? node : galaxy)) {
                continue;
            }
            double[] xyz = new double[3];
            for (int a = 0; a < 3; a++) {
                double v = number(text, bounds, pos[a], line, names);
                double x = pu.toMpc(v, h);
                // A coordinate a rounding step outside [0, L) (a float32 export at a face) is wrapped. Unlike a
                // SUBFIND file, whose BoxSize comes with it, a table's box is the user's: anything further out
                // is a wrong unit or box size, and wrapping it would scramble the graph.
                if (!(x >= -FACE_TOLERANCE * box && x < box * (1 + FACE_TOLERANCE))) {
                    throw at(line, names[pos[a]], field(text, bounds, pos[a]) + " " + pu.label() + " (" + num(x)
                            + " Mpc) lies outside the periodic box [0, " + num(box) + ") Mpc (box_size "
                            + columns.boxSize() + " " + columns.boxUnit().label() + "; positions within "
                            + FACE_TOLERANCE + " of a box length outside a face are wrapped)");
                }
                xyz[a] = TngUnits.wrap(x, box);
            }
            double vmax = number(text, bounds, vmaxCol, line, names);
            if (!(vmax > 0)) {
                throw at(line, names[vmaxCol], "Vmax " + field(text, bounds, vmaxCol) + " km/s (expected > 0)");
            }
            double[] v3 = new double[3];
            if (vel != null) {
                for (int a = 0; a < 3; a++) {
                    v3[a] = number(text, bounds, vel[a], line, names);
                }
            }
            boolean central = flag(text, bounds, cenCol, line, names);
            kept.add(id, xyz, v3, logMh, Math.log10(vmax), central, darkOnly ? Double.NaN : logMs, galaxy && !darkOnly);
        }
        if (idCol >= 0) {
            requireUniqueIds(ids, lineOfRow, rows, names[idCol]);
        }
        if (rows == 0) {
            throw new CatalogException(file + " has a header but no data rows");
        }
        requireSpread(kept, box, pu, names, pos);
        if (requireGalaxies && !darkOnly && kept.galaxies() == 0) {
            throw new CatalogException("no galaxies pass the cuts in " + file + " (log M* > " + cuts.minLogMstarMsun()
                    + ", log M_DM > " + cuts.minLogMhaloMsun() + "): " + counts.describe(rows));
        }
        String source = file.toString();
        SubhaloCatalog.CatalogStats stats = darkOnly ? new SubhaloCatalog.CatalogStats(rows, 0, 0, kept.size)
                : new SubhaloCatalog.CatalogStats(0, rows, 0, kept.galaxies());
        if (darkOnly) {
            return new LoadedCatalog(kept.catalog(source, box, h, null, stats, true),
                    SubhaloCatalog.empty(source, box), GraphNodes.DMO, true);
        }
        SubhaloCatalog galaxies = kept.catalog(source, box, h, true, stats, false);
        if (nodes == GraphNodes.SELECTED) {
            return LoadedCatalog.selected(galaxies);
        }
        SubhaloCatalog others = kept.catalog(source + " (other nodes)", box, h, false,
                new SubhaloCatalog.CatalogStats(0, rows, 0, kept.size - kept.galaxies()), false);
        return new LoadedCatalog(galaxies, others, GraphNodes.DMO, false);
    }

    /** Fewer kept rows than this are not checked for their spread over the box. */
    static final int SPREAD_MIN_ROWS = 10;
    /**
     * Kept rows spanning less than this fraction of the box on every axis: a position unit too small. A
     * unit error is a factor of 1000 (kpc against Mpc), which leaves 0.1 % of the box; a real sub-volume
     * this small (1 Mpc of a 205 Mpc/h box) would be a single group.
     */
    static final double SPREAD_MIN_FRACTION = 0.005;

    /**
     * Refuses positions that all lie in a corner of the box: positions outside it are caught row by row,
     * but a unit too small (Mpc/h read as kpc/h) puts every galaxy within a thousandth of it, and the
     * graph would link every pair.
     */
    private void requireSpread(Rows kept, double box, LengthUnit pu, String[] names, int[] pos) {
        if (kept.size < SPREAD_MIN_ROWS) {
            return;
        }
        double widest = 0;
        for (int a = 0; a < 3; a++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < kept.size; i++) {
                lo = Math.min(lo, kept.pos[3 * i + a]);
                hi = Math.max(hi, kept.pos[3 * i + a]);
            }
            widest = Math.max(widest, hi - lo);
        }
        if (widest < SPREAD_MIN_FRACTION * box) {
            throw new CatalogException(file + ": the " + kept.size + " kept rows' positions (" + names[pos[0]] + ", "
                    + names[pos[1]] + ", " + names[pos[2]] + " in " + pu.label() + ") span at most " + num(widest)
                    + " Mpc on every axis, under " + num(100 * SPREAD_MIN_FRACTION) + " % of the " + num(box)
                    + " Mpc box (box_size " + columns.boxSize() + " " + columns.boxUnit().label() + "): is the position"
                    + " unit too small (e.g. Mpc/h read as kpc/h)?");
        }
    }

    /** Why rows fail the cuts, for the message when none passes. */
    private static final class CutCounts {
        int haloNotPositive;
        int haloBelow;
        int starNotPositive;
        int starBelow;

        void add(double logMh, double logMs, boolean node, boolean galaxy) {
            if (!node) {
                if (Double.isNaN(logMh) || logMh == Double.NEGATIVE_INFINITY) {
                    haloNotPositive++;
                } else {
                    haloBelow++;
                }
            } else if (!galaxy) {
                if (Double.isNaN(logMs) || logMs == Double.NEGATIVE_INFINITY) {
                    starNotPositive++;
                } else {
                    starBelow++;
                }
            }
        }

        String describe(int rows) {
            return "of " + rows + " rows, " + haloNotPositive + " have a halo mass that is not positive, " + haloBelow
                    + " a halo mass below the cut, and of the rest " + starNotPositive + " a stellar mass that is not"
                    + " positive and " + starBelow + " a stellar mass below the cut";
        }
    }

    /** Six significant digits, no trailing zeros. */
    static String num(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static int[] indices(Map<String, Integer> index, List<String> cols) {
        return cols.stream().mapToInt(index::get).toArray();
    }

    /** Field boundaries of a CSV line: field k is text[bounds[k], bounds[k+1] - 1). Returns the field count. */
    private static int split(String text, int[] bounds, int expected) {
        int k = 0;
        bounds[0] = 0;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            if (text.charAt(i) == ',') {
                k++;
                if (k <= expected) {
                    bounds[k] = i + 1;
                }
            }
        }
        if (k + 1 == expected) {
            bounds[expected] = len + 1;
        }
        return k + 1;
    }

    private static String field(String text, int[] bounds, int k) {
        return unquote(text.substring(bounds[k], bounds[k + 1] - 1).strip());
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"' ? s.substring(1, s.length() - 1)
                : s;
    }

    /**
     * A mass column's value: a linear mass below zero is an error (a sum or difference of columns at
     * or below zero is not: that subhalo has no such mass and fails the cut); log10 masses may be any
     * finite number.
     */
    private double mass(String text, int[] bounds, int k, long line, String[] names, MassUnit unit) {
        if (unit.isLog() && isMinusInfinity(field(text, bounds, k))) {
            return Double.NEGATIVE_INFINITY; // the log of a zero mass (numpy writes -inf): fails every cut, as a linear 0
        }
        double v = number(text, bounds, k, line, names);
        if (!unit.isLog() && v < 0) {
            throw at(line, names[k], "mass " + field(text, bounds, k) + " " + unit.label() + " is negative (expected a"
                    + " mass >= 0)");
        }
        return v;
    }

    private static boolean isMinusInfinity(String s) {
        String t = s.trim();
        return t.equalsIgnoreCase("-inf") || t.equalsIgnoreCase("-infinity");
    }

    private double number(String text, int[] bounds, int k, long line, String[] names) {
        String s = field(text, bounds, k);
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw at(line, names[k], "'" + s + "' is not a number (expected a finite number)");
        }
        if (!Double.isFinite(v)) {
            throw at(line, names[k], s + " (expected a finite number)");
        }
        return v;
    }

    private long integer(String text, int[] bounds, int k, long line, String[] names) {
        String s = field(text, bounds, k);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e2) {
                v = Double.NaN;
            }
            if (v == Math.rint(v) && Math.abs(v) < 9e15) {
                return (long) v;
            }
            throw at(line, names[k], "'" + s + "' is not an integer id");
        }
    }

    private boolean flag(String text, int[] bounds, int k, long line, String[] names) {
        String s = field(text, bounds, k);
        switch (s.toLowerCase(Locale.ROOT)) {
            case "1", "1.0", "true" -> {
                return true;
            }
            case "0", "0.0", "false" -> {
                return false;
            }
            default -> throw at(line, names[k], "'" + s + "' (expected 1 for a central, 0 for a satellite)");
        }
    }

    /** The kept rows, growing as the file is read. */
    private static final class Rows {
        int size;
        long[] ids = new long[1024];
        double[] pos = new double[3 * 1024];
        double[] vel = new double[3 * 1024];
        double[] logMh = new double[1024];
        double[] logVmax = new double[1024];
        boolean[] central = new boolean[1024];
        double[] logMs = new double[1024];
        boolean[] galaxy = new boolean[1024];

        void add(long id, double[] xyz, double[] v, double mh, double lv, boolean c, double ms, boolean g) {
            if (size == ids.length) {
                int n = 2 * size;
                ids = Arrays.copyOf(ids, n);
                pos = Arrays.copyOf(pos, 3 * n);
                vel = Arrays.copyOf(vel, 3 * n);
                logMh = Arrays.copyOf(logMh, n);
                logVmax = Arrays.copyOf(logVmax, n);
                central = Arrays.copyOf(central, n);
                logMs = Arrays.copyOf(logMs, n);
                galaxy = Arrays.copyOf(galaxy, n);
            }
            ids[size] = id;
            System.arraycopy(xyz, 0, pos, 3 * size, 3);
            System.arraycopy(v, 0, vel, 3 * size, 3);
            logMh[size] = mh;
            logVmax[size] = lv;
            central[size] = c;
            logMs[size] = ms;
            galaxy[size] = g;
            size++;
        }

        int galaxies() {
            int n = 0;
            for (int i = 0; i < size; i++) {
                n += galaxy[i] ? 1 : 0;
            }
            return n;
        }

        /** Rows whose galaxy flag is {@code want} (all rows when null); hydro ids -1 for a dark-only table. */
        SubhaloCatalog catalog(String source, double box, double h, Boolean want, SubhaloCatalog.CatalogStats stats,
                               boolean darkOnly) {
            int n = 0;
            for (int i = 0; i < size; i++) {
                n += want == null || galaxy[i] == want ? 1 : 0;
            }
            long[] id = new long[n];
            long[] hid = new long[n];
            double[] p = new double[3 * n];
            double[] v = new double[3 * n];
            double[] mh = new double[n];
            double[] lv = new double[n];
            boolean[] c = new boolean[n];
            double[] ms = new double[n];
            int k = 0;
            for (int i = 0; i < size; i++) {
                if (want != null && galaxy[i] != want) {
                    continue;
                }
                id[k] = ids[i];
                hid[k] = darkOnly ? -1 : ids[i];
                System.arraycopy(pos, 3 * i, p, 3 * k, 3);
                System.arraycopy(vel, 3 * i, v, 3 * k, 3);
                mh[k] = logMh[i];
                lv[k] = logVmax[i];
                c[k] = central[i];
                ms[k] = want == Boolean.TRUE ? logMs[i] : Double.NaN;
                k++;
            }
            return new SubhaloCatalog(source, box, id, hid, p, v, mh, lv, c, ms, null, null, stats, h);
        }
    }
}
