package org.vi4j.app.demo;

import java.util.List;
import java.util.Locale;
import org.vi4j.core.plugin.PipelineSpec;

/**
 * The built-in demos, one per shipped model, on data the project ships or generates.
 *
 * <pre>{@code
 * Demo d = Demos.get("poisson-gamma");
 * d.spec();        // poisson-gamma / gamma / reparam (128 particles) / adam (lr 0.2), 5,000 steps
 * Demos.all();     // every demo, in a fixed order
 * }</pre>
 *
 * <p>Each spec sets its run through the loop's options: {@value #STEPS} (step limit),
 * {@value #AVERAGE_LAST} (fraction of the step limit whose iterates are averaged),
 * {@value #SEED} and {@value #EVAL_PARTICLES} (particles of the final ELBO evaluation); the
 * mixture demos also {@value #RESTARTS} (independent fits, the best final ELBO kept). The
 * command line's {@code --seed}/{@code --steps} override them.
 */
public final class Demos {

  /** The step limit. */
  public static final String STEPS = "run.steps";
  /** The fraction of the step limit, at the end, whose iterates are averaged. */
  public static final String AVERAGE_LAST = "run.average-last";
  /** The run's seed. */
  public static final String SEED = "run.seed";
  /** Particles of the final ELBO evaluation. */
  public static final String EVAL_PARTICLES = "run.eval-particles";

  /**
   * {@code exp-gaussian} at x = 1.5: a truncated-normal guide, which contains the exact posterior;
   * pathwise gradients with 16 particles, Adam at lr 0.02, 3,000 steps averaging the last half.
   * These settings reach KL(q ‖ p(z|x)) ≈ 4e-5 nats; 20,000 evaluation particles keep the ELBO's
   * standard error below 1e-3.
   */
  public static final Demo EXP_GAUSSIAN = new Demo("exp-gaussian",
      "z ~ Exp(1), x ~ N(z, 1) at x = 1.5: a truncated-normal q fitted by Adam reaches the exact "
          + "posterior (KL ≈ 4e-5 nats)",
      PipelineSpec.of("exp-gaussian", "truncated-normal", "reparam", "adam")
          .with("model.x", "1.5")
          .with("estimator.particles", 16)
          .with("optimizer.lr", 0.02)
          .with(STEPS, 3000)
          .with(AVERAGE_LAST, 0.5)
          .with(SEED, 1)
          .with(EVAL_PARTICLES, 20_000));

  /**
   * {@code poisson-gamma} on the 178 zeros of the UCI digits: the user's reference run, a Gamma
   * guide with implicit-reparameterisation gradients (128 particles), Adam at lr 0.2, 5,000 steps
   * averaging the last 20%.
   */
  public static final Demo POISSON_GAMMA = new Demo("poisson-gamma",
      "8x8 digit pixels ~ Poisson(θ), θ ~ Gamma on the 178 zeros of the UCI digits: a Gamma q "
          + "fitted by Adam, compared with the exact conjugate posterior",
      PipelineSpec.of("poisson-gamma", "gamma", "reparam", "adam")
          .with("model.digit", 0)
          .with("estimator.particles", 128)
          .with("optimizer.lr", 0.2)
          .with(STEPS, 5000)
          .with(AVERAGE_LAST, 0.2)
          .with(SEED, 42)
          .with(EVAL_PARTICLES, 1000));

  /** The number of independent fits a mixture demo keeps the best of. */
  public static final String RESTARTS = "run.restarts";

  /**
   * {@code laplace-mixture} on the seeded experiment of issue 5 (seed 2314: K = 4 Laplace
   * components, 200 training points): black-box VI with the {@code auto} (mean-field ADVI) guide,
   * pathwise gradients with 4 particles, Adam at lr 0.05, 1,500 steps averaging the last 30%, the
   * best of 3 restarts. Its report also fits EM ({@code delta} + {@code em}) and CAVI on
   * {@code gaussian-mixture} to the same points and draws all three with the true density.
   */
  public static final Demo LAPLACE_MIXTURE = new Demo("laplace-mixture",
      "200 points from 4 Laplace components: black-box VI (auto/reparam/adam) on a Laplace "
          + "mixture, compared with EM and a CAVI Gaussian mixture on held-out points",
      PipelineSpec.of("laplace-mixture", "auto", "reparam", "adam")
          .with("estimator.particles", 4)
          .with("optimizer.lr", 0.05)
          .with(STEPS, 1500)
          .with(AVERAGE_LAST, 0.3)
          .with(SEED, 1)
          .with(EVAL_PARTICLES, 200)
          .with(RESTARTS, 3));

