#!/usr/bin/env python3
"""The user's reference run of the poisson-gamma model in PyTorch, for side-by-side timing.

Model: pixels x_ij ~ Poisson(theta_j), theta_j ~ Gamma(a_j, b), a_j = 2 * x0_j, b = 2, x0 the
per-pixel mean of the 178 zeros of the UCI digits floored at 0.1. Guide: q(theta_j) =
Gamma(exp(log_shape_j), exp(log_rate_j)), initialised at shape 1, rate 1 (vi4j's gamma guide).
Estimator: 128 reparameterised particles (PyTorch's Gamma.rsample). Adam, lr 0.2, 5,000 steps.

Prints wall seconds for the 5,000 steps and the summed KL(q || exact) at the last iterate and
for the average (in log space) of the last 20% of the iterates.

Run with Debian's interpreter (python3-torch):
  /usr/bin/python3 bench/poisson-gamma/poisson_gamma_pytorch.py \
      models/src/main/resources/org/vi4j/models/poissongamma/digits.csv.gz [--threads 2] [--double]
"""
import argparse
import gzip
import time

import torch
from torch.distributions import Gamma, kl_divergence

ap = argparse.ArgumentParser()
ap.add_argument("digits")
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--double", action="store_true")
ap.add_argument("--steps", type=int, default=5000)
ap.add_argument("--seed", type=int, default=42)
args = ap.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
dtype = torch.float64 if args.double else torch.float32

rows = []
with gzip.open(args.digits, "rt") as f:
    for line in f:
        v = [float(t) for t in line.strip().split(",")]
        if int(v[64]) == 0:
            rows.append(v[:64])
x = torch.tensor(rows, dtype=dtype)
m = x.shape[0]
a = 2.0 * torch.clamp(x.mean(0), min=0.1)
b = torch.tensor(2.0, dtype=dtype)
s = x.sum(0)
const = torch.lgamma(x + 1).sum()

log_shape = torch.zeros(64, dtype=dtype, requires_grad=True)
log_rate = torch.zeros(64, dtype=dtype, requires_grad=True)
opt = torch.optim.Adam([log_shape, log_rate], lr=0.2)
prior = Gamma(a, b)

avg_from = int(0.8 * args.steps)
sum_shape = torch.zeros(64, dtype=dtype)
sum_rate = torch.zeros(64, dtype=dtype)
t0 = time.perf_counter()
for step in range(args.steps):
    opt.zero_grad()
    q = Gamma(log_shape.exp(), log_rate.exp())
    theta = q.rsample((128,))                                     # 128 x 64
    logp = prior.log_prob(theta).sum(1) + (s * theta.log() - m * theta).sum(1) - const
    elbo = (logp - q.log_prob(theta).sum(1)).mean()
    (-elbo).backward()
    opt.step()
    if step >= avg_from:
        with torch.no_grad():
            sum_shape += log_shape
            sum_rate += log_rate
seconds = time.perf_counter() - t0

exact = Gamma(a + s, b + m)
with torch.no_grad():
    last = kl_divergence(Gamma(log_shape.exp(), log_rate.exp()), exact).sum().item()
    n = args.steps - avg_from
    averaged = kl_divergence(Gamma((sum_shape / n).exp(), (sum_rate / n).exp()), exact).sum().item()
print(f"pytorch {torch.__version__} {'float64' if args.double else 'float32'} threads={args.threads}: "
      f"{args.steps} steps in {seconds:.2f} s ({args.steps / seconds:.0f} steps/s); "
      f"summed KL last iterate {last:.4f}, averaged last 20% {averaged:.4f}")
