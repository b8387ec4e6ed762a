package org.vi4j.optimizers.em;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.spi.PointUpdates;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.spi.StepReport;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.core.transforms.Transform;
import org.vi4j.core.transforms.Transforms;

/**
 * Expectation–maximisation (Dempster, Laird &amp; Rubin 1977; Bishop 2006, PRML §9.3–9.4) as a
 * coordinate step of the CAVI loop: q(local) is the exact conditional posterior p(local | x,
 * z_global) and q(z_global) = δ(z_global − ẑ) is a point mass, so a CAVI sweep becomes
 * <pre>
 * elbo = estimator.estimate(model, guide, batch, rng)       at the point before the step
 * ẑ    = T(u) for every GLOBAL latent                        (read from the guide's &lt;latent&gt;.loc)
 * r    = pu.localPosterior(ẑ, batch)                         E-step
 * for latent in pu.pointLatents(), in order:                 M-step (block-wise, ECM)
 *   ẑ_latent = pu.optimalPoint(latent, ẑ, r, batch);  u_latent = T⁻¹(ẑ_latent)
 * </pre>
 * with the model's {@link PointUpdates} and T the bijector of the latent's support
 * ({@link Transforms#forSupport}). This is {@code cavi} with a different pair of capabilities, not
 * a separate program: the same {@link Optimizer} contract, the same inference loop, listeners,
 * divergence guard and checkpoints.
 *
 * <p><strong>Start.</strong> With {@link Start#MODEL} (the default) the first step writes the
 * model's {@link PointUpdates#startingPoint} into the guide (a mixture: K random data points as
 * locations), since a guide that starts every component at the same value would keep them equal;
 * {@link Start#GUIDE} keeps the guide's point (a start the caller wrote).
 *
 * <p><strong>The guide</strong> must be a point mass whose parameters are exactly one
 * {@code <latent>.loc} per GLOBAL latent on the unconstrained space — the {@code delta} guide's
 * layout. A guide with any other parameter (e.g. {@code auto}'s scales) is refused by
 * {@link #check}, since writing only its location would not be EM.
 *
 * <p><strong>Exact iterates.</strong> The point written is kept with the u it was written as; if
 * the guide's parameters still hold that u at the next step, the point is reused bit for bit
 * instead of being recomputed as T(T⁻¹(ẑ)), so the iterates equal EM written out by hand. Any
 * other change of the parameters (a restore, a user edit) is honoured. This cache is validated
 * state, not configuration: {@link #reset()} clears it.
 *
 * <p><strong>The ELBO reported</strong> is the estimator's value at the point before the step
 * (with {@code delta} and {@code reparam}: log p(x, ẑ), the MAP objective, which a maximum
 * likelihood M-step need not increase); {@code gradientNorm} is NaN, and every gradient is left zero.
 *
 * <pre>{@code
 * FitResult em = Inference.builder().model(model).guide(new DeltaGuide(model.latents()))
 *     .estimator(new ReparamEstimator(1)).optimizer(new Em()).stopAfterSteps(200).seed(1)
 *     .build().run();
 * }</pre>
 */
public final class Em implements Optimizer {

  /** Where the iterations start. */
  public enum Start {
    /** From the model's {@link PointUpdates#startingPoint} (drawn from the first step's rng). */
    MODEL,
    /** From the guide's current point (e.g. one the caller wrote). */
    GUIDE
  }

  private final Start start;
  private final Map<String, double[]> writtenU = new HashMap<>();
  private final Map<String, double[]> writtenZ = new HashMap<>();
  private boolean started;

  /** EM from the model's random starting point ({@link Start#MODEL}, the provider's default). */
  public Em() {
    this(EmProvider.START.defaultValue());
  }

  /**
   * @param start {@link Start#MODEL}: the first step (after construction or {@link #reset()})
   *     writes the model's {@link PointUpdates#startingPoint} into the guide, drawn from that step's
   *     rng, so restarts with different seeds start differently; if the model has none, or with
   *     {@link Start#GUIDE}, EM starts from the guide's point
   */
  public Em(Start start) {
    this.start = Objects.requireNonNull(start, "em: start must not be null");
  }

  /** The start rule. */
  public Start start() {
    return start;
  }

  /** One message per problem: the model needs {@link PointUpdates}, the guide the delta layout. */
  @Override
  public List<String> check(Model m, VariationalFamily q) {
    List<String> problems = new ArrayList<>(2);
    if (m.as(PointUpdates.class).isEmpty()) {
      problems.add(noUpdates(m));
    }
    String layout = layoutProblem(m, q);
    if (layout != null) {
      problems.add(layout);
    }
    return problems;
  }

