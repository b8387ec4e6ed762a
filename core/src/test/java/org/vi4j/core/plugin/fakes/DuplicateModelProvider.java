package org.vi4j.core.plugin.fakes;

import org.vi4j.core.plugin.ModelProvider;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;

/** Not in a services file by default: claims {@link FakeModelProvider#NAME}. */
public final class DuplicateModelProvider implements ModelProvider {
  public static final String NAME = FakeModelProvider.NAME;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "";
  }

  @Override
  public Model create(Options options) {
    throw new UnsupportedOperationException();
  }
}
