/**
 * Ready pipelines for {@code vi4j demo NAME}: {@link org.vi4j.app.demo.Demos} lists them, each a
 * {@link org.vi4j.app.demo.Demo} holding a complete {@link org.vi4j.core.plugin.PipelineSpec}
 * (including the {@code run.*} options of the inference loop).
 */
package org.vi4j.app.demo;
