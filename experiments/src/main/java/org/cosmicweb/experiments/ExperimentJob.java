package org.cosmicweb.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.gnn.StepEngine;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code experiment} command's job. Its run folder is opened first (refused when it is not this
 * program's or lies in, or holds, an input; locked against a second run on it; its folder checked
 * writable), then the catalog is loaded (the embedded mock generated if needed), every cheap check
 * made ({@link ExperimentRunner#check}), and only then do the models train; the report replaces the
 * folder when complete.
 *
 * @param provenance what the manifest records about how the run was started ({@link ReportWriter#provenance})
 */
public record ExperimentJob(ExperimentConfig config, Path out, ObjectNode provenance, List<AtomicOutput.Input> inputs,
                            StepEngine.Factory backend) {
    public ExperimentResult run(Supplier<ExperimentData> load, Progress progress) {
        try (AtomicOutput output = AtomicOutput.open(ReportWriter.target(out).inputs(inputs))) {
            ExperimentData data = load.get();
            ExperimentRunner runner = new ExperimentRunner(config, progress, backend);
            ExperimentResult result = runner.run(data);
            ReportWriter.write(result, output, provenance);
            return result;
        }
    }
}
