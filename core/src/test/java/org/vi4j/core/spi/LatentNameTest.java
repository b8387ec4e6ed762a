package org.vi4j.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.random.Rng;
import org.vi4j.core.testing.Vi4jTestBase;

/** The hand-written latent name check agrees with the documented pattern {@link Latent#NAME}. */
class LatentNameTest extends Vi4jTestBase {

  @Test
  void theNameCheckAgreesWithThePatternOnEdgeCasesAndRandomStrings() {
    for (String s : List.of("", "a", "Z", "1a", "_a", "-a", ".a", "a.", "a..b", "a.b", "a._",
        "a.1", "a-b_c.d-e.f9", "a b", "é", "a.b.", "rate", "z", "w.0", "a.-", "aé")) {
      assertEquals(Latent.NAME.matcher(s).matches(), Latent.validName(s), "'" + s + "'");
    }
    String alphabet = "aZ09_-.é ";
    Rng rng = Rng.seeded(11);
    for (int k = 0; k < 20000; k++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0, n = rng.nextInt(7); i < n; i++) {
        sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      assertEquals(Latent.NAME.matcher(s).matches(), Latent.validName(s), "'" + s + "'");
    }
    assertEquals(false, Latent.validName(null));
  }
}
