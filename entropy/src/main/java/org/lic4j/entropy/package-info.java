/**
 * Symbols and distributions: our range coder and the quantised CDF tables it codes with. Only
 * integers reach the coder.
 *
 * <p>{@link org.lic4j.entropy.CdfTable} is one validated table (escape last);
 * {@link org.lic4j.entropy.TableSet} prepares the tables of a stream once;
 * {@link org.lic4j.entropy.RansEncoder} and {@link org.lic4j.entropy.RansDecoder} code int values,
 * each with its own table index, in the format of {@code docs/entropy.md}. Tables come ready
 * quantised from a model bundle (made by {@code training/cdf.py}); this module never quantises.
 * Corrupt streams raise {@link org.lic4j.entropy.EntropyDecodingException}.
 */
package org.lic4j.entropy;
