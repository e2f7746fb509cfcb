#!/usr/bin/env python3
"""The GNN's networks of every linking length of one run, mixed by precision: what it gains, and where.

For each galaxy, the mixture of the run's gnn_D* Gaussians (calibrated sigma) weighted by precision:
    w_k = sigma_k^-2 / sum_j sigma_j^-2,  mu = sum_k w_k mu_k,  sigma^2 = sum_k w_k (sigma_k^2 + mu_k^2) - mu^2.
Nothing is fitted and no truth is read, so the mixture is out of fold as its parts are. Prints the RMSE of
every scale and of the mixture (all galaxies, centrals, satellites), the mixture's fraction of galaxies
within 1 and 2 sigma, its mean weight per scale, and the paired difference to the best single scale and to
the best baseline column with a 95 % interval (paired_runs.py's bootstrap: over boxes for a suite, else
over a 4 x 4 x 4 grid of spatial blocks). It is a probe, not a model row: where the small scales are blind to the
environment (the `web` and `field` mocks) they outvote the large one. Needs numpy. Usage:
  python3 experiments/analysis/multiscale.py RUN/predictions.csv [SCALE ...]
SCALE: a subset of the gnn_D* columns to mix (e.g. gnn_D3 gnn_D10); default all.
"""
import csv
import sys

import numpy as np

from paired_runs import blocks, paired_difference


def rmse(e):
    return float(np.sqrt(np.mean(e * e)))


def main(argv):
    if not argv:
        sys.exit(__doc__)
    with open(argv[0]) as f:
        rows = list(csv.DictReader(f))
    names = list(rows[0]) if rows else []
    cols = argv[1:] or [c for c in names if c.startswith("gnn_D") and not c.endswith(("_sigma", "_sigma_raw"))]
    missing = [c for c in cols if c not in names or c + "_sigma" not in names]
    if missing or len(cols) < 2:
        sys.exit(f"{argv[0]}: needs two or more gnn_D* columns with their _sigma; missing {missing or cols}")
    p = {c: np.array([float(r[c]) for r in rows]) for c in names if c != "box"}
    y = p["log_mstar_true"]
    mu = np.array([p[c] for c in cols])
    sd = np.array([p[c + "_sigma"] for c in cols])
    if not np.all(np.isfinite(sd) & (sd > 0)):
        sys.exit(f"{argv[0]}: a sigma is not finite and positive")
    w = sd ** -2 / np.sum(sd ** -2, axis=0)
    mix = np.sum(w * mu, axis=0)
    mix_sd = np.sqrt(np.maximum(0, np.sum(w * (sd ** 2 + mu ** 2), axis=0) - mix ** 2))
    cen = p["is_central"] == 1
    print(f"{len(y)} galaxies; scales mixed: {', '.join(cols)}")
    for name, pred in [(c, p[c]) for c in cols] + [("mixture", mix)]:
        e = pred - y
        print(f"  {name:10s} RMSE {rmse(e):.5f} (centrals {rmse(e[cen]):.5f}, satellites {rmse(e[~cen]):.5f})")
    z = np.abs(mix - y) / mix_sd
    print(f"  mixture within 1 sigma {np.mean(z < 1):.3f}, within 2 sigma {np.mean(z < 2):.3f}; mean weights "
          + ", ".join(f"{c} {m:.3f}" for c, m in zip(cols, w.mean(axis=1))))
    keys = blocks(rows)
    best = min(cols, key=lambda c: rmse(p[c] - y))
    baselines = [c for c in names if c.startswith(("boost", "ebm", "sham"))]
    refs = [("best scale " + best, p[best])]
    if baselines:
        b = min(baselines, key=lambda c: rmse(p[c] - y))
        refs.append(("best baseline " + b, p[b]))
    for label, ref in refs:
        d, lo, hi, n = paired_difference(keys, y, ref, mix)
        print(f"  mixture - {label}: {d:+.5f} [{lo:+.5f}, {hi:+.5f}] ({n} {'boxes' if 'box' in names else 'blocks'})")


if __name__ == "__main__":
    main(sys.argv[1:])
