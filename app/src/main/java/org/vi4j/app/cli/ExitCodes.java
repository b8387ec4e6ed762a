package org.vi4j.app.cli;

/**
 * The exit codes of the {@code vi4j} command (also listed in {@code vi4j --help}).
 *
 * <ul>
 *   <li>{@value #OK}: finished;
 *   <li>{@value #FAILURE}: anything else went wrong (an internal error, an unwritable output
 *       directory, ...);
 *   <li>{@value #USAGE}: bad usage or bad input: an unknown command, flag, plugin or option, a
 *       value of the wrong type, an incompatible combination of parts, a data file that does not
 *       parse (the message names file, line and column), a plugin jar that cannot be used;
 *   <li>{@value #DIVERGED}: the run diverged; the report is still written, with the last good
 *       parameters.
 * </ul>
 */
public final class ExitCodes {

  /** Finished. */
  public static final int OK = 0;
  /** Anything else. */
  public static final int FAILURE = 1;
  /** Bad usage or bad input (picocli's own code for invalid input is the same). */
  public static final int USAGE = 2;
  /** The run diverged. */
  public static final int DIVERGED = 3;

  private ExitCodes() {
  }
}
