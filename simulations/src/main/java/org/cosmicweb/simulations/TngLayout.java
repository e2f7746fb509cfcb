package org.cosmicweb.simulations;

import java.nio.file.Path;

/**
 * Where a TNG-style simulation pair lives on disk, real or mock:
 * {@code ROOT/<hydroRun>/output/groups_SSS/fof_subhalo_tab_SSS.N.hdf5},
 * {@code ROOT/<darkRun>/output/groups_SSS/...} and
 * {@code ROOT/<hydroRun>/postprocessing/subhalo_matching_to_dark.hdf5}.
 */
public record TngLayout(Path root, String hydroRun, String darkRun, int snapshot) {
    public static final String DEFAULT_HYDRO = "TNG300-1";
    public static final String DEFAULT_DARK = "TNG300-1-Dark";
    public static final int DEFAULT_SNAPSHOT = 99;

    public TngLayout {
        if (root == null) {
            throw new IllegalArgumentException("root folder must be given");
        }
        if (snapshot < 0 || snapshot > 999) {
            throw new IllegalArgumentException("snapshot must be in 0..999, got " + snapshot);
        }
    }

    public static TngLayout of(Path root) {
        return new TngLayout(root, DEFAULT_HYDRO, DEFAULT_DARK, DEFAULT_SNAPSHOT);
    }

    private String snap() {
        return String.format("%03d", snapshot);
    }

    public Path hydroGroups() {
        return root.resolve(hydroRun).resolve("output").resolve("groups_" + snap());
    }

    public Path darkGroups() {
        return root.resolve(darkRun).resolve("output").resolve("groups_" + snap());
    }

    /** Chunk file {@code index} of the group catalog in {@code groupsDir}. */
    public Path chunk(Path groupsDir, int index) {
        return groupsDir.resolve("fof_subhalo_tab_" + snap() + "." + index + ".hdf5");
    }

    public Path matchingFile() {
        return root.resolve(hydroRun).resolve("postprocessing").resolve("subhalo_matching_to_dark.hdf5");
    }

    /** Group inside the matching file that holds this snapshot's index arrays. */
    public String matchingGroup() {
        return "Snapshot_" + snapshot;
    }

    /** Optional DisPerSE distances for the dark run's subhalos. */
    public Path disperseFile() {
        return root.resolve(darkRun).resolve("postprocessing").resolve("disperse")
                .resolve("disperse_distances_" + snap() + ".hdf5");
    }

    /** Mock-only: the noiseless stellar masses the generator drew its scatter around. */
    public Path mockTruthFile() {
        return root.resolve(hydroRun).resolve("postprocessing").resolve("mock_truth_" + snap() + ".hdf5");
    }
}