  /**
   * {@code gaussian-mixture} (K = 4, conjugate, misspecified) on the same 200 points: coordinate
   * ascent ({@code cavi}) with the model's own mean-field guide and closed-form ELBO (plugins of
   * the models module), 200 sweeps, the best of 10 random starts (the guide's random start follows
   * the run's seed). The final ELBO is the loop's Monte Carlo evaluation with 500 particles, which
   * picks the restart; the report also gives the closed form.
   */
  public static final Demo GAUSSIAN_MIXTURE = new Demo("gaussian-mixture",
      "the same 200 Laplace-mixture points fitted by CAVI with a conjugate Bayesian Gaussian "
          + "mixture (Bishop PRML 10.2), best ELBO of 10 random starts",
      PipelineSpec.of("gaussian-mixture", "gaussian-mixture", "gaussian-mixture-elbo", "cavi")
          .with(STEPS, 200)
          .with(AVERAGE_LAST, 0)
          .with(SEED, 1)
          .with(EVAL_PARTICLES, 500)
          .with(RESTARTS, 10));

  /**
   * {@code gaussian-mixture-mv} (K = 6, conjugate Normal–Wishart components) on the seeded 2-D
   * experiment (300 points from three correlated Gaussians): coordinate ascent ({@code cavi}) with
   * the model's own family and closed-form ELBO (plugins of the models module), 200 sweeps, the best
   * of 10 random starts; the three surplus components are emptied. The report draws the points with
   * each component's ellipse and the true ones.
   */
  public static final Demo GAUSSIAN_MIXTURE_MV = new Demo("gaussian-mixture-mv",
      "300 2-D points from 3 correlated Gaussians fitted by CAVI with a Normal-Wishart Bayesian "
          + "Gaussian mixture (Bishop PRML 10.2), K = 6, best ELBO of 10 random starts",
      PipelineSpec.of("gaussian-mixture-mv", "gaussian-mixture-mv", "gaussian-mixture-mv-elbo",
          "cavi")
          .with(STEPS, 200)
          .with(AVERAGE_LAST, 0)
          .with(SEED, 1)
          .with(EVAL_PARTICLES, 600)
          .with(RESTARTS, 10));

  /** Minibatch size (0: the whole data set). */
  public static final String BATCH_SIZE = "run.batch-size";

  /**
   * {@code vae} (AEVB) on the bundled UCI digits, or an IDX file with {@code --data}: a 2-D latent
   * (so the report draws the latent manifold), 64-unit tanh MLPs for the Bernoulli decoder and the
   * {@code amortized} encoder, {@code reparam-analytic} (closed-form KL, one sample per image),
   * Adam at lr 3e-3 on minibatches of 100, 3,000 steps, no averaging.
   */
  public static final Demo VAE = new Demo("vae",
      "variational autoencoder (Kingma & Welling 2014) with a 2-D latent on the 8x8 UCI digits "
          + "(--data: an IDX image file): reconstructions, samples and the latent manifold",
      PipelineSpec.of("vae", "amortized", "reparam-analytic", "adam")
          .with("model.latent-size", 2)
          .with("model.hidden", "64")
          .with("model.activation", "tanh")
          .with("model.likelihood", "bernoulli")
          .with("guide.hidden", "64")
          .with("guide.activation", "tanh")
          .with("optimizer.lr", 3e-3)
          .with(BATCH_SIZE, 100)
          .with(STEPS, 3000)
          .with(AVERAGE_LAST, 0)
          .with(SEED, 1)
          .with(EVAL_PARTICLES, 5));

