package org.vi4j.app.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.KlRegistry;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.spi.ExactEvidence;
import org.vi4j.core.spi.ExactPosterior;
import org.vi4j.core.spi.Model;
import org.vi4j.guides.amortized.AmortizedGuide;
import org.vi4j.models.bernoullitopic.BernoulliTopicModel;
import org.vi4j.models.expgaussian.ExpGaussianModel;
import org.vi4j.models.gaussianmixture.GaussianMixtureGuide;
import org.vi4j.models.gaussianmixture.GaussianMixtureModel;
import org.vi4j.models.gaussianmixture.GaussianWishartMixtureGuide;
import org.vi4j.models.gaussianmixture.GaussianWishartMixtureModel;
import org.vi4j.models.laplacemixture.LaplaceMixtureModel;
import org.vi4j.models.lda.LdaGuide;
import org.vi4j.models.lda.LdaModel;
import org.vi4j.models.poissongamma.PoissonGammaModel;
import org.vi4j.models.vae.VaeModel;

/**
 * The model-specific part of a report: the summary's {@code posterior} section and the posterior
 * pictures. {@link #of} picks {@link PoissonGammaReport}, {@link ExpGaussianReport},
 * {@link LaplaceMixtureReport}, {@link GaussianMixtureReport},
 * {@link GaussianWishartMixtureReport} and {@link LdaReport} (each with its own guide),
 * {@link VaeReport} (with the {@code amortized} guide) or {@link BernoulliTopicReport} by model
 * type, else {@link GenericReport}, which uses whatever capabilities the model has.
 */
interface ModelReport {

  /** The {@code posterior} section of {@code summary.json} (documented in docs/output.md). */
  Map<String, Object> posterior();

  /**
   * Draws the model-specific pictures into {@code dir}.
   *
   * @return the files written
   */
  List<Path> pictures(Path dir) throws IOException;

  /** The report for this run's model. */
  static ModelReport of(RunContext ctx) {
    Model model = ctx.pipeline().model();
    Optional<PoissonGammaModel> pg = model.as(PoissonGammaModel.class);
    if (pg.isPresent()) {
      return new PoissonGammaReport(ctx, pg.get());
    }
    Optional<ExpGaussianModel> eg = model.as(ExpGaussianModel.class);
    if (eg.isPresent()) {
      return new ExpGaussianReport(ctx, eg.get());
    }
    Optional<LaplaceMixtureModel> lm = model.as(LaplaceMixtureModel.class);
    if (lm.isPresent()) {
      return new LaplaceMixtureReport(ctx, lm.get());
    }
    Optional<GaussianMixtureModel> gm = model.as(GaussianMixtureModel.class);
    if (gm.isPresent() && ctx.pipeline().guide() instanceof GaussianMixtureGuide q) {
      return new GaussianMixtureReport(ctx, gm.get(), q);
    }
    Optional<GaussianWishartMixtureModel> gw = model.as(GaussianWishartMixtureModel.class);
    if (gw.isPresent() && ctx.pipeline().guide() instanceof GaussianWishartMixtureGuide q) {
      return new GaussianWishartMixtureReport(ctx, gw.get(), q);
    }
    Optional<LdaModel> lda = model.as(LdaModel.class);
    if (lda.isPresent() && ctx.pipeline().guide() instanceof LdaGuide q && q.fits(lda.get())) {
      return new LdaReport(ctx, lda.get(), q);
    }
    Optional<VaeModel> vae = model.as(VaeModel.class);
    if (vae.isPresent() && ctx.pipeline().guide() instanceof AmortizedGuide q) {
      return new VaeReport(ctx, vae.get(), q);
    }
    Optional<BernoulliTopicModel> topic = model.as(BernoulliTopicModel.class);
    if (topic.isPresent()) {
      return new BernoulliTopicReport(ctx, topic.get());
    }
    return new GenericReport(ctx);
  }

  /**
   * The entries every model with the capabilities gets: {@code log_evidence} and
   * {@code evidence_gap} = log p(x) − ELBO with the ELBO's standard error (where
   * {@link ExactEvidence}), and {@code kl_to_exact}: the closed-form Σ KL(q ‖ p(z|x)) when the guide
   * is factorized over every exactly known latent and the KL registry has each pair, else the
   * evidence gap (equal to KL(q ‖ p(z|x)) for any q).
   */
  static Map<String, Object> common(RunContext ctx, Fitted fitted) {
    Map<String, Object> m = new LinkedHashMap<>();
    FitResult fit = ctx.fit();
    Model model = fitted.model();
    Optional<ExactEvidence> ev = model.as(ExactEvidence.class);
    Map<String, Object> gap = null;
    if (ev.isPresent()) {
      double logEvidence = ev.get().logEvidence();
      m.put("log_evidence", logEvidence);
      gap = Describe.estimate(logEvidence - fit.elbo().value(), fit.elbo().standardError(),
          fit.elbo().particles());
      m.put("evidence_gap", gap);
    }
    Optional<Double> closed = closedFormKl(fitted);
    if (closed.isPresent()) {
      Map<String, Object> kl = Describe.estimate(closed.get(), 0.0, null);
      kl.put("method", "closed_form");
      m.put("kl_to_exact", kl);
    } else if (gap != null) {
      Map<String, Object> kl = new LinkedHashMap<>(gap);
      kl.remove("particles");
      kl.put("method", "evidence_gap");
      m.put("kl_to_exact", kl);
    }
    return m;
  }

  /**
   * Σ over the exactly known latents of the closed-form KL(q ‖ p(z|x)), if every one has a q factor
   * and a registered pair.
   */
  static Optional<Double> closedFormKl(Fitted fitted) {
    Optional<ExactPosterior> post = fitted.model().as(ExactPosterior.class);
    if (post.isEmpty() || post.get().posteriorLatents().isEmpty()) {
      return Optional.empty();
    }
    double sum = 0;
    for (String latent : post.get().posteriorLatents()) {
      Optional<Distribution> q = fitted.factor(latent);
      Optional<Double> kl = q.flatMap(d -> closedFormKl(d, post.get().posterior(latent)));
      if (kl.isEmpty()) {
        return Optional.empty();
      }
      sum += kl.get();
    }
    return Optional.of(sum);
  }

  /** Σ over elements of KL(q ‖ exact), if the registry has the pair. */
  static Optional<Double> closedFormKl(Distribution q, Distribution exact) {
    KlRegistry kl = KlRegistry.standard();
    if (!kl.has(q.getClass(), exact.getClass())) {
      return Optional.empty();
    }
    return Optional.of(kl.kl(q, exact).sum().item());
  }
}
