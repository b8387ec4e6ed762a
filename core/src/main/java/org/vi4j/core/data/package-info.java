/**
 * Data sets as dense matrices (one row per example): the IDX format of MNIST and Fashion-MNIST
 * ({@link org.vi4j.core.data.Idx}, gzipped or not), numeric CSV files
 * ({@link org.vi4j.core.data.CsvMatrix}), pixel scaling and binarisation
 * ({@link org.vi4j.core.data.Pixels}), sparse bag-of-words corpora ({@link org.vi4j.core.data.Corpus}); shuffled minibatches are
 * {@link org.vi4j.core.inference.Minibatches}. Corpora are read from the UCI bag-of-words format
 * ({@link org.vi4j.core.data.UciBagOfWords}, which also writes it), {@code doc_id word_id count}
 * lines ({@link org.vi4j.core.data.TripleCorpus}) or a folder of text files
 * ({@link org.vi4j.core.data.TextFolder}), chosen by name with
 * {@link org.vi4j.core.data.Corpora#read}; {@link org.vi4j.core.data.CorpusSplits} holds out
 * documents or splits each one's tokens for document completion. Loaders refuse bad input with
 * an {@link java.lang.IllegalArgumentException} naming the file and line.
 */
package org.vi4j.core.data;
