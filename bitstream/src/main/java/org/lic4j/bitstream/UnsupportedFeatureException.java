package org.lic4j.bitstream;

/**
 * A well-formed stream (its checksums match) that uses something this decoder does not
 * implement: an unknown mandatory chunk type, an enumeration value defined by a newer minor
 * version, or a media kind, bit depth or tile layout the codec does not decode. The message has
 * the same shape as {@link CorruptStreamException}'s; the offset is {@link #NO_OFFSET} for a
 * header field the codec refuses as a whole.
 */
public final class UnsupportedFeatureException extends LicFormatException {
  private static final long serialVersionUID = 1L;

  /**
   * @param reason what is not supported, without offset or resource
   * @param offset byte offset of the construct, from the first byte of the stream, or {@link #NO_OFFSET}
   * @param resource what was being read, usually a file name
   */
  public UnsupportedFeatureException(String reason, long offset, String resource) {
    super(reason, offset, resource, null);
  }

  @Override
  public RejectionClass rejectionClass() {
    return RejectionClass.UNSUPPORTED_FEATURE;
  }
}
