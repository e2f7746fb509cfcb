#!/usr/bin/env python3
"""How much of a mock's environmental signal no translation-invariant model can predict.

The generator (`cosmicweb simulate`) computes the `neighbours` and `field` environmental terms on a
periodic cloud-in-cell grid (cells of at most 0.8 Mpc/h, 0.78 on a 100 Mpc/h box) smoothed with
Gaussians of sigma = 1 and 6.5 Mpc (`neighbours`: 0.68 and 4.4 Mpc/h at h = 0.6774) or 2 and 6 Mpc/h
(`field`). A kernel that narrow on cells that wide makes each term depend on where the galaxy and
its neighbours sit inside their cells, not only on their separations. A model whose inputs do not
know where the generator's cells lie (the GNN's E(3)-invariant edge features, an overdensity in
spheres) cannot predict that part.

This script rebuilds the terms from the generator's own record (`mock_environment_terms_SSS.csv`:
positions, central flags, masses, concentration offsets), checks the rebuild against the recorded
terms, then rebuilds them with the whole catalog moved by random sub-cell offsets (the same as moving
the grid) and reports, over the galaxies after the literature cuts:
  * each term's phase scatter: the RMS over galaxies of its standard deviation across offsets;
  * the same for the environmental part of log M* (the terms times the generator's coefficients);
  * the floor such a model can reach at best, sqrt(noise floor^2 + phase variance), and its ratio
    to the noise floor.
It is a lower bound of what is reachable (the model must still find the rest), not an estimate.
Needs numpy. Usage:
  python3 experiments/analysis/grid_phase.py MOCK_DIR [SHIFTS] [SEED]
"""
import glob
import json
import sys

import numpy as np


def cic(pos, box, n):
    f = pos / (box / n) - 0.5
    i0 = np.floor(f).astype(np.int64)
    d = f - i0
    for a in (0, 1):
        for b in (0, 1):
            for c in (0, 1):
                w = (d[:, 0] if a else 1 - d[:, 0]) * (d[:, 1] if b else 1 - d[:, 1]) * (d[:, 2] if c else 1 - d[:, 2])
                yield ((i0[:, 0] + a) % n, (i0[:, 1] + b) % n, (i0[:, 2] + c) % n), w


def deposit(pos, weight, box, n):
    g = np.zeros((n, n, n))
    for idx, w in cic(pos, box, n):
        np.add.at(g, idx, weight * w)
    return g


def interpolate(g, pos, box, n):
    out = np.zeros(len(pos))
    for idx, w in cic(pos, box, n):
        out += w * g[idx]
    return out


def smooth(g, box, sigma):
    n = g.shape[0]
    k = 2 * np.pi * np.fft.fftfreq(n, d=box / n)
    k2 = k[:, None, None] ** 2 + k[None, :, None] ** 2 + k[None, None, :] ** 2
    return np.real(np.fft.ifftn(np.fft.fftn(g) * np.exp(-0.5 * k2 * sigma * sigma)))


def standardised(x):
    return (x - x.mean()) / max(x.std(), 1e-6)


def log_density(g, pos, box, n):
    return standardised(np.log10(np.maximum(0.03, interpolate(g, pos, box, n) / g.mean())))


def grid_size(box):
    n = 64
    while n < 256 and box / n > 0.8:
        n *= 2
    return n


def terms(t, model, pos, box, n, h):
    """The model's environmental terms of every subhalo at positions pos, as the generator computes them."""
    if model == "neighbours":
        host = (t["is_central"] == 1) & (t["log_mpeak_msun"] >= np.log10(2e11 / h))
        count = deposit(pos[host], np.ones(host.sum()), box, n)
        conc = deposit(pos[host], t["dlogc"][host], box, n)
        count3 = smooth(count, box, 1.0 * h)
        c = interpolate(count3, pos, box, n)
        s = interpolate(smooth(conc, box, 1.0 * h), pos, box, n)
        ratio = np.where(c > 0.05, s / np.where(c > 0.05, c, 1), 0)
        return {"z_3mpc": log_density(count3, pos, box, n),
                "z_10mpc": log_density(smooth(count, box, 6.5 * h), pos, box, n),
                "z_conformity": standardised(ratio)}
    if model == "field":
        heavy = t["log_mnow_msun"] >= 11.0
        mass = deposit(pos[heavy], 10 ** (t["log_mnow_msun"][heavy] - 11), box, n)
        return {"z_field_2mpch": log_density(smooth(mass, box, 2.0), pos, box, n),
                "z_field_6mpch": log_density(smooth(mass, box, 6.0), pos, box, n)}
    sys.exit(f"environment model {model}: only neighbours and field are rebuilt here")


