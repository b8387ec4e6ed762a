package org.vi4j.core.spi;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A part with state beyond its {@link org.vi4j.core.autodiff.ParamStore}: an optimizer's moments
 * and step count, an estimator's running baseline. The inference loop saves it with the parameters
 * to resume a run bit for bit from a checkpoint, and to roll back a diverged step.
 *
 * <pre>{@code
 * if (optimizer instanceof Stateful s) { s.writeState(out); }
 * }</pre>
 *
 * <p><strong>Contract.</strong> {@link #readState} after {@link #writeState} restores exactly the
 * state at the time of writing (doubles bit for bit), including "no state yet". A state written by a
 * differently configured part or for other parameters is refused with an
 * {@link IllegalArgumentException} saying what differs, and leaves the part unchanged.
 */
public interface Stateful {

  /** Writes the complete state. */
  void writeState(DataOutput out) throws IOException;

  /** Replaces the state with one written by {@link #writeState}. */
  void readState(DataInput in) throws IOException;
}
