package org.cosmicweb.experiments.cli;

import org.cosmicweb.experiments.GraphSpec;
import picocli.CommandLine.Option;

/** --projection, --los and --dv-max: 3D radius graphs or projected (sky-plane) ones. */
public final class ProjectionOptions {
    @Option(names = "--projection", defaultValue = "3d", paramLabel = "3d|2d",
            description = "3d: link in 3D; 2d: link in projected separation on the plane perpendicular to --los, with"
                    + " only redshifts along the line of sight (Hubble flow plus peculiar velocity), as an observer sees"
                    + " the sky (default: ${DEFAULT-VALUE}).")
    String projection;

    @Option(names = "--los", defaultValue = "z", paramLabel = "x|y|z",
            description = "Line of sight of --projection 2d (default: ${DEFAULT-VALUE}).")
    String los;

    @Option(names = "--dv-max", paramLabel = "KM/S",
            description = "With --projection 2d: link only pairs whose redshifts cz differ by less than this (km/s,"
                    + " > 0 and below half the box in redshift, 50 h L; default: no window).")
    Double dvMax;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /** Whether --los was given (on the command line or in a --config file), not left at its default. */
    boolean losGiven() {
        return JsonDefaults.given(mixee, "--los");
    }

    /** --los and --dv-max describe projected graphs: refused with a graph that is not one ({@code what}). */
    void refuseFor(String what) {
        if (losGiven()) {
            throw new IllegalArgumentException("--los " + los + " is the line of sight of --projection 2d; " + what
                    + " has none");
        }
        if (dvMax != null) {
            throw new IllegalArgumentException("--dv-max " + dvMax + " windows the redshifts of --projection 2d graphs; "
                    + what + " links in real space");
        }
    }

    static int axis(String los) {
        return switch (los.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "x" -> 0;
            case "y" -> 1;
            case "z" -> 2;
            default -> throw new IllegalArgumentException("--los must be x, y or z, got '" + los + "'");
        };
    }

    /** --dv-max with 3D graphs only: refused, naming the projection it needs. */
    static void refuseWindowIn3d(Double dvMax, String projection, String needs) {
        if (dvMax != null && "3d".equalsIgnoreCase(projection.strip())) {
            throw new IllegalArgumentException("--dv-max " + dvMax + " windows the redshifts of projected graphs: it needs "
                    + needs + " (3D graphs link in real space)");
        }
    }

    double dvMaxKms() {
        if (dvMax != null && !(dvMax > 0)) {
            throw new IllegalArgumentException("--dv-max must be a positive velocity in km/s, got " + dvMax);
        }
        return dvMax == null ? Double.POSITIVE_INFINITY : dvMax;
    }

    /** The radius graph at linking length D these options describe; --los and --dv-max are checked even for 3D, as experiment does. */
    GraphSpec radius(double linkingLengthMpc) {
        int axis = axis(los);
        double dv = dvMaxKms();
        return switch (projection.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "3d" -> {
                refuseWindowIn3d(dvMax, projection, "--projection 2d");
                refuseFor("a 3D graph");
                yield GraphSpec.radius(linkingLengthMpc);
            }
            case "2d" -> GraphSpec.projected(linkingLengthMpc, axis, dv);
            default -> throw new IllegalArgumentException("--projection must be 3d or 2d, got '" + projection + "'");
        };
    }
}
