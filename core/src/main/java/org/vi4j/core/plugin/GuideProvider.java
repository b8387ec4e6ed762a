package org.vi4j.core.plugin;

import java.util.Set;
import org.vi4j.core.spi.Model;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.spi.VariationalFamily;

/**
 * Provides a {@link VariationalFamily} by name for a given model; listed in
 * {@code META-INF/services/org.vi4j.core.plugin.GuideProvider}.
 *
 * <pre>{@code
 * public final class GammaGuideProvider implements GuideProvider {
 *   public static final String NAME = "gamma";
 *   public String name() { return NAME; }
 *   public String description() { return "mean-field Gamma for positive latents"; }
 *   public Set<Support> supports() { return EnumSet.of(Support.POSITIVE); }
 *   public VariationalFamily create(Model model, Options options) {
 *     return new GammaGuide(model.latents(), options.get(INIT_SHAPE));
 *   }
 * }
 * }</pre>
 *
 * <p><strong>The model is given to {@code create}</strong> because a guide's parameters are sized
 * from {@link Model#latents()} (and may be initialised from capabilities such as
 * {@link org.vi4j.core.spi.PriorSpec}). {@link #supports()} is declared without a model, so a
 * mismatch is refused — naming the latent, its support and the guides that fit — before anything
 * is created. It must equal {@code supports()} of the families it creates.
 */
public interface GuideProvider extends Provider {

  /** The latent supports the families it creates can represent. */
  Set<Support> supports();

  /** A new family for {@code model}'s latents, configured by validated {@code options}. */
  VariationalFamily create(Model model, Options options);
}
