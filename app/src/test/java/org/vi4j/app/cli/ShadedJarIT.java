package org.vi4j.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar ({@code app/target/vi4j.jar}, made by the shade plugin in {@code package}):
 * every provider listed in any module's {@code META-INF/services} is in the jar's merged services
 * files with its class, and the jar, run as {@code java -jar}, lists exactly those plugins.
 * Runs in {@code integration-test} (failsafe), after the jar is built.
 */
class ShadedJarIT {

  /** The app module's directory is the working directory; its parent is the reactor root. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path JAR = Path.of("target", "vi4j.jar");

  /** Provider class → the services file that lists it, over every module's main resources. */
  private static Map<String, String> declaredProviders() throws IOException {
    Map<String, String> providers = new java.util.TreeMap<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path services = module.resolve("src/main/resources/META-INF/services");
        if (!Files.isDirectory(services)) {
          continue;
        }
        try (Stream<Path> files = Files.list(services)) {
          for (Path f : files.toList()) {
            for (String line : Files.readAllLines(f)) {
              String c = line.replaceAll("#.*", "").strip();
              if (!c.isEmpty()) {
                providers.put(c, f.getFileName().toString());
              }
            }
          }
        }
      }
    }
    return providers;
  }

  @Test
  void everyModulesProvidersAreInTheMergedServicesFiles() throws IOException {
    assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built in the package phase");
    Map<String, String> declared = declaredProviders();
    assertTrue(declared.size() >= 18, "the built-in providers: " + declared);
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertEquals("org.vi4j.app.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
      for (Map.Entry<String, String> p : declared.entrySet()) {
        ZipEntry services = jar.getEntry("META-INF/services/" + p.getValue());
        assertNotNull(services, "services file " + p.getValue());
        String merged;
        try (InputStream in = jar.getInputStream(services)) {
          merged = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(merged.lines().map(String::strip).anyMatch(p.getKey()::equals),
            p.getKey() + " in the merged " + p.getValue() + ":\n" + merged);
        assertNotNull(jar.getEntry(p.getKey().replace('.', '/') + ".class"), p.getKey());
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theJarListsExactlyTheDeclaredProviders() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-jar",
        JAR.toString(), "list", "--json").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "java -jar vi4j.jar list --json finished");
    assertEquals(0, p.exitValue(), out);
    Map<String, Object> doc = JSON.std.mapFrom(out);
    Set<String> listed = new TreeSet<>();
    for (String kind : List.of("models", "guides", "estimators", "optimizers")) {
      for (Map<String, Object> e : (List<Map<String, Object>>) doc.get(kind)) {
        listed.add((String) e.get("class"));
      }
    }
    assertEquals(new TreeSet<>(declaredProviders().keySet()), listed);
    assertEquals(new ArrayList<>(), doc.get("failures"));
  }
}
