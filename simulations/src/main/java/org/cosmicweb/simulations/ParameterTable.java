package org.cosmicweb.simulations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of each simulation of a suite, in CAMELS's {@code CosmoAstroSeed_*.txt} format:
 * a header line {@code #Name Omega_m sigma_8 A_SN1 A_AGN1 A_SN2 A_AGN2 Omega_b seed}, then one
 * whitespace-separated row per simulation, named e.g. {@code SB7_12}. A box file is joined to the
 * row whose name appears in its path as a whole token ({@link #rowOf(Path)}).
 *
 * @param file  where the table was read
 * @param names the parameter columns, in file order (the name column excluded)
 * @param rows  row name to its values, in file order
 */
public record ParameterTable(Path file, List<String> names, Map<String, double[]> rows) {
    /** A column of this name is the simulation's random seed, never a feature under "all". */
    public static final String SEED = "seed";

    public ParameterTable {
        names = List.copyOf(names);
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    public static ParameterTable read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CatalogException(org.cosmicweb.common.IoErrors.notAFile(file, "parameter table") + " (expected CAMELS's CosmoAstroSeed_*.txt"
                    + " format: '#Name Omega_m sigma_8 ...' then one row per simulation)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CatalogException("could not read parameter table " + file + ": " + org.cosmicweb.common.IoErrors.describe(e), e);
        }
        String[] header = null;
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (header == null) {
                header = (line.startsWith("#") ? line.substring(1) : line).strip().split("\\s+");
                if (header.length < 2) {
                    throw new CatalogException(file + " line " + (l + 1) + ": the header names no parameter (expected"
                            + " '#Name Omega_m sigma_8 ...')");
                }
                if (java.util.Arrays.stream(header, 1, header.length).allMatch(ParameterTable::isNumber)) {
                    throw new CatalogException(file + " line " + (l + 1) + ": '" + line + "' is a row of numbers, not"
                            + " the header naming the columns (expected a first line such as '#Name Omega_m sigma_8 ...')");
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != header.length) {
                throw new CatalogException(file + " line " + (l + 1) + " has " + f.length + " fields, the header has "
                        + header.length);
            }
            double[] v = new double[f.length - 1];
            for (int k = 1; k < f.length; k++) {
                try {
                    v[k - 1] = Double.parseDouble(f[k]);
                } catch (NumberFormatException e) {
                    v[k - 1] = Double.NaN;
                }
                if (!Double.isFinite(v[k - 1])) {
                    throw new CatalogException(file + " line " + (l + 1) + ", column '" + header[k] + "': '" + f[k]
                            + "' (expected a finite number)");
                }
            }
            if (rows.put(f[0], v) != null) {
                throw new CatalogException(file + " line " + (l + 1) + ": simulation '" + f[0] + "' appears twice");
            }
        }
        if (header == null || rows.isEmpty()) {
            throw new CatalogException(file + " holds no parameter rows (expected '#Name Omega_m sigma_8 ...' then one"
                    + " row per simulation)");
        }
        List<String> names = new ArrayList<>(List.of(header).subList(1, header.length));
        return new ParameterTable(file, names, rows);
    }

    /** Every parameter but the seed: what {@code --box-features all} appends. */
    public List<String> physicalNames() {
        return names.stream().filter(n -> !n.equalsIgnoreCase(SEED)).toList();
    }

    /** Column of a parameter, or a clear error listing the table's parameters. */
    public int column(String name) {
        int k = names.indexOf(name);
        if (k < 0) {
            throw new CatalogException("parameter '" + name + "' is not a column of " + file + " (it has: "
                    + String.join(", ", names) + ")");
        }
        return k;
    }

    /** Position of a row in the file (0 for the first row). */
    public int number(String row) {
        int k = 0;
        for (String r : rows.keySet()) {
            if (r.equals(row)) {
                return k;
            }
            k++;
        }
        throw new IllegalArgumentException("no row " + row + " in " + file);
    }

    /**
     * The row whose name occurs in {@code box}'s path as a whole token (not preceded by a letter or
     * digit, not followed by a digit: {@code SB7_1} is in {@code Astrid_SB7_1_groups} but not in
     * {@code Astrid_SB7_12_groups}). The file name is searched first, then each folder upwards; the
     * first with a match decides, and two different matches there are an error.
     */
    public String rowOf(Path box) {
        Path p = box.toAbsolutePath().normalize();
        for (int depth = p.getNameCount() - 1; depth >= 0; depth--) {
            String part = p.getName(depth).toString();
            List<String> hits = new ArrayList<>();
            for (String row : rows.keySet()) {
                if (occurs(part, row)) {
                    hits.add(row);
                }
            }
            if (hits.size() == 1) {
                return hits.get(0);
            }
            if (hits.size() > 1) {
                throw new CatalogException(box + " matches several rows of " + file + " in '" + part + "': " + hits);
            }
        }
        throw new CatalogException(box + " matches no row of " + file + " (expected a row name such as '"
                + rows.keySet().iterator().next() + "' in its file or folder name)");
    }

    static boolean occurs(String text, String token) {
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
            boolean before = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            int end = i + token.length();
            boolean after = end == text.length() || !Character.isDigit(text.charAt(end));
            if (before && after) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ParameterTable[%s, %d rows, %s]", file, rows.size(), names);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
