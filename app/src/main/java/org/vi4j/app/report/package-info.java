/**
 * What a run writes into its output folder: {@code summary.json}, {@code trace.csv} and PNG
 * pictures. {@link org.vi4j.app.report.RunReport#write} is the entry point; the keys of
 * {@code summary.json} and what each picture shows are documented in {@code docs/output.md}.
 *
 * <p>Model-specific parts (the summary's {@code posterior} section and the posterior pictures) are
 * chosen by model type first ({@code poisson-gamma}, {@code exp-gaussian}) and otherwise by the
 * model's capabilities ({@link org.vi4j.core.spi.ExactEvidence},
 * {@link org.vi4j.core.spi.ExactPosterior}) and the guide's
 * ({@link org.vi4j.core.spi.FactorizedFamily}).
 */
package org.vi4j.app.report;