  /**
   * {@code lda} on issue 7's synthetic corpus (K = 20 topics, V = 2,000 words, 5,000 training and
   * 500 held-out documents of 100 tokens, α = 0.1, η = 0.01, generated with the project's seed):
   * batch variational EM ({@code cavi} through the model's local step, on all cores) with the
   * model's own guide and closed-form ELBO, 30 iterations. The report lists the topics' top words,
   * writes the document–topic proportions and a picture of the topics, and scores the held-out
   * completion perplexity and the recovery of the true topics.
   */
  public static final Demo LDA = new Demo("lda",
      "latent Dirichlet allocation (K = 20) on a generated corpus of 5,000 documents, fitted by "
          + "CAVI: top words, document topics, held-out perplexity and recovery of the true topics",
      PipelineSpec.of("lda", "lda", "closed-form", "cavi")
          .with(STEPS, 30)
          .with(AVERAGE_LAST, 0)
          .with(SEED, 1)
          .with(EVAL_PARTICLES, 5));

  /**
   * {@code bernoulli-topic} on its seeded synthetic corpus (8 true binary factors, V = 500, 2,000
   * training and 500 held-out documents of 100 tokens): an overcomplete model of 16 factors (with
   * exactly 8, gradient ascent tends to merge two true factors; the spare ones switch off), the
   * {@code amortized} encoder (100 tanh units), {@code score-function} with the leave-one-out
   * baseline over 4 samples per document and the analytic KL, Adam at 0.03 on batches of 100, 1,500
   * steps averaging the last 30%. The report gives each factor's top words, the recovery of the true
   * factors and the held-out ELBO against the true model's.
   */
  public static final Demo BERNOULLI_TOPIC = new Demo("bernoulli-topic",
      "binary latent factors of documents (z_j ~ Bernoulli, words ~ Categorical(softmax(zW + b))) "
          + "on a synthetic corpus with 8 known topics: top words, recovery and held-out ELBO",
      PipelineSpec.of("bernoulli-topic", "amortized", "score-function", "adam")
          .with("model.factors", 16)
          .with("model.true-factors", 8)
          .with("guide.hidden", "100")
          .with("estimator.particles", 4)
          .with("estimator.baseline", "leave-one-out")
          .with("estimator.analytic-kl", true)
          .with("optimizer.lr", 0.03)
          .with(BATCH_SIZE, 100)
          .with(STEPS, 1500)
          .with(AVERAGE_LAST, 0.3)
          .with(SEED, 1)
          .with(EVAL_PARTICLES, 5));

  private static final List<Demo> ALL = List.of(EXP_GAUSSIAN, POISSON_GAMMA, LAPLACE_MIXTURE,
      GAUSSIAN_MIXTURE, GAUSSIAN_MIXTURE_MV, VAE, BERNOULLI_TOPIC, LDA);

  private Demos() {}

  /** Every demo, in a fixed order (an unmodifiable list). */
  public static List<Demo> all() {
    return ALL;
  }

  /** The demos' names, in {@link #all()} order. */
  public static List<String> names() {
    return ALL.stream().map(Demo::name).toList();
  }

  /**
   * The demo called {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name, with the nearest known name if one is
   *     close and the list of known names
   */
  public static Demo get(String name) {
    for (Demo d : ALL) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    String near = nearest(name);
    throw new IllegalArgumentException("Unknown demo '" + name + "'."
        + (near == null ? "" : " Did you mean '" + near + "'?") + " Known demos: " + names());
  }

  /** The known name within a few edits of {@code name} (or containing it), or null. */
  static String nearest(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String n = name.toLowerCase(Locale.ROOT).strip();
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : names()) {
      int d = distance(n, known);
      if (d < bestDistance) {
        best = known;
        bestDistance = d;
      }
    }
    int allowed = n.length() <= 3 ? 1 : n.length() <= 8 ? 2 : 3;
    if (bestDistance <= allowed) {
      return best;
    }
    if (n.length() >= 3) {
      for (String known : names()) {
        if (known.contains(n) || n.contains(known)) {
          return known;
        }
      }
    }
    return null;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
