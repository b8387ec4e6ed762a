package org.vi4j.core.spi;

import org.vi4j.core.distributions.Support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatentSpecTest {

  private static String error(org.junit.jupiter.api.function.Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  @Test
  void latent_validation() {
    assertEquals("Latent 'rate': size must be > 0, got 0",
        error(() -> Latent.global("rate", 0, Support.POSITIVE)));
    assertEquals("Latent name '2rate' is not accepted: use dot-separated segments of letters, digits, "
        + "'_' or '-', starting with a letter (e.g. rate)", error(() -> Latent.global("2rate", 1, Support.REAL)));
    assertEquals("Latent 'z': a CATEGORICAL latent needs categories >= 2, got 1",
        error(() -> Latent.categorical("z", 1, 1, Scope.LOCAL)));
    assertEquals("Latent 'z': categories (3) is only meaningful for CATEGORICAL, this latent is REAL; use 0",
        error(() -> new Latent("z", 1, Support.REAL, Scope.LOCAL, 3)));
    assertEquals("Latent 'w': a SIMPLEX latent needs size >= 2, got 1",
        error(() -> Latent.global("w", 1, Support.SIMPLEX)));
  }

  @Test
  void latent_describe() {
    assertEquals("'z' (CATEGORICAL(5), LOCAL, size 1)", Latent.categorical("z", 1, 5, Scope.LOCAL).describe());
    assertTrue(Latent.local("z", 2, Support.REAL).local());
    assertTrue(Support.BINARY.discrete());
    assertFalse(Support.SIMPLEX.discrete());
  }

  @Test
  void spec_refusesDuplicateNamesAndEmptyLists() {
    assertEquals("LatentSpec: duplicate latent name 'z' (positions 0 and 2)", error(() -> LatentSpec.of(
        Latent.local("z", 2, Support.REAL), Latent.global("w", 1, Support.REAL),
        Latent.global("z", 1, Support.REAL))));
    assertEquals("LatentSpec: a model needs at least one latent", error(() -> LatentSpec.of(List.of())));
  }

  @Test
  void spec_queries() {
    Latent w = Latent.global("w", 3, Support.REAL);
    Latent z = Latent.local("z", 1, Support.BINARY);
    LatentSpec spec = LatentSpec.of(w, z);
    assertEquals(List.of("w", "z"), spec.names());
    assertEquals(z, spec.get("z"));
    assertEquals("LatentSpec: no latent named 'q'; known: [w, z]", error(() -> spec.get("q")));
    assertTrue(spec.hasLocal());
    assertTrue(spec.hasDiscrete());
    assertEquals(List.of(w), spec.ofScope(Scope.GLOBAL));
    assertEquals(List.of(z), spec.unsupportedBy(Set.of(Support.REAL, Support.POSITIVE)));
    assertThrows(UnsupportedOperationException.class, () -> spec.latents().add(w));
  }
}
