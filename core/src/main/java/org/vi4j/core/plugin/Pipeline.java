package org.vi4j.core.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.spi.VariationalFamily;

/**
 * The four parts of a fit, created from a {@link PipelineSpec} through {@link Plugins}, without
 * Guice ({@link Vi4jModule} delegates here).
 *
 * <pre>{@code
 * Pipeline p = Pipeline.from(
 *     PipelineSpec.of("poisson-gamma", "gamma", "reparam", "adam").with("optimizer.lr", 0.2),
 *     Plugins.load(getClass().getClassLoader()));
 * Problem problem = p.problem(Batch.full(data));
 * }</pre>
 *
 * <p><strong>Every problem at once.</strong> {@link #from} checks, in order, and throws one
 * {@link PipelineException} listing all problems found at the first stage that has any:
 * <ol>
 *   <li>the four names and every part's options (unknown names with the nearest match, unknown
 *       keys, ill-typed or out-of-range values), before anything is created;
 *   <li>creating the model, then whether the guide's declared {@link GuideProvider#supports()}
 *       covers every latent (naming the latent, its support and the guides that fit);
 *   <li>creating the guide, estimator and optimizer, then their
 *       {@link GradientEstimator#check} and {@link Optimizer#check}.
 * </ol>
 *
 * @param model the model
 * @param guide the variational family, built for {@code model}
 * @param estimator the gradient estimator
 * @param optimizer the optimizer
 * @param spec the spec it was built from ({@code run.*} options are for the inference loop)
 */
public record Pipeline(Model model, VariationalFamily guide, GradientEstimator estimator,
    Optimizer optimizer, PipelineSpec spec) {

  /** Checks for nulls. */
  public Pipeline {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(guide, "guide");
    Objects.requireNonNull(estimator, "estimator");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(spec, "spec");
  }

  /**
   * Creates the four parts named by {@code spec}.
   *
   * @throws PipelineException with every problem found (see the class javadoc)
   */
  public static Pipeline from(PipelineSpec spec, Plugins plugins) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(plugins, "plugins");
    List<String> problems = problems(spec, plugins);
    if (!problems.isEmpty()) {
      throw new PipelineException(spec, problems);
    }

    Model model = create(problems, plugins.models().label(spec.model()),
        () -> plugins.createModel(spec.model(), spec.optionsFor(Plugins.MODEL)));
    if (model == null) {
      throw new PipelineException(spec, problems);
    }
    problems.addAll(supportProblems(spec.guide(), model, plugins.guides()));
    if (!problems.isEmpty()) {
      throw new PipelineException(spec, problems);
    }

    VariationalFamily guide = create(problems, plugins.guides().label(spec.guide()),
        () -> plugins.createGuide(spec.guide(), model, spec.optionsFor(Plugins.GUIDE)));
    GradientEstimator estimator = create(problems, plugins.estimators().label(spec.estimator()),
        () -> plugins.createEstimator(spec.estimator(), spec.optionsFor(Plugins.ESTIMATOR)));
    Optimizer optimizer = create(problems, plugins.optimizers().label(spec.optimizer()),
        () -> plugins.createOptimizer(spec.optimizer(), spec.optionsFor(Plugins.OPTIMIZER)));
    if (!problems.isEmpty()) {
      throw new PipelineException(spec, problems);
    }
    problems.addAll(estimator.check(model, guide));
    problems.addAll(optimizer.check(model, guide));
    if (!problems.isEmpty()) {
      throw new PipelineException(spec, problems);
    }
    return new Pipeline(model, guide, estimator, optimizer, spec);
  }

  /**
   * The problems with {@code spec}'s names and options that can be found without creating
   * anything; empty if there are none.
   */
  public static List<String> problems(PipelineSpec spec, Plugins plugins) {
    List<String> problems = new ArrayList<>();
    problems.addAll(plugins.models().problems(spec.model(), spec.optionsFor(Plugins.MODEL)));
    problems.addAll(plugins.guides().problems(spec.guide(), spec.optionsFor(Plugins.GUIDE)));
    problems.addAll(plugins.estimators().problems(spec.estimator(), spec.optionsFor(Plugins.ESTIMATOR)));
    problems.addAll(plugins.optimizers().problems(spec.optimizer(), spec.optionsFor(Plugins.OPTIMIZER)));
    return problems;
  }

  /**
   * One message per latent of {@code model} that guide {@code guideName} cannot represent, naming
   * the latent, its support, what the guide supports and the guides that fit that latent.
   */
  public static List<String> supportProblems(String guideName, Model model,
      PluginRegistry<GuideProvider> guides) {
    GuideProvider guide = guides.lookup(guideName);
    Set<Support> supported = guide.supports();
    List<String> problems = new ArrayList<>();
    for (Latent latent : model.latents().unsupportedBy(supported)) {
      List<String> fit = guides.providers().stream()
          .filter(g -> g.supports().contains(latent.support()))
          .map(Provider::name).toList();
      problems.add(guides.label(guideName) + " cannot represent latent " + latent.describe()
          + ": it supports " + supported + "; guides that fit " + latent.support() + ": "
          + (fit.isEmpty() ? "none installed" : fit.toString()));
    }
    return problems;
  }

  private static <T> T create(List<String> problems, String label, Supplier<T> creator) {
    try {
      T made = creator.get();
      if (made == null) {
        problems.add(label + " returned null from create");
      }
      return made;
    } catch (IllegalArgumentException e) {   // bad input; anything else is a bug and propagates
      problems.add(label + " could not be created: " + e.getMessage());
      return null;
    }
  }

  /** Step 0 of a fit of these parts on {@code firstBatch}. */
  public Problem problem(Batch firstBatch) {
    return Problem.start(model, guide, estimator, firstBatch);
  }
}
