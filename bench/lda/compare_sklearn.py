#!/usr/bin/env python3
"""scikit-learn half of issue 7's LDA comparison.

Reads the seeded synthetic corpus written by org.vi4j.bench.LdaComparison (DATA_DIR):

  train.docword.txt             training documents, UCI bag-of-words format (1-based ids)
  heldout_observed.docword.txt  the observed half of each held-out document
  heldout_scored.docword.txt    the scored half of each held-out document
  true_topics.csv               the true topic-word matrix beta, K rows of V
  spec.txt                      K, V, alpha, eta, seed

and fits sklearn.decomposition.LatentDirichletAllocation with the same K, priors
(doc_topic_prior = alpha, topic_word_prior = eta) and iteration count:

  * batch, max_iter=10, n_jobs=1 and n_jobs=2   (batch variational EM, as vi4j's cavi)
  * online, max_iter=10 (epochs), batch_size=128, learning_offset=10, learning_decay=0.7
    (the defaults; stochastic VI, as vi4j's svi)

Each fit is scored exactly as vi4j scores its fits (org.vi4j.models.lda.LdaEvaluation):

  * completion perplexity: theta = transform(observed halves) (gamma from ones, tolerance 1e-3, at
    most 100 updates, normalised), beta = components_ / row sums; perplexity =
    exp(-sum over scored tokens of log sum_k theta_dk beta_kw / number of scored tokens);
  * recovery: cosine of every fitted topic with every true one, the one-to-one matching that
    maximises the total (Hungarian, scipy's linear_sum_assignment), mean cosine of the pairs.

The true topics' perplexity (theta inferred with the true beta, the same fixed point in numpy) is
printed as the ceiling, and should equal the Java side's to the printed digits.

    /usr/bin/python3 bench/lda/compare_sklearn.py [DATA_DIR=bench/lda/data] [REPEATS=3] [FIRST_SEED=0]

Repeat r uses random_state = FIRST_SEED + r.
"""
import os
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
import sklearn
from scipy.optimize import linear_sum_assignment
from scipy.special import psi
from sklearn.decomposition import LatentDirichletAllocation


def read_docword(path, v):
    """A UCI docword file as a CSR matrix of counts, D x V."""
    with open(path) as f:
        d = int(f.readline())
        v_file = int(f.readline())
        nnz = int(f.readline())
        if v_file != v:
            raise ValueError(f"{path}: vocabulary {v_file}, expected {v}")
        rows = np.loadtxt(f, dtype=np.int64, ndmin=2) if nnz > 0 else np.zeros((0, 3), np.int64)
    if rows.shape[0] != nnz:
        raise ValueError(f"{path}: {rows.shape[0]} entries, header says {nnz}")
    return sp.csr_matrix((rows[:, 2].astype(float), (rows[:, 0] - 1, rows[:, 1] - 1)), shape=(d, v))


def read_spec(path):
    spec = {}
    with open(path) as f:
        for line in f:
            key, value = line.strip().split("=", 1)
            spec[key] = value
    return spec


def infer_gamma(x, weights, alpha, max_iter=100, tol=1e-3):
    """vi4j's DocumentInference in numpy: gamma from ones, mean |change| < tol or max_iter."""
    d = x.shape[0]
    k = weights.shape[0]
    gamma = np.ones((d, k))
    for i in range(d):
        lo, hi = x.indptr[i], x.indptr[i + 1]
        ids, cnts = x.indices[lo:hi], x.data[lo:hi]
        w = weights[:, ids]
        g = np.ones(k)
        e = np.exp(psi(g) - psi(g.sum()))
        if len(ids) == 0:
            gamma[i] = alpha
            continue
        for _ in range(max_iter):
            s = np.maximum(e @ w, np.finfo(float).tiny)
            new = alpha + e * (w @ (cnts / s))
            change = np.abs(new - g).mean()
            g = new
            e = np.exp(psi(g) - psi(g.sum()))
            if change < tol:
                break
        gamma[i] = g
    return gamma


