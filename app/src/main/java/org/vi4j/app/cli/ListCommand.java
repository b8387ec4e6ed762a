package org.vi4j.app.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.PluginLoadFailure;
import org.vi4j.core.plugin.PluginRegistry;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.plugin.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vi4j list [--json]}: every plugin by kind with its one-line description; with
 * {@code --json}, also each plugin's class and options, the {@code run.*} options and the load
 * failures, as one JSON object:
 *
 * <pre>{@code
 * {"models": [{"name": "exp-gaussian", "description": "...", "class": "...",
 *              "options": [{"key": "x", "type": "String", "expected": "a string", "default": "1.5",
 *                           "required": false, "requirement": "...", "description": "..."}]}],
 *  "guides": [... each with "supports": ["POSITIVE", ...]], "estimators": [...],
 *  "optimizers": [...], "run": [options], "failures": [{"kind", "class", "message"}]}
 * }</pre>
 */
@Command(name = "list", sortOptions = false,
    description = {"List every plugin by kind (model, guide, estimator, optimizer) with its "
        + "one-line description.", "A plugin's options: vi4j help NAME."})
public final class ListCommand extends CliCommand {

  @Option(names = "--json", description = "Print JSON: every plugin with its class and options "
      + "(key, type, default, meaning), guides with the latent supports they cover, the run.* "
      + "options, and plugins that failed to load.")
  boolean json;

  @Mixin
  PluginOptions plugins = new PluginOptions();

  @Override
  protected int execute(PrintWriter out, PrintWriter err) throws Exception {
    Plugins loaded = plugins.load(environment(), err);
    if (json) {
      out.println(JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(asJson(loaded)));
      return ExitCodes.OK;
    }
    int width = 0;
    for (PluginRegistry<?> r : registries(loaded)) {
      for (String n : r.available()) {
        width = Math.max(width, n.length());
      }
    }
    for (PluginRegistry<?> r : registries(loaded)) {
      out.println(r.kind() + "s");
      for (Provider p : r.providers()) {
        out.println("  " + p.name() + " ".repeat(width - p.name().length() + 2) + p.description());
      }
      out.println();
    }
    out.println("A plugin's options: vi4j help NAME. The run's options: vi4j help run.");
    return ExitCodes.OK;
  }

  static List<PluginRegistry<?>> registries(Plugins p) {
    return List.of(p.models(), p.guides(), p.estimators(), p.optimizers());
  }

  /** The JSON document as maps and lists. */
  static Map<String, Object> asJson(Plugins loaded) {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (PluginRegistry<?> r : registries(loaded)) {
      List<Object> entries = new ArrayList<>();
      for (Provider p : r.providers()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", p.name());
        e.put("description", p.description());
        e.put("class", p.getClass().getName());
        if (p instanceof GuideProvider g) {
          e.put("supports", g.supports().stream().map(Enum::name).sorted().toList());
        }
        e.put("options", options(p.options()));
        entries.add(e);
      }
      doc.put(r.kind() + "s", entries);
    }
    doc.put(RunOptions.PART, options(RunOptions.ALL));
    List<Object> failures = new ArrayList<>();
    for (PluginLoadFailure f : loaded.failures()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("kind", f.kind());
      e.put("class", f.className());
      e.put("message", f.message());
      failures.add(e);
    }
    doc.put("failures", failures);
    return doc;
  }

  static List<Object> options(List<OptionSpec<?>> specs) {
    List<Object> list = new ArrayList<>();
    for (OptionSpec<?> s : specs) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("key", s.key());
      o.put("type", s.type().isEnum() ? "choice" : s.type().getSimpleName().toLowerCase(Locale.ROOT));
      o.put("expected", s.expected());
      o.put("default", FitRunner.plain(s.defaultValue()));
      o.put("required", s.isRequired());
      o.put("requirement", s.requirementText());
      o.put("description", s.description());
      list.add(o);
    }
    return list;
  }
}
