package org.vi4j.app.report;

import java.nio.file.Path;
import java.util.Map;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.plugin.Pipeline;
import org.vi4j.core.plugin.PipelineSpec;

/**
 * Everything a run's report is written from.
 *
 * @param spec the pipeline as given (names and the options the user set)
 * @param options every option of every part with defaults filled in, keyed {@code part.key}
 *     (parts model, guide, estimator, optimizer, run)
 * @param seed the run's seed
 * @param version vi4j's version
 * @param pipeline the four fitted parts
 * @param fit the fit's outcome
 * @param outDir where to write
 */
public record RunContext(PipelineSpec spec, Map<String, Object> options, long seed, String version,
    Pipeline pipeline, FitResult fit, Path outDir) {}