def perplexity(theta, beta, scored):
    """exp(- sum n_dw log sum_k theta_dk beta_kw / N) over the scored halves."""
    theta = theta / theta.sum(axis=1, keepdims=True)
    beta = beta / beta.sum(axis=1, keepdims=True)
    coo = scored.tocoo()
    p = np.einsum("ij,ji->i", theta[coo.row], beta[:, coo.col])
    return float(np.exp(-(coo.data * np.log(p)).sum() / coo.data.sum()))


def recovery(fitted, truth):
    """Mean cosine of the Hungarian matching of true to fitted topics."""
    f = fitted / np.linalg.norm(fitted, axis=1, keepdims=True)
    t = truth / np.linalg.norm(truth, axis=1, keepdims=True)
    cos = t @ f.T
    r, c = linear_sum_assignment(-cos)
    return float(cos[r, c].mean())


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else "bench/lda/data"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    first_seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    spec = read_spec(os.path.join(data_dir, "spec.txt"))
    k, v = int(spec["k"]), int(spec["v"])
    alpha, eta = float(spec["alpha"]), float(spec["eta"])
    truth = np.loadtxt(os.path.join(data_dir, "true_topics.csv"), delimiter=",", ndmin=2)
    train = read_docword(os.path.join(data_dir, "train.docword.txt"), v)
    observed = read_docword(os.path.join(data_dir, "heldout_observed.docword.txt"), v)
    scored = read_docword(os.path.join(data_dir, "heldout_scored.docword.txt"), v)
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__}; "
          f"K={k} V={v} D={train.shape[0]} (+{observed.shape[0]} held out), alpha={alpha} eta={eta}, "
          f"seed {spec['seed']}; load average {os.getloadavg()[0]:.2f}")
    true_ppl = perplexity(infer_gamma(observed, truth, alpha), truth, scored)
    print(f"true topics: completion perplexity {true_ppl:.2f} (vi4j: {spec['true_perplexity']})")

    fits = [
        ("sklearn batch, 10 iterations, n_jobs=1",
         lambda s: LatentDirichletAllocation(k, doc_topic_prior=alpha, topic_word_prior=eta,
                                             learning_method="batch", max_iter=10, n_jobs=1,
                                             random_state=s)),
        ("sklearn batch, 10 iterations, n_jobs=2",
         lambda s: LatentDirichletAllocation(k, doc_topic_prior=alpha, topic_word_prior=eta,
                                             learning_method="batch", max_iter=10, n_jobs=2,
                                             random_state=s)),
        ("sklearn online, 10 epochs of 128, n_jobs=1",
         lambda s: LatentDirichletAllocation(k, doc_topic_prior=alpha, topic_word_prior=eta,
                                             learning_method="online", max_iter=10, n_jobs=1,
                                             random_state=s)),
        ("sklearn online, 10 epochs of 128, n_jobs=2",
         lambda s: LatentDirichletAllocation(k, doc_topic_prior=alpha, topic_word_prior=eta,
                                             learning_method="online", max_iter=10, n_jobs=2,
                                             random_state=s)),
    ]
    print(f"{'fit':<46} {'seconds':>8} {'perplexity':>11} {'recovery':>9}   (median of {repeats}, "
          f"alternating; seeds {first_seed}..{first_seed + repeats - 1})")
    results = {name: [] for name, _ in fits}
    for rep in range(first_seed, first_seed + repeats):
        for name, make in fits:
            model = make(rep)
            t0 = time.perf_counter()
            model.fit(train)
            sec = time.perf_counter() - t0
            theta = model.transform(observed)
            ppl = perplexity(theta, model.components_, scored)
            rec = recovery(model.components_, truth)
            results[name].append((sec, ppl, rec))
            print(f"  seed {rep}: {name:<40} {sec:8.2f} {ppl:11.2f} {rec:9.4f}", flush=True)
    for name, _ in fits:
        r = np.array(results[name])
        print(f"{name:<46} {np.median(r[:, 0]):8.2f} {np.median(r[:, 1]):11.2f} "
              f"{np.median(r[:, 2]):9.4f}")


if __name__ == "__main__":
    main()
