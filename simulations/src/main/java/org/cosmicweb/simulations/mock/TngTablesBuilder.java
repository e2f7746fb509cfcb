package org.cosmicweb.simulations.mock;

/**
 * Fills {@link TngTables} subhalo by subhalo and group by group, converting doubles to the
 * float32 TNG stores and wrapping positions into [0, box) after the rounding.
 */
public final class TngTablesBuilder {
    private final double boxCode;
    private final int nSub;
    private final int nGroups;
    private final float[] pos;
    private final float[] vel;
    private final float[] vmax;
    private final float[] massType;
    private final int[] lenType;
    private final int[] grNr;
    private final byte[] flag;
    private final int[] firstSub;
    private final int[] nsubs;
    private final float[] groupPos;
    private final float[] groupM200;
    private int sub;
    private int nextFirst;

    public TngTablesBuilder(double boxCode, int nSub, int nGroups) {
        this.boxCode = boxCode;
        this.nSub = nSub;
        this.nGroups = nGroups;
        pos = new float[3 * nSub];
        vel = new float[3 * nSub];
        vmax = new float[nSub];
        massType = new float[6 * nSub];
        lenType = new int[6 * nSub];
        grNr = new int[nSub];
        flag = new byte[nSub];
        firstSub = new int[nGroups];
        nsubs = new int[nGroups];
        groupPos = new float[3 * nGroups];
        groupM200 = new float[nGroups];
    }

    static float wrapped(double x, double box) {
        float f = (float) org.cosmicweb.simulations.TngUnits.wrap(x, box);
        return f >= (float) box || f < 0 ? 0f : f;
    }

    public void addSubhalo(int group, double x, double y, double z, double vx, double vy, double vz, float vmaxKms,
                    double[] masses, int[] lens, boolean ok) {
        pos[3 * sub] = wrapped(x, boxCode);
        pos[3 * sub + 1] = wrapped(y, boxCode);
        pos[3 * sub + 2] = wrapped(z, boxCode);
        vel[3 * sub] = (float) vx;
        vel[3 * sub + 1] = (float) vy;
        vel[3 * sub + 2] = (float) vz;
        vmax[sub] = vmaxKms;
        for (int t = 0; t < 6; t++) {
            massType[6 * sub + t] = (float) masses[t];
            lenType[6 * sub + t] = lens[t];
        }
        grNr[sub] = group;
        flag[sub] = (byte) (ok ? 1 : 0);
        sub++;
    }

    /** Groups must be added in order, after their subhalos; a group with no subhalos gets GroupFirstSub -1. */
    public void addGroup(int group, int members, double x, double y, double z, double m200Code) {
        nsubs[group] = members;
        firstSub[group] = members > 0 ? nextFirst : -1;
        nextFirst += members;
        groupPos[3 * group] = wrapped(x, boxCode);
        groupPos[3 * group + 1] = wrapped(y, boxCode);
        groupPos[3 * group + 2] = wrapped(z, boxCode);
        groupM200[group] = (float) m200Code;
    }

    float[] groupPos() {
        return groupPos;
    }

    public TngTables build() {
        if (sub != nSub || nextFirst != nSub) {
            throw new IllegalStateException("filled " + sub + " subhalos and groups covering " + nextFirst
                    + ", expected " + nSub);
        }
        return new TngTables(boxCode, nSub, nGroups, pos, vel, vmax, massType, lenType, grNr, flag, firstSub, nsubs,
                groupPos, groupM200);
    }
}
