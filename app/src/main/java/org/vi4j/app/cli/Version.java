package org.vi4j.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * vi4j's version, from {@code org/vi4j/app/version.properties} (filtered by Maven at build time).
 *
 * <pre>{@code
 * String v = Version.current();     // "0.1.0-SNAPSHOT"
 * }</pre>
 */
public final class Version implements IVersionProvider {

  /** The version, or {@code "unknown"} when the resource is missing (running from an IDE). */
  public static String current() {
    try (InputStream in = Version.class.getResourceAsStream("/org/vi4j/app/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"vi4j " + current(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }
}
