#!/usr/bin/env python3
"""The same model column in two runs on the same galaxies: RMSE(new) - RMSE(old) with a 95 % interval.

Both runs' predictions.csv must hold the same galaxies in the same order (the same catalog, cuts and
folds: two `cosmicweb experiment` runs that differ in a model option). The interval comes from a
bootstrap (1000 draws, seed 1) over boxes when the files have a `box` column (suites), else over
spatial blocks of a 4 x 4 x 4 grid over the positions (one box: the folds' own correlation length).
The interval is over how the galaxies sample the difference between two fixed sets of predictions; it
does not include how much a model moves between trainings: on the 512 CAMELS boxes the default network
against itself with another --seed moved by +0.0012 [+0.0005, +0.0019] at D = 1 Mpc (docs/accuracy-studies.md,
"Run-to-run spread on the CAMELS boxes"), so compare single runs only on differences well beyond that.
Usage:
  python3 experiments/analysis/paired_runs.py OLD/predictions.csv NEW/predictions.csv gnn_D3 [gnn_D5 ...]
"""
import csv
import math
import random
import sys


def blocks(rows):
    if "box" in rows[0]:
        return [r["box"] for r in rows]
    xyz = [[float(r[k]) for k in ("x_mpc", "y_mpc", "z_mpc")] for r in rows]
    size = max(max(p) for p in xyz) / 4 + 1e-9
    return [tuple(int(c // size) for c in p) for p in xyz]


def paired_difference(keys, truth, old, new):
    """RMSE(new) - RMSE(old) over all rows, and its 95 % interval from a bootstrap (1000 draws, seed 1)
    over the groups of rows that share a key (see blocks); also the number of groups."""
    groups = {}
    for i, k in enumerate(keys):
        groups.setdefault(k, []).append(i)
    names = list(groups)
    sq = {}
    for tag, pred in (("old", old), ("new", new)):
        e = [(float(p) - t) ** 2 for p, t in zip(pred, truth)]
        sq[tag] = {k: sum(e[i] for i in g) for k, g in groups.items()}
    count = {k: len(g) for k, g in groups.items()}

    def diff(ks):
        n = sum(count[k] for k in ks)
        return math.sqrt(sum(sq["new"][k] for k in ks) / n) - math.sqrt(sum(sq["old"][k] for k in ks) / n)

    rng = random.Random(1)
    draws = sorted(diff([rng.choice(names) for _ in names]) for _ in range(1000))
    return diff(names), draws[25], draws[974], len(names)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    old = list(csv.DictReader(open(argv[0])))
    new = list(csv.DictReader(open(argv[1])))
    if len(old) != len(new) or any(a["dark_subhalo_id"] != b["dark_subhalo_id"] for a, b in zip(old, new)):
        sys.exit("the two predictions files do not hold the same galaxies in the same order")
    keys = blocks(old)
    truth = [float(r["log_mstar_true"]) for r in old]
    for col in argv[2:]:
        if col not in old[0] or col not in new[0]:
            sys.exit(f"column {col} is missing from one of the files")
        d, lo, hi, n = paired_difference(keys, truth, [r[col] for r in old], [r[col] for r in new])
        print(f"{col}: new - old {d:+.4f} [{lo:+.4f}, {hi:+.4f}] "
              f"({n} {'boxes' if 'box' in old[0] else 'spatial blocks'})")


if __name__ == "__main__":
    main(sys.argv[1:])
