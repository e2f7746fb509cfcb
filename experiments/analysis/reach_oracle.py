#!/usr/bin/env python3
"""What a model limited to the graph's galaxies within a linking length D could reach on a `field` or `web` mock.

mock_oracle.py's term oracle knows the generator's fields exactly: they are built from every dark subhalo above
10^11 Msun (galaxies the cuts drop included) and reach as far as their Gaussian kernels do (σ = 6 Mpc/h is 8.9 Mpc,
so most of that kernel lies beyond D = 10 Mpc). A GNN sees neither. This script rebuilds the same three fields off
the grid, as exact sums over periodic pairs, from the tracers a model can see:
  * rho2, rho6: the halo-mass density smoothed with Gaussians of σ = 2 and 6 Mpc/h;
  * q: the shear of the Hessian of rho2, q = sqrt(((l1-l2)^2 + (l2-l3)^2 + (l1-l3)^2) / 2) of the eigenvalues of
    sum_j m_j K(r_ij) r_ij r_ij^T (the Hessian's isotropic part does not change q);
for three tracer sets:
  generator  every dark subhalo above 10^11 Msun, unbounded (checks the sums against the generator's terms);
  graph      the graph's galaxies (the predictions' rows), unbounded;
  graph<D    the graph's galaxies closer than D Mpc (a one-round GNN at linking length D sees no more).
Each set feeds mock_oracle's cubic least-squares fit (own halo features, for satellites also the orbit radius and
host mass, and log rho2, log rho6, log q), fitted on x < L/2 and scored on x >= L/2, beside the generator's exact
terms and the model columns on the same galaxies. Each set's sums are first checked against a plain loop over every
tracer on 200 galaxies (the script stops if they disagree). The graph<D set is also fitted with four equal shells' log mass
and number as extra linear terms (is the reference held back by its kernels?), and without rho6 or without q.
Needs numpy and scipy. Usage:
  python3 experiments/analysis/reach_oracle.py MOCK_DIR predictions.csv D_MPC [COLUMN ...]
"""
import glob
import json
import sys

import numpy as np
from scipy.spatial import cKDTree

from mock_oracle import oracle, rms

SIGMA_SMALL, SIGMA_LARGE = 2.0, 6.0  # Mpc/h, as the generator's SIGMA_FIELD_SMALL / LARGE and SIGMA_WEB
KERNEL_REACH = 4.0  # sigmas: exp(-8) of the peak


def kernel_fields(pos, box, tracers, mass, reach, chunk=1500, shells=4):
    """rho2, rho6 and the Hessian shear q at each of pos from tracers (Mpc/h) closer than reach, periodic;
    and the tracers' mass and number in `shells` equal shells of radius out to rmax."""
    tree = cKDTree(tracers, boxsize=box)
    rmax = min(reach, KERNEL_REACH * SIGMA_LARGE)
    rho2, rho6, q = np.zeros(len(pos)), np.zeros(len(pos)), np.zeros(len(pos))
    shell_mass, shell_count = np.zeros((len(pos), shells)), np.zeros((len(pos), shells))
    for lo in range(0, len(pos), chunk):
        hits = tree.query_ball_point(pos[lo:lo + chunk], rmax)
        owner = np.repeat(np.arange(len(hits)), [len(h) for h in hits])
        j = np.concatenate([np.asarray(h, dtype=np.int64) for h in hits])
        d = tracers[j] - pos[lo:lo + chunk][owner]
        d -= box * np.round(d / box)  # minimum image
        r2 = np.einsum("ij,ij->i", d, d)
        w2 = mass[j] * np.exp(-r2 / (2 * SIGMA_SMALL ** 2))
        w6 = mass[j] * np.exp(-r2 / (2 * SIGMA_LARGE ** 2))
        n = len(hits)
        k = np.minimum((np.sqrt(r2) / rmax * shells).astype(int), shells - 1)
        for b in range(shells):
            shell_mass[lo:lo + n, b] = np.bincount(owner[k == b], mass[j][k == b], n)
            shell_count[lo:lo + n, b] = np.bincount(owner[k == b], None, n)
        rho2[lo:lo + n] = np.bincount(owner, w2, n)
        rho6[lo:lo + n] = np.bincount(owner, w6, n)
        t = np.zeros((n, 3, 3))
        for a in range(3):
            for b in range(a, 3):
                t[:, a, b] = t[:, b, a] = np.bincount(owner, w2 * d[:, a] * d[:, b], n)
        lam = np.linalg.eigvalsh(t)
        q[lo:lo + n] = np.sqrt(0.5 * ((lam[:, 0] - lam[:, 1]) ** 2 + (lam[:, 1] - lam[:, 2]) ** 2
                                      + (lam[:, 0] - lam[:, 2]) ** 2))
    return rho2, rho6, q, np.log10(1 + shell_mass), np.log10(1 + shell_count)


def brute_force_check(pos, box, tracers, mass, reach, sample=200, seed=1):
    """kernel_fields on a few galaxies against a plain loop over every tracer (minimum image on each axis)."""
    pick = np.random.default_rng(seed).choice(len(pos), size=min(sample, len(pos)), replace=False)
    fast = kernel_fields(pos[pick], box, tracers, mass, reach)
    rmax = min(reach, KERNEL_REACH * SIGMA_LARGE)
    for k, i in enumerate(pick):
        d = tracers - pos[i]
        d = np.where(d > box / 2, d - box, np.where(d < -box / 2, d + box, d))
        r = np.sqrt((d * d).sum(1))
        near = r <= rmax
        w = mass[near] * np.exp(-r[near] ** 2 / (2 * SIGMA_SMALL ** 2))
        t = (w[:, None, None] * d[near][:, :, None] * d[near][:, None, :]).sum(0)
        lam = np.linalg.eigvalsh(t)
        want = (w.sum(), (mass[near] * np.exp(-r[near] ** 2 / (2 * SIGMA_LARGE ** 2))).sum(),
                np.sqrt(0.5 * ((lam[0] - lam[1]) ** 2 + (lam[1] - lam[2]) ** 2 + (lam[0] - lam[2]) ** 2)))
        for got, exp_, name in zip((fast[0][k], fast[1][k], fast[2][k]), want, ("rho2", "rho6", "q")):
            if not np.isclose(got, exp_, rtol=1e-9, atol=1e-12):
                sys.exit(f"kernel sums disagree with the brute-force loop at galaxy {i}: {name} {got} against {exp_}")


