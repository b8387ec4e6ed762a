package org.vi4j.core.linalg;

/** Holds the default {@link Gemm}; an immutable constant once initialised. */
final class Gemms {

  private Gemms() {}

  /** Lazy holder: the JVM initialises it once, thread-safely, on first use. */
  private static final class Default {
    static final Gemm INSTANCE = new EjmlGemm();
  }

  static Gemm defaultGemm() {
    return Default.INSTANCE;
  }
}
