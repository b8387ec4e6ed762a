/**
 * Data sets as dense matrices (one row per example): the IDX format of MNIST and Fashion-MNIST
 * ({@link org.vi4j.core.data.Idx}, gzipped or not), numeric CSV files
 * ({@link org.vi4j.core.data.CsvMatrix}), pixel scaling and binarisation
 * ({@link org.vi4j.core.data.Pixels}) and an allocation-free shuffled minibatch stream
 * ({@link org.vi4j.core.data.BatchStream}).
 */
package org.vi4j.core.data;
