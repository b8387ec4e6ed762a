package org.vi4j.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base class for vi4j tests (after EJML's {@code EjmlStandardJUnit}): gives a seeded
 * {@link Random} and fails any test that writes to {@code System.out} or {@code System.err} —
 * library code logs through SLF4J, never to the console.
 */
public abstract class Vi4jTestBase {

  /** Fixed seed so every run sees the same numbers. */
  protected Random rand = new Random(345);

  private PrintStream savedOut;
  private PrintStream savedErr;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @BeforeEach
  void captureConsole() {
    rand = new Random(345);
    savedOut = System.out;
    savedErr = System.err;
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
  }

  @AfterEach
  void checkConsole() {
    System.setOut(savedOut);
    System.setErr(savedErr);
    assertEquals("", captured.toString(StandardCharsets.UTF_8),
        "library code must not write to stdout/stderr");
  }
}
