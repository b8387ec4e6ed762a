package org.vi4j.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The default output directory of a run: {@code runs/<yyyyMMdd-HHmmss>-<name>} under the working
 * directory, with {@code -2}, {@code -3}, ... appended if that exists already.
 *
 * <pre>{@code
 * Path out = OutputDirs.fresh("poisson-gamma");     // runs/20250101-120000-poisson-gamma
 * }</pre>
 */
final class OutputDirs {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private OutputDirs() {
  }

  /** A directory that does not exist yet, named after the time and {@code name}. */
  static Path fresh(String name) {
    String base = LocalDateTime.now().format(STAMP) + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
    Path dir = Path.of("runs", base);
    for (int i = 2; Files.exists(dir); i++) {
      dir = Path.of("runs", base + "-" + i);
    }
    return dir;
  }
}
