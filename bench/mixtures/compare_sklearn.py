#!/usr/bin/env python3
"""scikit-learn half of issue 5's mixture comparison.

Reads the seeded Laplace-mixture experiment written by org.vi4j.bench.MixtureComparison
(train.csv, heldout.csv, truth_logdensity_heldout.csv in DATA_DIR) and fits, on the same 200 points:

  * GaussianMixture(4, n_init=10)          -- EM, maximum likelihood, best of 10 k-means starts
  * BayesianGaussianMixture(4)             -- variational (CAVI) Dirichlet-weights GMM, defaults
  * BayesianGaussianMixture(4, max_iter=100, tol=0) -- exactly 100 iterations, for a per-iteration
                                              time against vi4j's 100 CAVI sweeps

and prints the held-out log-likelihood per point (score_samples mean) and wall time of each.

Then the 2-D case (train2d.csv, heldout2d.csv, truth_logdensity_heldout2d.csv: 300 + 10,000 points
from three correlated Gaussians) with K = 6 components, beside vi4j's CAVI on gaussian-mixture-mv:

  * BayesianGaussianMixture(6)                      -- scikit-learn's defaults (Dirichlet-process
                                                       weights, k-means start, its own priors)
  * BayesianGaussianMixture(6, vi4j's priors, random start, n_init=10)
                                                    -- the same model as vi4j's: Dirichlet(1/K)
                                                       weights, mean_prior = data mean,
                                                       mean_precision_prior = 1, dof = D + 1,
                                                       covariance_prior = W0^-1 = (D + 1) S / K^2
  * the same with max_iter=100, tol=0, n_init=1     -- time per 100 iterations

For each: the held-out log-likelihood per point of the closed-form posterior predictive (Student t
mixture, Bishop 10.81; what vi4j reports) and of score_samples (for BayesianGaussianMixture
log sum_k exp(E ln pi_k + E ln N(x | mu_k, Lambda_k)): a Jensen lower bound of the predictive, not
comparable with it), the wall time (median of REPEATS) and the iterations run.

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


def student_t_predictive(model, x):
    """log p(x | data) under the fitted q: sum_k E[pi_k] St(x | m_k, L_k, nu_k + 1 - D)."""
    from scipy.special import gammaln, logsumexp
    d = x.shape[1]
    conc = model.weight_concentration_
    if isinstance(conc, tuple):  # Dirichlet process: stick-breaking Beta(a_k, b_k)
        a, b = conc
        v = a / (a + b)
        w = v * np.concatenate([[1.0], np.cumprod(1 - v)[:-1]])
    else:
        w = conc / conc.sum()
    out = []
    for k in range(len(w)):
        nu = model.degrees_of_freedom_[k] + 1 - d
        beta = model.mean_precision_[k]
        wk = np.linalg.inv(model.covariances_[k] * model.degrees_of_freedom_[k])  # W_k
        lk = nu * beta / (1 + beta) * wk
        diff = x - model.means_[k]
        quad = np.einsum("ni,ij,nj->n", diff, lk, diff)
        _, logdet = np.linalg.slogdet(lk)
        out.append(np.log(w[k]) + gammaln((nu + d) / 2) - gammaln(nu / 2) + 0.5 * logdet
                   - 0.5 * d * np.log(nu * np.pi) - 0.5 * (nu + d) * np.log1p(quad / nu))
    return logsumexp(np.array(out), axis=0)


def multivariate(data_dir, repeats):
    import os
    if not os.path.exists(f"{data_dir}/train2d.csv"):
        return
    train = np.loadtxt(f"{data_dir}/train2d.csv", delimiter=",", skiprows=1)
    held = np.loadtxt(f"{data_dir}/heldout2d.csv", delimiter=",", skiprows=1)
    truth = np.loadtxt(f"{data_dir}/truth_logdensity_heldout2d.csv", skiprows=1).mean()
    k = 6
    n, d = train.shape
    cov = np.cov(train, rowvar=False, bias=True)
    ours = dict(n_components=k, weight_concentration_prior_type="dirichlet_distribution",
                weight_concentration_prior=1.0 / k, mean_prior=train.mean(axis=0),
                mean_precision_prior=1.0, degrees_of_freedom_prior=d + 1.0,
                covariance_prior=(d + 1.0) * cov / k ** 2, covariance_type="full",
                init_params="random")
    print(f"\n2-D case: {n} training, {len(held)} held-out points, K = {k}")
    print(f"{'fit':<60} {'held-out/pt':>12} {'score_smpl':>11} {'seconds':>9} {'iters':>6}")
    print(f"{'true mixture (ceiling)':<60} {truth:12.4f} {'-':>11} {'-':>9} {'-':>6}")
    fits = [
        ("sklearn BayesianGaussianMixture(6) (its defaults)",
         lambda: BayesianGaussianMixture(n_components=k, random_state=0)),
        ("sklearn BayesianGaussianMixture(6, vi4j priors, n_init=10)",
         lambda: BayesianGaussianMixture(**ours, n_init=10, max_iter=200, random_state=0)),
        ("sklearn BayesianGaussianMixture(6, vi4j priors, 100 iters)",
         lambda: BayesianGaussianMixture(**ours, max_iter=100, tol=0, random_state=0)),
    ]
    for name, make in fits:
        model, secs = timed(make, train, repeats)
        pred = student_t_predictive(model, held).mean()
        print(f"{name:<60} {pred:12.4f} {model.score_samples(held).mean():11.4f} {secs:9.4f} "
              f"{model.n_iter_:6d}")
        order = np.argsort(model.means_[:, 0])
        print(f"    weights {np.round(model.weights_[order], 3)} "
              f"means {np.round(model.means_[order], 2).tolist()}")


if __name__ == "__main__":
    main()
    multivariate(sys.argv[1] if len(sys.argv) > 1 else "bench/mixtures/data",
                 int(sys.argv[2]) if len(sys.argv) > 2 else 5)