def log_features(rho2, rho6, q):
    floor = lambda v: np.log10(np.maximum(v, 1e-3 * np.median(v[v > 0])))
    return np.column_stack([floor(rho2), floor(rho6), floor(q)])


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    mock, preds, reach_mpc = argv[0], argv[1], float(argv[2])
    found = glob.glob(mock + "/*/postprocessing/mock_environment_terms_*.csv")
    if not found:
        sys.exit(f"{mock}: no */postprocessing/mock_environment_terms_*.csv; regenerate the mock with this version")
    with open(mock + "/mock_universe.json") as f:
        meta = json.load(f)
    h, box = meta["config"]["hubble"], meta["config"]["box_mpch"]
    if meta["config"]["environment"] not in ("field", "web"):
        sys.exit(f"{mock}: environment {meta['config']['environment']}; this script rebuilds field and web terms")
    terms = np.genfromtxt(found[0], delimiter=",", names=True)
    pred = np.genfromtxt(preds, delimiter=",", names=True, deletechars="")  # keep gnn_D7.5 as written
    t = terms[pred["dark_subhalo_id"].astype(int)]
    if np.max(np.abs(t["log_mnow_msun"] - pred["log_mhalo"])) > 1e-3:
        sys.exit("the predictions do not belong to this mock (halo masses differ)")
    cols = argv[3:] or [c for c in pred.dtype.names if c.startswith("gnn") and "sigma" not in c]
    xyz = lambda r: np.column_stack([r["x_mpch"], r["y_mpch"], r["z_mpch"]]) % box
    pos = xyz(t)
    obs, nl = pred["log_mstar_true"], t["log_mstar_noiseless"]
    cen = pred["is_central"] == 1
    test = pos[:, 0] >= box / 2
    own_c = np.column_stack([t["log_mnow_msun"], t["log_vmax_kms"]])
    own_s = np.column_stack([own_c, np.nan_to_num(t["radius_fraction"]), t["host_log_m_msun"]])

    tracer = terms["log_mnow_msun"] >= 11.0
    sets = {
        "generator tracers, unbounded": (xyz(terms[tracer]), 10 ** (terms["log_mnow_msun"][tracer] - 11), np.inf),
        "graph galaxies, unbounded": (pos, 10 ** (t["log_mnow_msun"] - 11), np.inf),
        f"graph galaxies within D = {reach_mpc:g} Mpc": (pos, 10 ** (t["log_mnow_msun"] - 11), reach_mpc * h),
    }
    print(f"{len(pred)} galaxies ({cen.sum()} centrals); {tracer.sum()} generator tracers (dark subhalos above "
          f"1e11 Msun), of which {np.isin(np.flatnonzero(tracer), pred['dark_subhalo_id'].astype(int)).sum()} "
          f"are graph galaxies; noise floor {rms(obs - nl):.4f}; scored on x >= L/2 ({test.sum()} galaxies)")
    gen = np.column_stack([t["z_field_2mpch"], t["z_field_6mpch"], t["z_web"]])
    rows = [("generator's exact terms (mock_oracle's term oracle)", gen)]
    for name, (tr, m, reach) in sets.items():
        brute_force_check(pos, box, tr, m, reach)
        fields = kernel_fields(pos, box, tr, m, reach)
        env = log_features(*fields[:3])
        # z_web is log q minus its cubic fit in the log density: compare like with like
        shear = env[:, 2] - np.polyval(np.polyfit(env[:, 0], env[:, 2], 3), env[:, 0])
        c = [np.corrcoef(v, gen[:, k])[0, 1] for k, v in enumerate([env[:, 0], env[:, 1], shear])]
        rows.append((name, env))
        print(f"{name}: corr with the generator's z_field_2mpch {c[0]:.3f}, z_field_6mpch {c[1]:.3f}, "
              f"z_web {c[2]:.3f} (log q minus its cubic fit in log rho2)")
    print(f"\n| fit on x < L/2, scored on x >= L/2 | all | / floor | centrals | satellites |\n|---|---:|---:|---:|---:|")
    floor = rms((obs - nl)[test])

    def row(label, p):
        e = (p - obs)[test]
        print(f"| {label} | {rms(e):.4f} | {rms(e) / floor:.3f} | {rms(e[cen[test]]):.4f} | {rms(e[~cen[test]]):.4f} |")

    for name, env in rows:
        row(f"oracle on {name}", oracle(own_c, own_s, env, obs, cen, test))
    # More of what lies within D than three kernel sums: the mass and number of galaxies in four shells
    # (linear terms), so the reference is not held back by the generator's choice of kernels.
    row("oracle within D, with shell masses and counts",
        oracle(own_c, own_s, rows[-1][1], obs, cen, test, np.column_stack(fields[3:])))
    for drop, label in ((1, "without rho6"), (2, "without q")):
        row(f"oracle within D, {label}", oracle(own_c, own_s, np.delete(rows[-1][1], drop, axis=1), obs, cen, test))
    for c in cols:
        row(c, pred[c])

if __name__ == "__main__":
    main(sys.argv[1:])
