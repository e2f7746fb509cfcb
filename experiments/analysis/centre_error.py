#!/usr/bin/env python3
"""Each model's error against the distance from the centroid of the catalog's positions (the box centre).

The GNN's position cosines once used that centroid (edge features before 2d2003e), so a spatial fold holding out
the box centre trained on nothing like the features near it. This prints, per shell of distance from the
centroid, the number of galaxies and each column's RMSE and mean error (prediction - true), so a model that
fails near the centre shows it. Needs numpy. Usage:
  python3 experiments/analysis/centre_error.py runs/experiment/predictions.csv gnn_D10 boost_overdensity_all
"""
import sys

import numpy as np

SHELLS = [(0, 10), (10, 20), (20, 30), (30, 50), (50, np.inf)]


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    d = np.genfromtxt(argv[0], delimiter=",", names=True, deletechars="")
    missing = [c for c in argv[1:] if c not in d.dtype.names]
    if missing:
        sys.exit(f"{argv[0]}: no column {missing}; it has {list(d.dtype.names)}")
    pos = np.column_stack([d["x_mpc"], d["y_mpc"], d["z_mpc"]])
    r = np.linalg.norm(pos - pos.mean(0), axis=1)
    print("| r from the centroid (Mpc) | galaxies | " + " | ".join(f"{c} RMSE (mean error)" for c in argv[1:]) + " |")
    print("|---|---:|" + "---:|" * len(argv[1:]))
    for lo, hi in SHELLS:
        m = (r >= lo) & (r < hi)
        if not m.any():
            continue
        cells = []
        for c in argv[1:]:
            e = d[c][m] - d["log_mstar_true"][m]
            cells.append(f"{np.sqrt(np.mean(e * e)):.4f} ({e.mean():+.3f})")
        print(f"| {lo}–{hi} | {m.sum()} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
