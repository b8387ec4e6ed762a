package org.vi4j.core.linalg;

/**
 * Holds the default {@link Gemm}, an immutable constant once initialised: {@link NetlibGemm#create()}
 * (native OpenBLAS if installed, else the Vector-API Java kernel split across all cores for large
 * products). On the VAE shapes it is 5-10x faster than {@link EjmlGemm}; see {@code bench/README.md}.
 */
final class Gemms {

  private Gemms() {}

  /** Lazy holder: the JVM initialises it once, thread-safely, on first use. */
  private static final class Default {
    static final Gemm INSTANCE = NetlibGemm.create();
  }

  static Gemm defaultGemm() {
    return Default.INSTANCE;
  }
}
