package org.vi4j.core.plugin;

import java.util.List;

/**
 * A pipeline that cannot be built, with every problem found (unknown names, bad options, a guide
 * that cannot represent a latent, an estimator or optimizer that cannot work with the model), so
 * the user fixes them in one go.
 *
 * <pre>{@code
 * try { Pipeline.from(spec, plugins); }
 * catch (PipelineException e) { e.problems().forEach(log::error); }
 * }</pre>
 */
public final class PipelineException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The problems, in the order found. */
  private final transient List<String> problems;

  /** A failure of {@code spec} with at least one problem. */
  public PipelineException(PipelineSpec spec, List<String> problems) {
    super(message(spec, problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(PipelineSpec spec, List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("PipelineException needs at least one problem");
    }
    StringBuilder sb = new StringBuilder("Cannot build pipeline [").append(spec.describe())
        .append("]: ").append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
    for (int i = 0; i < problems.size(); i++) {
      sb.append("\n  ").append(i + 1).append(") ").append(problems.get(i));
    }
    return sb.toString();
  }

  /** Every problem, one message each. */
  public List<String> problems() {
    return problems;
  }
}
