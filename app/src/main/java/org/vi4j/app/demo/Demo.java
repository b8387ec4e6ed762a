package org.vi4j.app.demo;

import org.vi4j.core.plugin.PipelineSpec;

/**
 * A ready pipeline for {@code vi4j demo NAME}: the four parts with their options and the run's
 * settings ({@code run.*} options such as {@code run.steps}), on data the project ships or
 * generates.
 *
 * @param name the demo's name, e.g. {@code poisson-gamma}
 * @param description one line for {@code vi4j demo --list}
 * @param spec the pipeline, including {@code run.*} options
 */
public record Demo(String name, String description, PipelineSpec spec) {}
