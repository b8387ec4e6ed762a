package org.vi4j.app.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.spi.ExactPosterior;
import org.vi4j.core.spi.Latent;

/**
 * The report of a model vi4j has no specific report for: {@link ModelReport#common} (exact
 * evidence and KL where the capabilities exist) and, for each latent with an exact posterior,
 * that posterior next to q. No pictures beyond the ELBO trace.
 */
final class GenericReport implements ModelReport {

  private final RunContext ctx;
  private final Fitted fitted;

  GenericReport(RunContext ctx) {
    this.ctx = ctx;
    this.fitted = Fitted.of(ctx);
  }

  @Override
  public Map<String, Object> posterior() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "generic");
    m.putAll(ModelReport.common(ctx, fitted));
    Optional<ExactPosterior> post = fitted.model().as(ExactPosterior.class);
    if (post.isPresent()) {
      Map<String, Object> latents = new LinkedHashMap<>();
      for (String name : post.get().posteriorLatents()) {
        int size = size(name);
        Distribution exact = post.get().posterior(name);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("exact", Describe.distribution(exact, size, false));
        Optional<Distribution> q = fitted.factor(name);
        if (q.isPresent()) {
          entry.put("q", Describe.distribution(q.get(), size, false));
          ModelReport.closedFormKl(q.get(), exact).ifPresent(kl -> entry.put("kl_to_exact", kl));
        }
        latents.put(name, entry);
      }
      m.put("latents", latents);
    }
    return m;
  }

  private int size(String latent) {
    for (Latent l : fitted.model().latents().latents()) {
      if (l.name().equals(latent)) {
        return l.size();
      }
    }
    throw new IllegalArgumentException("report: the model's exact posterior names latent '"
        + latent + "', which is not among its latents " + fitted.model().latents());
  }

  @Override
  public List<Path> pictures(Path dir) {
    return List.of();
  }
}
