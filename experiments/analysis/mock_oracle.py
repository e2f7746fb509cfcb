#!/usr/bin/env python3
"""How far a model's predictions on a mock are from what the mock's generator knew.

Joins an experiment's predictions.csv with the mock's generator terms
(<hydro run>/postprocessing/mock_environment_terms_SSS.csv, written by `cosmicweb simulate`) on the dark
subhalo id, and prints for each model column, for all galaxies, centrals and satellites:
  * RMSE against the observed log M* (what the experiment reports) and against the noiseless log M*;
  * the correlation of the model's error (prediction - noiseless) with each generator term: a term the
    model has found leaves no correlation;
  * the "term oracle": a cubic least-squares fit of the observed log M* on the halo's own features
    (log M_halo, log Vmax; for satellites also the orbit radius and host mass) and the generator's
    environmental terms, fitted on the galaxies with x < L/2 and scored on the others, beside the model
    on the same galaxies: what a model that knew the terms exactly would reach.
Needs numpy. Usage:
  python3 experiments/analysis/mock_oracle.py runs/mock-seed42-box100-neighbours runs/experiment/predictions.csv [COLUMN ...]
"""
import glob
import itertools
import sys

import numpy as np

TERMS = ["z_3mpc", "z_10mpc", "z_conformity", "z_field_2mpch", "z_field_6mpch", "z_web", "dlogc"]


def rms(a):
    return float(np.sqrt(np.mean(a * a)))


def cubic(x):
    x = (x - x.mean(0)) / np.where(x.std(0) > 0, x.std(0), 1)
    cols = [np.ones(len(x))]
    for d in (1, 2, 3):
        for c in itertools.combinations_with_replacement(range(x.shape[1]), d):
            cols.append(np.prod(x[:, c], axis=1))
    return np.column_stack(cols)


def oracle(own_c, own_s, env, obs, cen, test, extra=None):
    """The term oracle's fit: per class (centrals on own_c, satellites on own_s), a cubic least-squares fit of
    obs on the class's own features and env (and `extra` columns, as linear terms) on the galaxies outside
    `test`; returns its predictions on `test`, NaN elsewhere."""
    out = np.full(len(obs), np.nan)
    for m, own in ((cen, own_c), (~cen, own_s)):
        a = cubic(np.column_stack([own[m], env[m]]))
        if extra is not None:
            a = np.column_stack([a, extra[m]])
        fit = np.linalg.lstsq(a[~test[m]], obs[m][~test[m]], rcond=None)[0]
        out[np.flatnonzero(m)[test[m]]] = (a @ fit)[test[m]]
    return out


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    found = glob.glob(argv[0] + "/*/postprocessing/mock_environment_terms_*.csv")
    if not found:
        sys.exit(f"{argv[0]}: no */postprocessing/mock_environment_terms_*.csv; regenerate the mock with this"
                 " version (cosmicweb simulate --force --out ...)")
    terms = np.genfromtxt(found[0], delimiter=",", names=True)
    pred = np.genfromtxt(argv[1], delimiter=",", names=True, deletechars="")  # keep gnn_D7.5 as written
    cols = argv[2:] or [c for c in pred.dtype.names if c.startswith(("gnn", "boost")) and "sigma" not in c]
    t = terms[pred["dark_subhalo_id"].astype(int)]
    if np.max(np.abs(t["log_mnow_msun"] - pred["log_mhalo"])) > 1e-3:
        sys.exit("the predictions do not belong to this mock (halo masses differ)")
    obs, nl = pred["log_mstar_true"], t["log_mstar_noiseless"]
    cen = pred["is_central"] == 1
    box = np.ceil(max(terms["x_mpch"].max(), 1))  # the oracle's split only needs a plane through the box
    test = t["x_mpch"] >= box / 2
    used = [k for k in TERMS if np.std(t[k]) > 0]
    print(f"{len(pred)} galaxies; noise floor {rms(obs - nl):.4f} (centrals {rms((obs - nl)[cen]):.4f}, "
          f"satellites {rms((obs - nl)[~cen]):.4f}); generator terms used: {', '.join(used)}")
    own_c = np.column_stack([t["log_mnow_msun"], t["log_vmax_kms"]])
    own_s = np.column_stack([own_c, t["radius_fraction"], t["host_log_m_msun"]])
    env = np.column_stack([np.empty((len(t), 0))] + [t[k] for k in used if k != "dlogc"])  # none: no columns
    both = oracle(own_c, own_s, env, obs, cen, test)
    fits = {"all": both[test], "centrals": both[cen & test], "satellites": both[~cen & test]}
    for c in cols:
        p = pred[c]
        err = p - nl
        print(f"\n{c}")
        for name, m in [("all", np.ones_like(cen, dtype=bool)), ("centrals", cen), ("satellites", ~cen)]:
            line = f"  {name:10s} RMSE {rms(p[m] - obs[m]):.4f}, vs noiseless {rms(err[m]):.4f}"
            if name in fits:
                o = fits[name]
                line += (f"; x >= L/2: model {rms(p[m][test[m]] - obs[m][test[m]]):.4f}, term oracle "
                         f"{rms(o - obs[m][test[m]]):.4f}")
            print(line)
            print("  " + " " * 11 + "corr(error, term): " + ", ".join(
                f"{k} {np.corrcoef(err[m], t[k][m])[0, 1]:+.2f}" for k in used))


if __name__ == "__main__":
    main(sys.argv[1:])
