package org.vi4j.estimators.testing;

import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Normal;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.VariationalFamily;

/**
 * q(z) = Π_j N(z_j; m_j, exp(ω_j)²) over the GLOBAL block "z", with φ = ("loc" m, "log-scale" ω),
 * each 1 x d. Reparameterizable (z = m + e^ω ε on the tape) or not (z drawn with {@code sample}, a
 * constant, and log q(z; φ) differentiable in φ: the score function).
 */
public final class MeanFieldNormalGuide implements VariationalFamily, FactorizedFamily {

  private final ParamStore params = new ParamStore();
  private final Param loc;
  private final Param logScale;
  private final boolean reparameterizable;

  public MeanFieldNormalGuide(double[] loc, double[] logScale, boolean reparameterizable) {
    this.loc = params.add("loc", new DMatrixRMaj(1, loc.length, true, loc));
    this.logScale = params.add("log-scale", new DMatrixRMaj(1, logScale.length, true, logScale));
    this.reparameterizable = reparameterizable;
  }

  public Param loc() {
    return loc;
  }

  public Param logScale() {
    return logScale;
  }

  @Override
  public ParamStore parameters() {
    return params;
  }

  @Override
  public Draw draw(Batch batch, Rng rng, int particles) {
    Normal q = factor("z");
    Tensor z = reparameterizable ? q.rsample(rng, particles) : q.sample(rng, particles);
    return new Draw(Latents.builder(particles).put("z", z).build(), q.logProb(z).sumRows());
  }

  @Override
  public boolean reparameterizable() {
    return reparameterizable;
  }

  @Override
  public Set<Support> supports() {
    return Set.of(Support.REAL);
  }

  @Override
  public List<String> factorLatents() {
    return List.of("z");
  }

  @Override
  public Normal factor(String latent) {
    if (!"z".equals(latent)) {
      throw new IllegalArgumentException("MeanFieldNormalGuide: no latent '" + latent + "'; known: [z]");
    }
    return Normal.of(loc, logScale.exp());
  }

  /** A guide with this one's draws and parameters but none of its capabilities. */
  public VariationalFamily opaque() {
    MeanFieldNormalGuide self = this;
    return new VariationalFamily() {
      @Override
      public ParamStore parameters() {
        return self.parameters();
      }

      @Override
      public Draw draw(Batch batch, Rng rng, int particles) {
        return self.draw(batch, rng, particles);
      }

      @Override
      public boolean reparameterizable() {
        return self.reparameterizable();
      }

      @Override
      public Set<Support> supports() {
        return self.supports();
      }

      @Override
      public String toString() {
        return "OpaqueGuide";
      }
    };
  }

  /** A guide like this one whose factor has no closed-form entropy and no registered KL. */
  public VariationalFamily withoutEntropy() {
    return new NoEntropyGuide(this);
  }

  /** See {@link #withoutEntropy()}. */
  static final class NoEntropyGuide implements VariationalFamily, FactorizedFamily {
    private final MeanFieldNormalGuide inner;

    NoEntropyGuide(MeanFieldNormalGuide inner) {
      this.inner = inner;
    }

    @Override
    public ParamStore parameters() {
      return inner.parameters();
    }

    @Override
    public Draw draw(Batch batch, Rng rng, int particles) {
      return inner.draw(batch, rng, particles);
    }

    @Override
    public boolean reparameterizable() {
      return inner.reparameterizable();
    }

    @Override
    public Set<Support> supports() {
      return inner.supports();
    }

    @Override
    public List<String> factorLatents() {
      return inner.factorLatents();
    }

    @Override
    public Distribution factor(String latent) {
      return new NoEntropyNormal(inner.factor(latent));
    }
  }

  /** A Normal that hides its entropy (an opaque distribution type). */
  record NoEntropyNormal(Normal n) implements Distribution {
    @Override
    public String name() {
      return "NoEntropyNormal";
    }

    @Override
    public int rows() {
      return n.rows();
    }

    @Override
    public int cols() {
      return n.cols();
    }

    @Override
    public Support support() {
      return n.support();
    }

    @Override
    public Tensor logProb(Tensor x) {
      return n.logProb(x);
    }

    @Override
    public Tensor sample(Rng rng, int particles) {
      return n.sample(rng, particles);
    }

    @Override
    public Tensor mean() {
      return n.mean();
    }

    @Override
    public Tensor variance() {
      return n.variance();
    }
  }
}
