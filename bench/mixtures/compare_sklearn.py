#!/usr/bin/env python3
"""scikit-learn half of issue 5's mixture comparison.

Reads the seeded Laplace-mixture experiment written by org.vi4j.bench.MixtureComparison
(train.csv, heldout.csv, truth_logdensity_heldout.csv in DATA_DIR) and fits, on the same 200 points:

  * GaussianMixture(4, n_init=10)          -- EM, maximum likelihood, best of 10 k-means starts
  * BayesianGaussianMixture(4)             -- variational (CAVI) Dirichlet-weights GMM, defaults
  * BayesianGaussianMixture(4, max_iter=100, tol=0) -- exactly 100 iterations, for a per-iteration
                                              time against vi4j's 100 CAVI sweeps

and prints the held-out log-likelihood per point (score_samples mean) and wall time of each.

    python3 bench/mixtures/compare_sklearn.py [DATA_DIR=bench/mixtures/data] [REPEATS=5]
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.mixture import BayesianGaussianMixture, GaussianMixture


def column(path):
    return np.loadtxt(path, skiprows=1, ndmin=1).reshape(-1, 1)


def timed(make, x, repeats):
    """Fits a fresh model `repeats` times; returns the last model and the median seconds."""
    secs = []
    model = None
    for _ in range(repeats):
        model = make()
        t0 = time.perf_counter()
        model.fit(x)
        secs.append(time.perf_counter() - t0)
    return model, float(np.median(secs))


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else "bench/mixtures/data"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    train = column(f"{data_dir}/train.csv")
    held = column(f"{data_dir}/heldout.csv")
    truth = np.loadtxt(f"{data_dir}/truth_logdensity_heldout.csv", skiprows=1).mean()
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; "
          f"{len(train)} training, {len(held)} held-out points from {data_dir}")
    print(f"{'fit':<52} {'held-out/pt':>12} {'seconds':>10} {'iters':>6}")
    print(f"{'true mixture (ceiling)':<52} {truth:12.4f} {'-':>10} {'-':>6}")
    fits = [
        ("sklearn GaussianMixture(4, n_init=10)",
         lambda: GaussianMixture(4, n_init=10, random_state=0)),
        ("sklearn BayesianGaussianMixture(4)",
         lambda: BayesianGaussianMixture(n_components=4, random_state=0)),
        ("sklearn BayesianGaussianMixture(4, n_init=10)",
         lambda: BayesianGaussianMixture(n_components=4, n_init=10, random_state=0)),
        ("sklearn BayesianGaussianMixture(4, max_iter=100, tol=0)",
         lambda: BayesianGaussianMixture(n_components=4, max_iter=100, tol=0, random_state=0)),
    ]
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    warnings.simplefilter("ignore", ConvergenceWarning)
    for name, make in fits:
        model, secs = timed(make, train, repeats)
        print(f"{name:<52} {model.score_samples(held).mean():12.4f} {secs:10.4f} {model.n_iter_:6d}")
        order = np.argsort(model.means_.ravel())
        print(f"    means {np.round(model.means_.ravel()[order], 3)} "
              f"sd {np.round(np.sqrt(model.covariances_.ravel()[order]), 3)} "
              f"weights {np.round(model.weights_[order], 3)}")


if __name__ == "__main__":
    main()
