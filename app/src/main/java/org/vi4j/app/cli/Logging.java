package org.vi4j.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code --verbose} and {@code --quiet} to Logback for the duration of one command and puts
 * the previous set-up back afterwards (the command may run in-process, e.g. in tests).
 *
 * <pre>{@code
 * try (Logging.Scope s = Logging.apply(verbose, quiet)) {
 *   ... run the command ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li>default: what {@code logback.xml} says (INFO to stderr, no stack traces);
 *   <li>{@code --quiet}: WARN and above only;
 *   <li>{@code --verbose}: DEBUG, and the stderr appender of {@code logback.xml} prints stack
 *       traces and logger names.
 * </ul>
 * Does nothing when SLF4J is bound to something other than Logback.
 */
final class Logging {

  /** The pattern of {@code --verbose}: with the logger's name and full stack traces. */
  static final String VERBOSE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n%ex";
  /** The name of the stderr appender in {@code logback.xml}. */
  static final String APPENDER = "STDERR";
  private static final String REGISTRY_LOGGER = "org.vi4j.core.plugin.PluginRegistry";

  private Logging() {
  }

  /** Undoes what {@link #apply} changed. */
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** Sets the levels (and, verbose, the pattern) for one command. */
  static Scope apply(boolean verbose, boolean quiet) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext ctx) || (!verbose && !quiet)) {
      return () -> { };
    }
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger registry = ctx.getLogger(REGISTRY_LOGGER);
    Level rootLevel = root.getLevel();
    Level registryLevel = registry.getLevel();
    Appender<ILoggingEvent> concise = root.getAppender(APPENDER);
    Appender<ILoggingEvent> detailed = null;
    if (verbose) {
      root.setLevel(Level.DEBUG);
      registry.setLevel(null);                   // inherit: show load failures with their traces
      if (concise instanceof ConsoleAppender<ILoggingEvent> console) {
        detailed = verboseAppender(ctx, console.getTarget());
        root.detachAppender(concise);
        root.addAppender(detailed);
      }
    } else {
      root.setLevel(Level.WARN);
    }
    Appender<ILoggingEvent> added = detailed;
    return () -> {
      root.setLevel(rootLevel);
      registry.setLevel(registryLevel);
      if (added != null) {
        root.detachAppender(added);
        added.stop();
        root.addAppender(concise);
      }
    };
  }

  private static Appender<ILoggingEvent> verboseAppender(LoggerContext ctx, String target) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern(VERBOSE_PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(ctx);
    appender.setName(APPENDER + "-VERBOSE");
    appender.setTarget(target);
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }
}
