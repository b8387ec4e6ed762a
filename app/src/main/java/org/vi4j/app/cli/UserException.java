package org.vi4j.app.cli;

/**
 * A problem with what the user gave (a flag, an option, a file, a plugin jar): the command prints
 * the message without a stack trace (unless {@code --verbose}) and exits with
 * {@link ExitCodes#USAGE}.
 *
 * <pre>{@code
 * throw new UserException("--data: file " + path + " does not exist");
 * }</pre>
 */
public final class UserException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A problem described by {@code message} (what was wrong, where, and what is accepted). */
  public UserException(String message) {
    super(message);
  }

  /** A problem described by {@code message}, caused by {@code cause} (shown with --verbose). */
  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
