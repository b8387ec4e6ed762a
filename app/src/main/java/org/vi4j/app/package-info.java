/**
 * vi4j's app module: the {@code vi4j} command ({@link org.vi4j.app.Main}, subcommands in
 * {@code org.vi4j.app.cli}), run reports ({@code org.vi4j.app.report}) and demos
 * ({@code org.vi4j.app.demo}).
 */
package org.vi4j.app;
