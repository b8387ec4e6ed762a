package org.vi4j.core.plugin.fakes;

import java.util.EnumSet;
import java.util.Set;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.spi.VariationalFamily;

/** A test guide declaring BINARY support only. */
public final class FakeBinaryGuideProvider implements GuideProvider {
  public static final String NAME = "fake-bernoulli";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test guide for binary latents";
  }

  @Override
  public Set<Support> supports() {
    return EnumSet.of(Support.BINARY);
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    throw new UnsupportedOperationException("not needed in tests");
  }
}
