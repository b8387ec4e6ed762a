package org.vi4j.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.PluginRegistry;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.plugin.Provider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code vi4j help NAME}: a plugin's description, class and options (type, default, meaning);
 * {@code vi4j help run} shows the {@code run.*} options; {@code vi4j help list} (or another
 * command) shows that command's usage. An unknown name suggests the nearest one.
 *
 * <pre>{@code
 * $ vi4j help adam
 * optimizer adam: Adam (Kingma & Ba 2015)
 *   class org.vi4j.optimizers.adam.AdamProvider; set options with --set optimizer.KEY=VALUE
 *   KEY    TYPE            DEFAULT  MEANING
 *   lr     a number, > 0   0.001    learning rate
 * }</pre>
 */
@Command(name = "help", sortOptions = false,
    description = {"Show a plugin's options with their types, defaults and meaning "
        + "(set them with run --set PART.KEY=VALUE).",
        "'help run' shows the run.* options (steps, seed, averaging, checkpoints, ...); "
            + "'help COMMAND' shows a command's usage."})
public final class HelpCommand extends CliCommand {

  @Parameters(paramLabel = "NAME", description = "A plugin name (see vi4j list), 'run', or a command.")
  String name;

  @Mixin
  PluginOptions plugins = new PluginOptions();

  @Override
  protected int execute(PrintWriter out, PrintWriter err) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    if (key.equals(RunOptions.PART)) {
      out.println("run options: how the inference loop runs (set with --set run.KEY=VALUE; "
          + "--steps, --max-seconds and --seed are shorthands)");
      out.print(OptionTable.render(RunOptions.ALL));
      out.println("The run command's flags: vi4j run --help.");
      return ExitCodes.OK;
    }
    CommandLine root = spec.root().commandLine();
    Plugins loaded = plugins.load(environment(), err);
    List<Provider> found = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (PluginRegistry<?> r : ListCommand.registries(loaded)) {
      Optional<? extends Provider> p = r.find(key);
      if (p.isPresent()) {
        found.add(p.get());
        kinds.add(r.kind());
      }
    }
    if (found.isEmpty()) {
      CommandLine sub = root.getSubcommands().get(key);
      if (sub != null) {
        sub.usage(out);
        return ExitCodes.OK;
      }
      throw new UserException(unknown(name, loaded));
    }
    for (int i = 0; i < found.size(); i++) {
      Provider p = found.get(i);
      String kind = kinds.get(i);
      if (i > 0) {
        out.println();
      }
      out.println(kind + " " + p.name() + ": " + p.description());
      out.println("  class " + p.getClass().getName() + "; set options with --set " + kind
          + ".KEY=VALUE");
      if (p instanceof GuideProvider g) {
        out.println("  fits latents with support " + new TreeSet<>(g.supports()));
      }
      out.print(OptionTable.render(p.options()));
    }
    return ExitCodes.OK;
  }

  private static String unknown(String name, Plugins loaded) {
    Map<String, Provider> byName = new TreeMap<>();          // one per name across the kinds
    for (PluginRegistry<?> r : ListCommand.registries(loaded)) {
      r.providers().forEach(p -> byName.putIfAbsent(p.name(), p));
    }
    PluginRegistry<Provider> all = PluginRegistry.of("plugin", Provider.class, byName.values());
    StringBuilder sb = new StringBuilder("Unknown plugin '").append(name).append("'.");
    all.nearest(name).ifPresent(n -> sb.append(" Did you mean '").append(n).append("'?"));
    sb.append(" Known: ").append(all.available()).append(", and 'run' for the run options.");
    return sb.toString();
  }
}
