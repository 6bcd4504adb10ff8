/**
 * The lic4j container: headers, length-prefixed checksummed chunks and the limits that guard
 * every length read from a stream. Knows bytes only; the format is specified in
 * {@code docs/bitstream.md}.
 *
 * <p>Write with {@link org.lic4j.bitstream.ContainerWriter}, read with {@link
 * org.lic4j.bitstream.ContainerReader}; a stream is described by a {@link
 * org.lic4j.bitstream.StreamHeader} and bounded on reading by {@link
 * org.lic4j.bitstream.ContainerLimits}. Damage of any kind surfaces as {@link
 * org.lic4j.bitstream.CorruptStreamException}.
 *
 * <p>Everything a stream or a model bundle can be wrong about is one sealed {@link
 * org.lic4j.bitstream.LicFormatException} (reason, offset, resource), whose subclasses each name a
 * {@link org.lic4j.bitstream.RejectionClass}: corrupt, unsupported version, unsupported feature,
 * model mismatch, bad model bundle. They live here, beside the container, because a sealed class
 * and its subclasses share a module.
 */
package org.lic4j.bitstream;