  static String noUpdates(Model m) {
    return "optimizer 'em': model '" + m.getClass().getSimpleName() + "' has no closed-form "
        + "E- and M-steps (it does not implement PointUpdates); use cavi for a conjugate model or a "
        + "gradient optimizer such as adam with the delta guide (MAP by gradient ascent)";
  }

  private static String layoutProblem(Model m, VariationalFamily q) {
    ParamStore ps = q.parameters();
    List<String> expected = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Latent l : m.latents().latents()) {
      if (l.local()) {
        continue;
      }
      String name = l.name() + ".loc";
      expected.add(name);
      if (Transforms.find(l.support()).isEmpty()) {
        problems.add("latent " + l.describe() + " has no bijector");
      } else if (!ps.contains(name)) {
        problems.add("no parameter '" + name + "'");
      } else {
        int want = Transforms.forSupport(l.support()).unconstrainedSize(l.size());
        if (ps.get(name).size() != want) {
          problems.add("'" + name + "' has " + ps.get(name).size() + " values, expected " + want);
        }
      }
    }
    for (String n : ps.names()) {
      if (!expected.contains(n)) {
        problems.add("extra parameter '" + n + "' (not a point mass)");
      }
    }
    if (problems.isEmpty()) {
      return null;
    }
    return "optimizer 'em': guide '" + q.getClass().getSimpleName() + "' is not a point mass over "
        + "the model's GLOBAL latents with parameters " + expected + " (" + String.join("; ", problems)
        + "); use the delta guide";
  }

  /**
   * One EM step (class javadoc).
   *
   * @throws IllegalStateException if the model or guide does not qualify ({@link #check})
   */
  @Override
  public StepReport step(Problem problem, Rng rng) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(rng, "rng");
    Model model = problem.model();
    PointUpdates pu = model.as(PointUpdates.class)
        .orElseThrow(() -> new IllegalStateException(noUpdates(model)));
    String layout = layoutProblem(model, problem.family());
    if (layout != null) {
      throw new IllegalStateException(layout);
    }
    Batch batch = problem.batch();
    ParamStore ps = problem.family().parameters();
    if (!started) {
      started = true;
      if (start == Start.MODEL) {
        pu.startingPoint(rng.split()).ifPresent(p -> {
          for (Latent l : model.latents().latents()) {
            if (!l.local() && p.contains(l.name())) {
              write(l, ps.get(l.name() + ".loc"), p.get(l.name()).toArray());
            }
          }
        });
      }
    }
    problem.zeroGrad();
    ElboEstimate elbo = problem.estimator().estimate(model, problem.family(), batch, rng);
    problem.zeroGrad();
    Map<String, Tensor> point = new LinkedHashMap<>();
    for (Latent l : model.latents().latents()) {
      if (!l.local()) {
        point.put(l.name(), read(l, ps.get(l.name() + ".loc")));
      }
    }
    Tensor r = pu.localPosterior(Latents.of(1, point), batch);
    for (String name : pu.pointLatents()) {
      Latent l = model.latents().get(name);
      Tensor z = pu.optimalPoint(name, Latents.of(1, point), r, batch);
      if (z.rows() != 1 || z.cols() != l.size()) {
        throw new IllegalArgumentException("em: the M-step of '" + name + "' returned " + z.shape()
            + ", expected 1x" + l.size());
      }
      point.put(name, Tensor.row(z.toArray()));
      write(l, ps.get(name + ".loc"), z.toArray());
    }
    return StepReport.withoutGradient(problem.step(), elbo);
  }

  private Tensor read(Latent l, Param u) {
    double[] now = u.toArray();
    double[] written = writtenU.get(l.name());
    if (written != null && Arrays.equals(written, now)) {
      return Tensor.row(writtenZ.get(l.name()).clone());
    }
    return Tensor.row(Transforms.forSupport(l.support()).forward(Tensor.row(now)).toArray());
  }

  private void write(Latent l, Param u, double[] z) {
    Transform t = Transforms.forSupport(l.support());
    double[] v = t.inverse(Tensor.row(z)).toArray();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException("em: the M-step of '" + l.name() + "' gave "
            + Arrays.toString(z) + ", outside the interior of its support " + l.support());
      }
    }
    System.arraycopy(v, 0, u.value().data, 0, v.length);
    writtenU.put(l.name(), v);
    writtenZ.put(l.name(), z.clone());
  }

  /** Forgets the cache of written points and whether the start was written. */
  @Override
  public void reset() {
    writtenU.clear();
    writtenZ.clear();
    started = false;
  }

  @Override
  public Em copy() {
    return new Em(start);
  }

  @Override
  public String toString() {
    return "em{start=" + start + "}";
  }
}
