package org.vi4j.core.spi;

import org.vi4j.core.distributions.Support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;

class LatentsTest {

  private static final LatentSpec SPEC = LatentSpec.of(
      Latent.global("w", 2, Support.REAL), Latent.local("z", 3, Support.REAL));

  @Test
  void get_byNameAndUnknownNameListsKnown() {
    Tensor w = Tensor.zeros(4, 2);
    Latents z = Latents.builder(4).put("w", w).put("z", Tensor.zeros(4 * 5, 3)).build();
    assertSame(w, z.get("w"));
    assertEquals(4, z.particles());
    assertEquals(List.of("w", "z"), List.copyOf(z.names()));
    assertEquals("Latents: no latent named 'q'; known: [w, z]",
        assertThrows(IllegalArgumentException.class, () -> z.get("q")).getMessage());
    assertThrows(UnsupportedOperationException.class, () -> z.asMap().put("q", w));
    z.checkAgainst(SPEC, 5);
  }

  @Test
  void localLayout_isParticleMajor() {
    assertEquals(0, Latents.localRow(0, 0, 5));
    assertEquals(4, Latents.localRow(0, 4, 5));
    assertEquals(5, Latents.localRow(1, 0, 5));
    assertEquals(13, Latents.localRow(2, 3, 5));
  }

  @Test
  void checkAgainst_reportsEveryMismatch() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("z", Tensor.zeros(2 * 4, 3));
    m.put("extra", Tensor.zeros(2, 1));
    Latents z = Latents.of(2, m);
    assertEquals("Latents do not match the spec: latent 'w' is missing; latent 'z' (LOCAL, size 3) is "
        + "8x3, expected 10x3 (particles 2 · batch 5); latent 'extra' is not in the model's spec [w, z]",
        assertThrows(IllegalArgumentException.class, () -> z.checkAgainst(SPEC, 5)).getMessage());
  }

  @Test
  void builder_validates() {
    assertEquals("Latents: particles must be > 0, got 0",
        assertThrows(IllegalArgumentException.class, () -> Latents.builder(0)).getMessage());
    assertEquals("Latents: 'w' has 3 rows, not a multiple of 2 particles (GLOBAL: particles rows, "
        + "LOCAL: particles·B rows)", assertThrows(IllegalArgumentException.class,
            () -> Latents.builder(2).put("w", Tensor.zeros(3, 1))).getMessage());
    assertEquals("Latents: latent 'w' given twice", assertThrows(IllegalArgumentException.class,
        () -> Latents.builder(1).put("w", Tensor.zeros(1, 1)).put("w", Tensor.zeros(1, 1))).getMessage());
    Latents.Builder b = Latents.builder(1);
    b.build();
    assertThrows(IllegalStateException.class, b::build);
  }
}
