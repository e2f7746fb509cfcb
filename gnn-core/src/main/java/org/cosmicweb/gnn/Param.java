package org.cosmicweb.gnn;

/**
 * A named parameter block with its gradient. {@code decayed} marks weight matrices, the only
 * blocks AdamW applies weight decay to (never biases or LayerNorm gains and offsets).
 */
public final class Param {
    public final String name;
    public final float[] value;
    public final float[] grad;
    public final boolean decayed;

    public Param(String name, int size, boolean decayed) {
        this.name = name;
        this.value = new float[size];
        this.grad = new float[size];
        this.decayed = decayed;
    }

    public void zeroGrad() {
        java.util.Arrays.fill(grad, 0f);
    }
}
