package org.vi4j.app.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.spi.Draw;
import org.vi4j.models.expgaussian.ExpGaussianModel;

/**
 * The report of {@code exp-gaussian}: the data, the exact evidence and posterior (a truncated
 * normal), q and KL(q ‖ p(z|x)) = log p(x) − ELBO; the picture {@code posterior_density.png}
 * draws q's density over the exact posterior's.
 *
 * <p>q's density is the guide's factor's where the guide is a
 * {@link org.vi4j.core.spi.FactorizedFamily}; otherwise (e.g. {@code auto}) it is exp(log q(z)) at
 * {@value Fitted#DRAWS} draws from the guide, which is exact pointwise since z is the model's only
 * latent.
 */
final class ExpGaussianReport implements ModelReport {

  /** The picture's file name. */
  static final String DENSITY_PNG = "posterior_density.png";

  private final RunContext ctx;
  private final ExpGaussianModel model;
  private final Fitted fitted;

  ExpGaussianReport(RunContext ctx, ExpGaussianModel model) {
    this.ctx = ctx;
    this.model = model;
    this.fitted = Fitted.of(ctx);
  }

  @Override
  public Map<String, Object> posterior() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", ExpGaussianModel.NAME);
    m.put("x", model.observations());
    m.put("prior_rate", model.priorRate());
    m.put("noise_scale", model.noiseScale());
    m.put("exact", Describe.distribution(model.posterior(ExpGaussianModel.LATENT), 1, true));
    m.put("q", q());
    m.putAll(ModelReport.common(ctx, fitted));
    return m;
  }

  private Map<String, Object> q() {
    Optional<Distribution> factor = fitted.factor(ExpGaussianModel.LATENT);
    if (factor.isPresent()) {
      return Describe.distribution(factor.get(), 1, true);
    }
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("family", "guide '" + ctx.spec().guide() + "' (not factorized)");
    Map<String, Object> raw = new LinkedHashMap<>();
    ctx.fit().parameters().forEach((k, v) -> {
      if (!k.startsWith("model.")) {
        raw.put(k, v.length == 1 ? (Object) v[0] : v);
      }
    });
    q.put("parameters", raw);
    double[] z = draws().z().get(ExpGaussianModel.LATENT).toArray();
    double mean = Arrays.stream(z).average().orElse(Double.NaN);
    double var = Arrays.stream(z).map(v -> (v - mean) * (v - mean)).sum() / (z.length - 1);
    q.put("mean", mean);
    q.put("sd", Math.sqrt(var));
    q.put("moments_from_draws", z.length);
    return q;
  }

  private Draw draws() {
    return fitted.draw(Fitted.DRAWS, 2);
  }

  @Override
  public List<Path> pictures(Path dir) throws IOException {
    Distribution exact = model.posterior(ExpGaussianModel.LATENT);
    double hi = exact.mean().item() + 5 * Math.sqrt(exact.variance().item());
    Optional<Distribution> factor = fitted.factor(ExpGaussianModel.LATENT);
    double[] qx;
    double[] qy;
    if (factor.isPresent()) {
      Distribution q = factor.get();
      hi = Math.max(hi, q.mean().item() + 5 * Math.sqrt(q.variance().item()));
      qx = grid(niceCeiling(hi));
      qy = density(q, qx);
    } else {
      Draw d = draws();
      double[] z = d.z().get(ExpGaussianModel.LATENT).toArray();
      double[] lq = d.logQ().toArray();
      Integer[] order = new Integer[z.length];
      for (int i = 0; i < z.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(z[a], z[b]));
      hi = Math.max(hi, z[order[(int) (0.995 * (z.length - 1))]]);
      int stride = Math.max(1, z.length / 800);
      int kept = 0;
      qx = new double[z.length / stride + 1];
      qy = new double[qx.length];
      for (int i = 0; i < z.length && kept < qx.length; i += stride) {
        double zi = z[order[i]];
        if (zi <= hi) {
          qx[kept] = zi;
          qy[kept++] = Math.exp(lq[order[i]]);
        }
      }
      qx = Arrays.copyOf(qx, kept);
      qy = Arrays.copyOf(qy, kept);
    }
    hi = niceCeiling(hi);
    double[] ex = grid(hi);
    double[] ey = density(exact, ex);

    double[] x = model.observations();
    String data = x.length == 1 ? "x = " + Charts.shortNumber(x[0])
        : x.length + " observations, mean "
            + Charts.shortNumber(Arrays.stream(x).average().orElse(Double.NaN));
    Object kl = ModelReport.common(ctx, fitted).get("kl_to_exact");
    String klText = kl instanceof Map<?, ?> k && k.get("value") instanceof Double v
        ? String.format(Locale.ROOT, ", KL(q ‖ p) = %.2g nats", v) : "";
    String exactLabel = "exact p(z | x): Normal(" + Charts.shortNumber(model.posteriorLoc()) + ", "
        + Charts.shortNumber(model.posteriorScale()) + "²) truncated to z ≥ 0";
    String qLabel = "q(z): guide '" + ctx.spec().guide() + "'"
        + (factor.isPresent() ? " (" + factor.get().name() + ")"
            : " (exp log q at " + qx.length + " draws)") + klText;
    Path file = dir.resolve(DENSITY_PNG);
    Charts.densities(file, "Posterior of z at " + data + ": q vs exact", "z", ex, ey, exactLabel,
        qx, qy, qLabel);
    return List.of(file);
  }

  /** {@code v} rounded up to a multiple of half its power of ten (5.37 → 5.5, 0.83 → 0.85). */
  static double niceCeiling(double v) {
    double step = Math.pow(10, Math.floor(Math.log10(v))) / 2;
    return Math.ceil(v / step) * step;
  }

  private static double[] grid(double hi) {
    int n = 400;
    double[] g = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      g[i] = hi * i / n;
    }
    return g;
  }

  private static double[] density(Distribution d, double[] at) {
    double[] lp = d.logProb(Tensor.column(at)).toArray();
    double[] out = new double[lp.length];
    for (int i = 0; i < lp.length; i++) {
      out[i] = Double.isFinite(lp[i]) ? Math.exp(lp[i]) : 0.0;
    }
    return out;
  }
}
