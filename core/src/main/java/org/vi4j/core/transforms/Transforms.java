package org.vi4j.core.transforms;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.vi4j.core.distributions.Support;

/**
 * The bijection from unconstrained space onto each {@link Support} that has one.
 *
 * <pre>{@code
 * Transform t = Transforms.forSupport(latent.support());      // IAE for BINARY, CATEGORICAL, …
 * if (Transforms.supported().contains(s)) { ... }
 * }</pre>
 *
 * <table>
 *   <caption>Support → transform</caption>
 *   <tr><td>REAL</td><td>{@link AffineTransform#identity()}</td></tr>
 *   <tr><td>POSITIVE</td><td>{@link ExpTransform}</td></tr>
 *   <tr><td>UNIT_INTERVAL</td><td>{@link SigmoidTransform}</td></tr>
 *   <tr><td>SIMPLEX</td><td>{@link StickBreakingTransform} (size K ↔ K − 1 unconstrained)</td></tr>
 *   <tr><td>LOWER_BOUNDED</td><td>none: the bound is not part of the support, so it is not
 *       known here (a guide that knows it can compose {@code AffineTransform(lower, 1)} with
 *       {@code ExpTransform})</td></tr>
 *   <tr><td>BINARY, CATEGORICAL, NON_NEGATIVE_INTEGER</td><td>none: discrete sets have no
 *       bijection from ℝⁿ</td></tr>
 *   <tr><td>POSITIVE_DEFINITE</td><td>none: the matrix dimension is the model's, not part of the
 *       support, so a model-specific family represents such a latent</td></tr>
 * </table>
 */
public final class Transforms {

  private static final Set<Support> SUPPORTED = Collections.unmodifiableSet(
      EnumSet.of(Support.REAL, Support.POSITIVE, Support.UNIT_INTERVAL, Support.SIMPLEX));

  private Transforms() {}

  /** The supports that have a transform: REAL, POSITIVE, UNIT_INTERVAL, SIMPLEX (unmodifiable). */
  public static Set<Support> supported() {
    return SUPPORTED;
  }

  /** The transform onto {@code support}, or empty where there is none (see the class javadoc). */
  public static Optional<Transform> find(Support support) {
    if (support == null) {
      throw new IllegalArgumentException("Transforms.find: support must not be null");
    }
    return switch (support) {
      case REAL -> Optional.of(AffineTransform.identity());
      case POSITIVE -> Optional.of(new ExpTransform());
      case UNIT_INTERVAL -> Optional.of(new SigmoidTransform());
      case SIMPLEX -> Optional.of(new StickBreakingTransform());
      case LOWER_BOUNDED, BINARY, CATEGORICAL, NON_NEGATIVE_INTEGER, POSITIVE_DEFINITE ->
          Optional.empty();
    };
  }

  /**
   * The transform onto {@code support}.
   *
   * @throws IllegalArgumentException for a support with none, saying why and listing those with one
   */
  public static Transform forSupport(Support support) {
    return find(support).orElseThrow(() -> new IllegalArgumentException(
        "Transforms: no bijection from unconstrained space onto " + support + " ("
            + (support.discrete()
                ? "a discrete set has none"
                : support == Support.POSITIVE_DEFINITE
                    ? "the matrix dimension is not part of the support; use a family that knows "
                        + "the model, such as a Wishart or Normal-Wishart factor"
                    : "its bound is not part of the support; compose AffineTransform(lower, 1) with "
                        + "ExpTransform where the bound is known")
            + "); supports with a transform: " + SUPPORTED));
  }
}
