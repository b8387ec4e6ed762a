package org.vi4j.core.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;

class BatchTest {

  @Test
  void full_hasScaleOne() {
    Batch b = Batch.full(Tensor.zeros(4, 2));
    assertEquals(4, b.size());
    assertEquals(4, b.total());
    assertEquals(1.0, b.scale());
    assertTrue(b.isFull());
    assertArrayEquals(new int[] {0, 1, 2, 3}, b.rows());
  }

  @Test
  void minibatch_scaleIsNOverB() {
    int[] rows = {7, 3, 11};
    Batch b = Batch.of(Tensor.zeros(3, 1), rows, 1000);
    assertEquals(1000.0 / 3, b.scale());
    assertEquals(11, b.row(2));
    rows[0] = 99;                                  // copied in
    assertEquals(7, b.row(0));
    b.rows()[1] = 99;                              // copied out
    assertEquals(3, b.row(1));
  }

  @Test
  void validation() {
    assertEquals("Batch: 2 row indices for 3 data rows (3x1)", assertThrows(IllegalArgumentException.class,
        () -> Batch.of(Tensor.zeros(3, 1), new int[] {0, 1}, 10)).getMessage());
    assertEquals("Batch: total 1 is smaller than the batch size 2", assertThrows(
        IllegalArgumentException.class, () -> Batch.of(Tensor.zeros(2, 1), new int[] {0, 1}, 1)).getMessage());
    assertEquals("Batch: row index 10 at position 1 is outside [0, 10)", assertThrows(
        IllegalArgumentException.class, () -> Batch.of(Tensor.zeros(2, 1), new int[] {0, 10}, 10)).getMessage());
    assertEquals("Batch: data must be a constant, got a tensor that requires a gradient", assertThrows(
        IllegalArgumentException.class, () -> Batch.full(Tensor.variable(new DMatrixRMaj(1, 1)))).getMessage());
  }

  @Test
  void refill_isOneBatchWhoseRowsChangeInPlaceAndAreChecked() {
    Batch.Refill slot = new Batch.Refill(Tensor.zeros(2, 1), 10);
    Batch b = slot.batch();
    slot.set(0, 7);
    slot.set(1, 3);
    assertTrue(b == slot.batch());
    assertArrayEquals(new int[] {7, 3}, b.rows());
    assertEquals(5.0, b.scale());
    assertEquals(Batch.of(b.data(), new int[] {7, 3}, 10), b);
    assertEquals("Batch.Refill: row index 10 at position 1 is outside [0, 10)", assertThrows(
        IllegalArgumentException.class, () -> slot.set(1, 10)).getMessage());
    assertEquals(3, b.row(1));                     // nothing changed
    assertThrows(IllegalArgumentException.class, () -> new Batch.Refill(Tensor.zeros(3, 1), 2));
  }
}
