#!/usr/bin/python3
"""The issue's Fashion-MNIST VAE in PyTorch, the same setting as
org.vi4j.bench.VaeEpochBenchmark: 784-400-20 encoder (tanh; loc and softplus scale heads),
20-400-784 decoder (tanh, Bernoulli logits), pixels binarised at x/255 > 0.5, batch 100,
Adam lr 1e-3, 1 sample per image, closed-form KL (AEVB estimator B), float32 by default,
torch.set_num_threads(2). --init xavier (default): Xavier-uniform weights and zero biases;
--init default: PyTorch's own nn.Linear initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for
weights and biases (vi4j's lecun-uniform).

  /usr/bin/python3 bench/vae/vae_pytorch.py [--data DIR] [--epochs 10] [--seed 1] [--threads 2]
      [--iwae-k 100] [--iwae-big-k 0] [--iwae-big-rows 1000] [--float64]
      [--init xavier|default]

Prints seconds per epoch, the mean per-step ELBO, then full-pass train and test ELBO per image
(1 sample) and the test IWAE bound (Burda et al. 2016) with k samples per image.
"""
import argparse, gzip, math, os, statistics, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    n, rows, cols = (int.from_bytes(data[i:i + 4], "big") for i in (4, 8, 12))
    x = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows * cols)
    return (x.astype(np.float64) / 255.0 > 0.5).astype(np.float32)


class Vae(nn.Module):
    def __init__(self, f=784, h=400, d=20, init="xavier"):
        super().__init__()
        self.enc = nn.Linear(f, h)
        self.loc = nn.Linear(h, d)
        self.scale = nn.Linear(h, d)
        self.dec1 = nn.Linear(d, h)
        self.dec2 = nn.Linear(h, f)
        for m in self.modules():
            if isinstance(m, nn.Linear) and init == "xavier":
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)

    def encode(self, x):
        h = torch.tanh(self.enc(x))
        return self.loc(h), F.softplus(self.scale(h))

    def decode(self, z):
        return self.dec2(torch.tanh(self.dec1(z)))

    def elbo_rows(self, x):
        mu, sd = self.encode(x)
        z = mu + sd * torch.randn_like(sd)
        logits = self.decode(z)
        lik = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
        kl = 0.5 * (sd.pow(2) + mu.pow(2) - 1).sum(1) - torch.log(sd).sum(1)
        return lik - kl

    def log_weights(self, x, k):
        mu, sd = self.encode(x)                       # B x d
        eps = torch.randn((k,) + mu.shape, dtype=mu.dtype)
        z = mu + sd * eps                             # k x B x d
        logits = self.decode(z)
        lik = -F.binary_cross_entropy_with_logits(logits, x.expand(k, -1, -1),
                                                  reduction="none").sum(2)
        c = 0.5 * math.log(2 * math.pi)
        logp = (-0.5 * z.pow(2) - c).sum(2)
        logq = (-0.5 * eps.pow(2) - torch.log(sd) - c).sum(2)
        return lik + logp - logq                      # k x B


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--iwae-k", type=int, default=100)
    p.add_argument("--iwae-big-k", type=int, default=0)
    p.add_argument("--iwae-big-rows", type=int, default=1000)
    p.add_argument("--float64", action="store_true")
    p.add_argument("--init", choices=("xavier", "default"), default="xavier")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    dtype = torch.float64 if a.float64 else torch.float32
    train = torch.from_numpy(load_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz"))).to(dtype)
    test = torch.from_numpy(load_idx(os.path.join(a.data, "t10k-images-idx3-ubyte.gz"))).to(dtype)
    print("torch %s, %d threads, %s, init %s, OPENBLAS_CORETYPE=%s" % (torch.__version__,
          torch.get_num_threads(), dtype, a.init, os.environ.get("OPENBLAS_CORETYPE", "(unset)")))
    model = Vae(init=a.init).to(dtype)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n, b = train.shape[0], 100
    times = []
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        perm = torch.randperm(n)
        total = 0.0
        for s in range(0, n, b):
            x = train[perm[s:s + b]]
            elbo = model.elbo_rows(x).mean()
            opt.zero_grad()
            (-elbo).backward()
            opt.step()
            total += elbo.item()
        sec = time.perf_counter() - t0
        times.append(sec)
        print("epoch %2d  %.3f s  mean step ELBO/img %.2f" % (epoch, sec, total / (n // b)))
    print("median seconds per epoch: %.3f" % statistics.median(times))
    with torch.no_grad():
        for name, x in (("train", train), ("test", test)):
            e = sum(model.elbo_rows(x[s:s + 1000]).sum().item() for s in range(0, len(x), 1000))
            print("%s ELBO per image (full pass, 1 sample): %.2f" % (name, e / len(x)))
        for k, rows, chunk in ((a.iwae_k, len(test), 25), (a.iwae_big_k, a.iwae_big_rows, 2)):
            if k <= 0:
                continue
            t0 = time.perf_counter()
            tot = 0.0
            for s in range(0, rows, chunk):
                x = test[s:min(s + chunk, rows)]
                parts = [model.log_weights(x, min(500, k - j)) for j in range(0, k, 500)]
                lw = torch.cat(parts, 0)
                tot += (torch.logsumexp(lw, 0) - math.log(k)).sum().item()
            print("test IWAE bound per image, k = %d, %d images: %.2f (%.1f s)"
                  % (k, rows, tot / rows, time.perf_counter() - t0))


if __name__ == "__main__":
    main()
