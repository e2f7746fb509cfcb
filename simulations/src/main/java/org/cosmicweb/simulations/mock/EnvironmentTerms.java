package org.cosmicweb.simulations.mock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the mock generator knew about every dark subhalo when it drew its stellar mass: the terms of
 * {@link StellarMassModel} (standardised environmental fields, concentration offset, peak mass,
 * orbit), so that an analysis can ask which of them a model has found and what a model that knew
 * them exactly would reach (experiments/analysis/mock_oracle.py). Row k is dark subhalo k of the
 * mock's dark run; fields a model does not use are 0, the orbit terms of centrals NaN.
 */
public record EnvironmentTerms(double[] x, double[] y, double[] z, boolean[] central, double[] logMpeakMsun,
                               double[] logMnowMsun, double[] logVmax, double[] dLogC, double[] radiusFraction,
                               double[] hostLogMsun, double[] z3, double[] z10, double[] zConformity,
                               double[] zSmall, double[] zLarge, double[] zWeb, double[] logMstarHaloPart,
                               double[] logMstarNoiseless) {
    /** The terms' file, beside the mock truth file: mock_truth_099.hdf5 → mock_environment_terms_099.csv. */
    public static Path beside(Path truthFile) {
        String name = truthFile.getFileName().toString().replace("mock_truth_", "mock_environment_terms_")
                .replace(".hdf5", ".csv");
        return truthFile.resolveSibling(name);
    }

    static final String HEADER = "dark_subhalo_id,x_mpch,y_mpch,z_mpch,is_central,log_mpeak_msun,log_mnow_msun,"
            + "log_vmax_kms,dlogc,radius_fraction,host_log_m_msun,z_3mpc,z_10mpc,z_conformity,z_field_2mpch,"
            + "z_field_6mpch,z_web,log_mstar_halo_part,log_mstar_noiseless";

    public int size() {
        return x.length;
    }

    /** Columns {@link #readFields} returns: the environmental fields and the concentration offset. */
    static final String[] FIELDS = {"z_3mpc", "z_10mpc", "z_conformity", "z_field_2mpch", "z_field_6mpch", "z_web",
        "dlogc"};

    /**
     * The environmental fields and Δlog c of a terms file, by dark subhalo id (index), leaving out
     * the fields the mock's model does not use (all zero).
     */
    public static Map<String, double[]> readFields(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mock's terms " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(file + ": not a mock terms file (its first line should be " + HEADER + ")");
        }
        List<String> header = List.of(HEADER.split(","));
        int n = lines.size() - 1;
        double[][] columns = new double[FIELDS.length][n];
        int[] at = new int[FIELDS.length];
        for (int f = 0; f < FIELDS.length; f++) {
            at[f] = header.indexOf(FIELDS[f]);
        }
        for (int k = 0; k < n; k++) {
            String[] v = lines.get(k + 1).split(",");
            if (v.length != header.size() || Integer.parseInt(v[0]) != k) {
                throw new IllegalArgumentException(file + " line " + (k + 2) + ": expected " + header.size()
                        + " values for dark subhalo " + k + ", got '" + lines.get(k + 1) + "'");
            }
            for (int f = 0; f < FIELDS.length; f++) {
                columns[f][k] = Double.parseDouble(v[at[f]]);
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int f = 0; f < FIELDS.length; f++) {
            if (Arrays.stream(columns[f]).anyMatch(d -> d != 0)) {
                out.put(FIELDS[f], columns[f]);
            }
        }
        return out;
    }

    void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (int k = 0; k < size(); k++) {
                // %.5f writes NaN as "NaN": a central has no orbit radius.
                w.write(String.format(Locale.ROOT, "%d,%.5f,%.5f,%.5f,%d,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,"
                                + "%.5f,%.5f,%.5f,%.5f%n", k, x[k], y[k], z[k], central[k] ? 1 : 0, logMpeakMsun[k],
                        logMnowMsun[k], logVmax[k], dLogC[k], central[k] ? Double.NaN : radiusFraction[k],
                        hostLogMsun[k], z3[k], z10[k], zConformity[k], zSmall[k], zLarge[k], zWeb[k],
                        logMstarHaloPart[k], logMstarNoiseless[k]));
            }
        }
    }
}