COEFFICIENTS = {"z_3mpc": "a_3mpc", "z_10mpc": "a_10mpc", "z_conformity": "a_conformity",
                "z_field_2mpch": "a_field_2mpch", "z_field_6mpch": "a_field_6mpch"}


def main(argv):
    if not argv:
        sys.exit(__doc__)
    shifts = int(argv[1]) if len(argv) > 1 else 16
    seed = int(argv[2]) if len(argv) > 2 else 1
    found = glob.glob(argv[0] + "/*/postprocessing/mock_environment_terms_*.csv")
    if not found:
        sys.exit(f"{argv[0]}: no */postprocessing/mock_environment_terms_*.csv (cosmicweb simulate --force writes it)")
    with open(argv[0] + "/mock_universe.json") as f:
        meta = json.load(f)
    cfg, sm = meta["config"], meta["stellar_mass_model"]
    box, h, model = cfg["box_mpch"], cfg["hubble"], cfg["environment"]
    n = grid_size(box)
    t = np.genfromtxt(found[0], delimiter=",", names=True)
    pos = np.column_stack([t["x_mpch"], t["y_mpch"], t["z_mpch"]]) % box
    cut = (t["log_mstar_noiseless"] > 9) & (t["log_mnow_msun"] > 11)
    base = terms(t, model, pos, box, n, h)
    for k, v in base.items():
        diff = np.abs(v - t[k])
        off = np.mean(diff > 1e-2)  # the record's 5 decimals can flip a galaxy across the generator's thresholds
        print(f"{k}: rebuilt on the generator's {n}^3 grid, median difference from the record {np.median(diff):.1e}, "
              f"{off:.2e} of the subhalos off by more than 0.01")
        if off > 1e-3:
            sys.exit(f"{k}: the rebuild does not match the generator's record ({off:.2%} of the subhalos differ)")
    coef = {k: sm[COEFFICIENTS[k]] * sm["strength"] for k in base}
    rng = np.random.default_rng(seed)
    runs = {k: [] for k in base}
    env = []
    for _ in range(shifts):
        moved = terms(t, model, (pos + rng.uniform(0, box / n, 3)) % box, box, n, h)
        for k in base:
            runs[k].append(moved[k][cut])
        env.append(sum(coef[k] * moved[k][cut] for k in base))
    floor = meta["noise_floor_dex_logmstar_gt_9"]
    cen = t["is_central"][cut] == 1
    print(f"{model} mock, seed {cfg['seed']}: {cut.sum()} galaxies after the cuts, {shifts} random sub-cell offsets")
    for k in base:
        sd = np.std(np.array(runs[k]), axis=0, ddof=1)
        print(f"  {k} (coefficient {coef[k]:+.2f}): phase scatter {np.sqrt(np.mean(sd ** 2)):.3f} "
              f"(centrals {np.sqrt(np.mean(sd[cen] ** 2)):.3f}, satellites {np.sqrt(np.mean(sd[~cen] ** 2)):.3f}) "
              f"in units of the term's standard deviation")
    var = np.var(np.array(env), axis=0, ddof=1)
    print(f"  environmental part of log M*: phase scatter {np.sqrt(var.mean()):.4f} dex "
          f"(centrals {np.sqrt(var[cen].mean()):.4f}, satellites {np.sqrt(var[~cen].mean()):.4f})")
    reach = np.sqrt(floor ** 2 + var.mean())
    print(f"  noise floor {floor:.4f} dex; a model blind to the grid's cells reaches at best {reach:.4f} "
          f"({reach / floor:.3f}x the floor)")


if __name__ == "__main__":
    main(sys.argv[1:])
