package org.cosmicweb.simulations.mock;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.cosmicweb.simulations.CatalogException;
import org.cosmicweb.simulations.FileTrees;
import org.cosmicweb.simulations.SubhaloMatching;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a generated mock into the TNG folder layout of {@link TngLayout}: chunked group catalogs
 * for both runs, the matching file, the mock truth file and a sidecar {@code mock_universe.json}.
 * Everything is written into a temporary folder beside the target and moved into place only when
 * complete, so a failed or interrupted run leaves nothing half-written.
 */
public final class MockUniverseWriter {
    public static final String SIDECAR = "mock_universe.json";

    private MockUniverseWriter() {
    }

    public static void write(MockUniverse.Result mock, MockUniverseConfig cfg, TngLayout layout, boolean overwrite) {
        Path root = layout.root().toAbsolutePath();
        Path[] targets = {root.resolve(layout.hydroRun()), root.resolve(layout.darkRun()), root.resolve(SIDECAR)};
        if (!overwrite) {
            for (Path t : targets) {
                if (Files.exists(t)) {
                    throw new CatalogException(t + " already exists; choose another folder or overwrite it explicitly");
                }
            }
        }
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempDirectory(root, ".mock-tmp-");
            try {
                TngLayout staged = new TngLayout(tmp, layout.hydroRun(), layout.darkRun(), layout.snapshot());
                GroupCatalogWriter.write(mock.dark(), cfg.chunks(), staged, staged.darkGroups(), null);
                GroupCatalogWriter.write(mock.hydro(), cfg.chunks(), staged, staged.hydroGroups(), mock);
                writeMatching(mock, staged);
                writeTruth(mock, staged);
                Files.writeString(tmp.resolve(SIDECAR), mock.parametersJson() + "\n", StandardCharsets.UTF_8);
                for (Path t : targets) {
                    FileTrees.delete(t);
                    Files.move(tmp.resolve(t.getFileName()), t, StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                FileTrees.delete(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the mock universe into " + root + ": " + e.getMessage(), e);
        }
    }

    private static void writeMatching(MockUniverse.Result mock, TngLayout layout) throws IOException {
        Files.createDirectories(layout.matchingFile().getParent());
        try (WritableHdfFile f = HdfFile.write(layout.matchingFile())) {
            WritableGroup snap = f.putGroup(layout.matchingGroup());
            snap.putDataset(SubhaloMatching.LHALOTREE, mock.matchLHaloTree());
            snap.putDataset(SubhaloMatching.SUBLINK, mock.matchSubLink());
        }
    }

    private static void writeTruth(MockUniverse.Result mock, TngLayout layout) throws IOException {
        Files.createDirectories(layout.mockTruthFile().getParent());
        try (WritableHdfFile f = HdfFile.write(layout.mockTruthFile())) {
            f.putAttribute("description", "noiseless log10 M* [Msun] of the mock generator, per hydro subhalo");
            f.putAttribute("MockNoiseFloorDex", mock.noiseFloorDex());
            f.putDataset(TngCatalogLoader.TRUTH_FIELD, mock.hydroLogMstarNoiseless());
        }
    }
}
