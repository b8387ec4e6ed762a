package org.vi4j.core.inference;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Normal;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.spi.Stateful;
import org.vi4j.core.spi.StepReport;
import org.vi4j.core.spi.VariationalFamily;

/** Small, self-contained parts for testing the loop without the plugin modules. */
final class Fixtures {

  private Fixtures() {}

  /** z ~ N(0, 1), x_i ~ N(z, 1): the posterior is N(Σx/(n+1), 1/(n+1)). */
  static final class NormalNormal implements Model, ObservedData {
    final Tensor x;
    private final ParamStore none = new ParamStore();

    NormalNormal(double... xs) {
      this.x = Tensor.column(xs);
    }

    @Override
    public LatentSpec latents() {
      return LatentSpec.of(Latent.global("z", 1, Support.REAL));
    }

    @Override
    public ParamStore parameters() {
      return none;
    }

    @Override
    public Tensor observed() {
      return x;
    }

    @Override
    public Tensor logJoint(Latents z, Batch batch) {
      Tensor zz = z.get("z");                                     // particles x 1
      Tensor prior = Normal.of(0, 1).logProb(zz);                  // particles x 1
      // Σ_i log N(x_i; z, 1) = −½ Σ (x_i − z)² − B log √(2π), from sufficient statistics
      double[] xb = batch.data().value().data;
      double s1 = 0;
      double s2 = 0;
      for (double v : xb) {
        s1 += v;
        s2 += v * v;
      }
      int b = batch.size();
      Tensor lik = zz.square().mul(b).sub(zz.mul(2 * s1)).add(s2).mul(-0.5)
          .sub(b * 0.5 * Math.log(2 * Math.PI));
      return prior.add(lik.mul(batch.scale()));
    }

    double posteriorMean() {
      double s = 0;
      for (double v : x.toArray()) {
        s += v;
      }
      return s / (x.rows() + 1);
    }

    double posteriorSd() {
      return Math.sqrt(1.0 / (x.rows() + 1));
    }
  }

  /** A model that forwards every call to a {@link NormalNormal} (to add capabilities in tests). */
  static class NormalNormalDelegate implements Model, ObservedData {
    private final NormalNormal inner;

    NormalNormalDelegate(NormalNormal inner) {
      this.inner = inner;
    }

    @Override
    public LatentSpec latents() {
      return inner.latents();
    }

    @Override
    public ParamStore parameters() {
      return inner.parameters();
    }

    @Override
    public Tensor observed() {
      return inner.observed();
    }

    @Override
    public Tensor logJoint(Latents z, Batch batch) {
      return inner.logJoint(z, batch);
    }
  }

  /** q(z) = N(loc, exp(logScale)²). */
  static final class Guide implements VariationalFamily {
    final ParamStore params = new ParamStore();
    final Param loc;
    final Param logScale;

    Guide() {
      loc = params.add("z.loc", 1, 1, 0.0);
      logScale = params.add("z.log_scale", 1, 1, 0.0);
    }

    @Override
    public ParamStore parameters() {
      return params;
    }

    @Override
    public Draw draw(Batch batch, Rng rng, int particles) {
      Normal q = Normal.of(loc, logScale.exp());
      Tensor z = q.rsample(rng, particles);
      return new Draw(Latents.builder(particles).put("z", z).build(), q.logProb(z));
    }

    @Override
    public boolean reparameterizable() {
      return true;
    }

    @Override
    public Set<Support> supports() {
      return EnumSet.of(Support.REAL);
    }
  }

  /** The pathwise estimator, with one reused tape. */
  static final class Reparam implements GradientEstimator {
    final int particles;
    private final Tape tape = new Tape();

    Reparam(int particles) {
      this.particles = particles;
    }

    @Override
    public ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng) {
      try (Tape t = tape.reset()) {
        t.watch(m.parameters());
        t.watch(q.parameters());
        Draw d = q.draw(batch, rng, particles);
        Tensor f = m.logJoint(d.z(), batch).sub(d.logQ());
        t.backward(f.mean());
        return ElboEstimate.fromSamples(f.toArray());
      }
    }
  }

  /** SGD with momentum (ascent), Stateful; {@code poison} makes chosen steps' gradients NaN. */
  static class Sgd implements Optimizer, Stateful {
    final double lr;
    final double momentum;
    double[] velocity;
    long steps;
    /** Calls of step(), including rejected ones (not part of the state, so not rolled back). */
    long calls;
    /** Makes the gradients of the calls it accepts (0-based call counts) NaN. */
    java.util.function.LongPredicate poison = c -> false;

    Sgd(double lr, double momentum) {
      this.lr = lr;
      this.momentum = momentum;
    }

    @Override
    public StepReport step(Problem problem, Rng rng) {
      problem.zeroGrad();
      ElboEstimate e = problem.estimator().estimate(problem.model(), problem.family(),
          problem.batch(), rng);
      List<Param> ps = problem.parameters();
      if (velocity == null) {
        int n = 0;
        for (Param p : ps) {
          n += p.size();
        }
        velocity = new double[n];
      }
      boolean poisoned = poison.test(calls++);
      int k = 0;
      double norm = 0;
      for (Param p : ps) {
        double[] v = p.value().data;
        double[] g = p.grad().data;
        for (int i = 0; i < p.size(); i++, k++) {
          if (poisoned) {
            g[i] = Double.NaN;
          }
          norm += g[i] * g[i];
          velocity[k] = momentum * velocity[k] + g[i];
          v[i] += lr * velocity[k];
        }
      }
      steps++;
      return new StepReport(problem.step(), e, Math.sqrt(norm));
    }

    @Override
    public void reset() {
      velocity = null;
      steps = 0;
    }

    @Override
    public Optimizer copy() {
      return new Sgd(lr, momentum);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
      out.writeLong(steps);
      out.writeInt(velocity == null ? -1 : velocity.length);
      if (velocity != null) {
        for (double v : velocity) {
          out.writeDouble(v);
        }
      }
    }

    @Override
    public void readState(DataInput in) throws IOException {
      steps = in.readLong();
      int n = in.readInt();
      velocity = n < 0 ? null : new double[n];
      for (int i = 0; i < n; i++) {
        velocity[i] = in.readDouble();
      }
    }
  }

  static DMatrixRMaj column(double... v) {
    return new DMatrixRMaj(v.length, 1, true, v);
  }
}
