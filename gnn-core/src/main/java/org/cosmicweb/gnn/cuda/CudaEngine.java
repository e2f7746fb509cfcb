package org.cosmicweb.gnn.cuda;

import org.cosmicweb.gnn.GnnModel;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.StepEngine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The GPU {@link StepEngine}: parameters, optimiser state and every batch seen stay on the GPU for
 * the whole training run (each batch is copied once, at first use; noisy node features are copied
 * per step). Snapshots go through the model's arrays.
 */
public final class CudaEngine implements StepEngine {
    private final GnnModel model;
    private final CudaGnn gpu;
    private final Map<GraphBatch, DeviceGraph> graphs = new IdentityHashMap<>();
    /** Batches whose GPU copy holds noisy node features. */
    private final Set<GraphBatch> noisy = Collections.newSetFromMap(new IdentityHashMap<>());

    public CudaEngine(GnnModel model, double weightDecay, boolean tf32, double beta) {
        this.model = model;
        this.gpu = new CudaGnn(model, weightDecay, tf32, beta);
    }

    /** The GPU copy of g with its own node features. */
    private DeviceGraph device(GraphBatch g) {
        DeviceGraph dg = graphs.computeIfAbsent(g, DeviceGraph::new);
        if (noisy.remove(g)) {
            dg.setNodeFeatures(g.nodeFeatures);
        }
        return dg;
    }

    @Override
    public double lossAndGradients(GraphBatch g, float[] x) {
        DeviceGraph dg = x == null ? device(g) : graphs.computeIfAbsent(g, DeviceGraph::new);
        if (x != null) {
            dg.setNodeFeatures(x);
            noisy.add(g);
        }
        return gpu.lossAndGradients(dg);
    }

    @Override
    public void step(double lr) {
        gpu.step(lr);
    }

    @Override
    public double loss(GraphBatch g) {
        return gpu.loss(device(g));
    }

    @Override
    public float[][] snapshot() {
        gpu.copyToModel();
        return model.snapshot();
    }

    @Override
    public void restore(float[][] values) {
        model.restore(values);
        gpu.upload();
    }

    @Override
    public void finish() {
        gpu.copyToModel();
    }

    @Override
    public void close() {
        graphs.values().forEach(DeviceGraph::close);
        graphs.clear();
        gpu.close();
    }
}
