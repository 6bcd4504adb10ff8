/**
 * Symbols and distributions: our range coder, quantised CDF tables and the distributions
 * that learned codecs need. Only integers reach the coder.
 *
 * <p>{@link org.lic4j.entropy.CdfTable} is one validated table (escape last);
 * {@link org.lic4j.entropy.TableSet} prepares the tables of a stream once;
 * {@link org.lic4j.entropy.RansEncoder} and {@link org.lic4j.entropy.RansDecoder} code int values,
 * each with its own table index, in the format of {@code docs/entropy.md};
 * {@link org.lic4j.entropy.ScaleTables} builds Gaussian (or Laplace, logistic) tables over a scale
 * grid. Corrupt streams raise {@link org.lic4j.entropy.EntropyDecodingException}.
 */
package org.lic4j.entropy;
