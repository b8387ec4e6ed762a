package org.vi4j.guides.delta;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.transforms.Transform;
import org.vi4j.core.transforms.Transforms;
import org.vi4j.guides.internal.BlockDraw;
import org.vi4j.guides.internal.GlobalGuide;
import org.vi4j.guides.internal.GuideMath;

/**
 * A point mass per latent: q(z) = δ(z − T(u)), u on the unconstrained space and T the support's
 * bijector ({@link Transforms#forSupport}); for REAL, POSITIVE, UNIT_INTERVAL and SIMPLEX GLOBAL
 * latents.
 *
 * <pre>{@code
 * DeltaGuide q = new DeltaGuide(model.latents(), 0.0);    // POSITIVE: z = e^0 = 1; SIMPLEX: centre
 * Draw d = q.draw(batch, rng, 1);                          // z = T(u), logQ = 0
 * double[] map = q.point("rate");
 * }</pre>
 *
 * <p><strong>Parameters</strong> per latent: {@code <latent>.loc} = u, 1 x n with n = size (size − 1
 * for SIMPLEX, stick-breaking), all initialised to {@code initLoc} (default 0: z = 0, 1, ½ or the
 * simplex centre). The same name and space as {@code auto}'s location, so one can warm-start the
 * other.
 *
 * <p><strong>Draw and density.</strong> Every particle is z = T(u) (the randomness is not read);
 * {@code logQ} is 0. With a pathwise ({@code reparam}) estimator the ELBO then becomes
 * log p(x, z) at the point and its maximiser is the MAP estimate <em>in the constrained space</em>:
 * the Jacobian log|det ∂T/∂u| is deliberately not added (adding it would give the MAP of the
 * unconstrained density, which moves with the parameterisation). {@link #reparameterizable()} is
 * true: z is a differentiable function of u. The value is not a lower bound on log p(x) (a point
 * mass has entropy −∞).
 */
public final class DeltaGuide extends GlobalGuide {

  /** Every support with a bijector: REAL, POSITIVE, UNIT_INTERVAL, SIMPLEX. */
  public static final Set<Support> SUPPORTS = Transforms.supported();

  private final Map<String, Param> loc = new HashMap<>();
  private final Map<String, Transform> transforms = new HashMap<>();

  /** With the provider's default initial value. */
  public DeltaGuide(LatentSpec latents) {
    this(latents, DeltaGuideProvider.INIT_LOC.defaultValue());
  }

  /**
   * @param latents the model's latents, GLOBAL with supports in {@link #SUPPORTS}. Not modified.
   * @param initLoc initial u of every element, on the unconstrained space, finite
   */
  public DeltaGuide(LatentSpec latents, double initLoc) {
    super(DeltaGuideProvider.NAME, latents, SUPPORTS);
    GuideMath.finite(guideName(), "initial loc", initLoc);
    for (Latent l : latents.latents()) {
      Transform t = Transforms.forSupport(l.support());
      transforms.put(l.name(), t);
      loc.put(l.name(), params.add(l.name() + ".loc", 1, t.unconstrainedSize(l.size()), initLoc));
    }
  }

  @Override
  protected BlockDraw drawBlock(Latent latent, Rng rng, int particles) {
    Param u = loc.get(latent.name());
    Tensor z = transforms.get(latent.name()).forward(u).repeatRows(particles);
    return new BlockDraw(z, u.newConstant(particles, 1));
  }

  /** True: z = T(u) is differentiable in u. */
  @Override
  public boolean reparameterizable() {
    return true;
  }

  /** The current point T(u) of one latent, 1 x size values (a copy). */
  public double[] point(String latent) {
    String name = latent(latent).name();
    return transforms.get(name).forward(Tensor.constant(loc.get(name).value())).toArray();
  }

  /**
   * Moves one latent's point to {@code z} (written as u = T⁻¹(z)). Modifies {@code <latent>.loc}.
   *
   * @param z 1 x size, inside the latent's support. Not modified.
   * @throws IllegalArgumentException for a wrong shape or a value outside the support
   */
  public void setPoint(String latent, Tensor z) {
    Latent l = latent(latent);
    if (z == null || z.rows() != 1 || z.cols() != l.size()) {
      throw new IllegalArgumentException("Guide '" + guideName() + "', latent '" + l.name()
          + "': the point must be 1x" + l.size() + ", got " + (z == null ? "null" : z.shape()));
    }
    Tensor u = transforms.get(l.name()).inverse(z);
    System.arraycopy(u.value().data, 0, loc.get(l.name()).value().data, 0, u.size());
  }
}
