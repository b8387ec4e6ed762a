package org.vi4j.core.plugin.fakes;

import org.vi4j.core.plugin.ModelProvider;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;

/** Not in a services file by default: its constructor throws. */
public final class FailingModelProvider implements ModelProvider {
  public FailingModelProvider() {
    throw new IllegalStateException("boom in constructor");
  }

  @Override
  public String name() {
    return "failing";
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
