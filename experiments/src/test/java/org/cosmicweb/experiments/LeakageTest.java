package org.cosmicweb.experiments;

import org.cosmicweb.graph.SpatialFolds;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The leakage property for every baseline (the GNN's is {@link GnnTrainingDataTest}): whatever the
 * validation fold's stellar masses are, the fitted model is the same, so its predictions, on the
 * training galaxies and on the validation galaxies alike, do not move. The negative control:
 * changing the training galaxies' stellar masses does move them.
 */
class LeakageTest {
    @TempDir
    static Path dir;
    static SubhaloCatalog cat;
    static SpatialFolds.Fold fold;

    @BeforeAll
    static void mock() {
        cat = Fixtures.mock(dir.resolve("m"), 23, 40);
        fold = SpatialFolds.split(cat.positionsMpc(), cat.boxSizeMpc(), 3, 4, 2).get(1);
    }

    private static GalaxyModel model(String name) {
        BoostingModel.Options boost = new BoostingModel.Options(30, 0.1, 4, 0.8, 5, 7);
        return switch (name) {
            case "sham" -> new Sham();
            case "boost_noenv" -> new BoostingModel("boost_noenv", new double[0], boost);
            case "boost_overdensity_all" -> new BoostingModel("boost_overdensity_all", new double[] {1, 3}, boost);
            case "ebm_overdensity_all" -> new ExplainableBoosting("ebm_overdensity_all",
                    new HaloFeatures(new double[] {1, 3}, false), new ExplainableBoosting.Options(16, 4, 40, 10, 1, 0.1, 20));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static double[][] fitAndPredict(GalaxyModel m, ExperimentData d) {
        try (GalaxyModel.Fitted f = m.fit(d, fold.train(), fold.validation())) {
            return new double[][] {f.predict(d, fold.train()).mean(), f.predict(d, fold.validation()).mean()};
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sham", "boost_noenv", "boost_overdensity_all", "ebm_overdensity_all"})
    void validationTargetsCannotChangeTheFittedModel(String name) {
        ExperimentData clean = new ExperimentData(cat);
        ExperimentData perturbed = new ExperimentData(cat);
        for (int i : fold.validation()) {
            perturbed.target[i] += 3.0 + Math.sin(i);
        }
        double[][] a = fitAndPredict(model(name), clean);
        double[][] b = fitAndPredict(model(name), perturbed);
        assertArrayEquals(a[0], b[0], name + ": predictions on the training galaxies moved");
        assertArrayEquals(a[1], b[1], name + ": predictions on the validation galaxies moved");
        // The negative control: the same perturbation of training targets is seen.
        ExperimentData moved = new ExperimentData(cat);
        for (int i : fold.train()) {
            moved.target[i] += 0.5 * Math.sin(i);
        }
        double[][] c = fitAndPredict(model(name), moved);
        assertFalse(Arrays.equals(a[0], c[0]), name + " did not see its own training targets change");
    }
}
