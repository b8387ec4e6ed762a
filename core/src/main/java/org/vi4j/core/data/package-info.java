/**
 * Data sets as dense matrices (one row per example): the IDX format of MNIST and Fashion-MNIST
 * ({@link org.vi4j.core.data.Idx}, gzipped or not), numeric CSV files
 * ({@link org.vi4j.core.data.CsvMatrix}), pixel scaling and binarisation
 * ({@link org.vi4j.core.data.Pixels}), sparse bag-of-words corpora ({@link org.vi4j.core.data.Corpus}); shuffled minibatches are
 * {@link org.vi4j.core.inference.Minibatches}.
 */
package org.vi4j.core.data;
