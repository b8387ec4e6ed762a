/**
 * The {@code vi4j} command line (picocli): {@code list}, {@code help}, {@code run} and
 * {@code demo}, loading plugins from jars ({@link org.vi4j.app.cli.PluginLoading}), the
 * {@code run.*} options ({@link org.vi4j.app.cli.RunOptions}), progress
 * ({@link org.vi4j.app.cli.Progress}) and exit codes ({@link org.vi4j.app.cli.ExitCodes}).
 *
 * <pre>{@code
 * int code = new CommandLine(new org.vi4j.app.Main()).execute("run", "--model", "exp-gaussian",
 *     "--guide", "truncated-normal", "--estimator", "reparam", "--optimizer", "adam",
 *     "--set", "optimizer.lr=0.02", "--steps", "3000", "--out", "runs/eg");
 * }</pre>
 *
 * <p>A run is built through Guice ({@link org.vi4j.core.plugin.Vi4jModule} plus
 * {@link org.vi4j.app.cli.ListenersModule} for the progress listener) and written by
 * {@link org.vi4j.app.report.RunReport}.
 */
package org.vi4j.app.cli;
