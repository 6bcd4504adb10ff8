package org.lic4j.bitstream;

/**
 * A well-formed stream coded with another model than the decoder's; the message names the one
 * needed, so that the user can find its bundle.
 */
public final class ModelMismatchException extends LicFormatException {
  private static final long serialVersionUID = 1L;

  private final String neededName;
  private final String neededHash;

  /**
   * @param resource what was being read, usually a file name
   * @param neededName name of the model the stream declares
   * @param neededHash content hash (hex) of the model the stream declares
   * @param haveName name of the decoder's model
   * @param haveHash content hash (hex) of the decoder's model
   */
  public ModelMismatchException(String resource, String neededName, String neededHash, String haveName, String haveHash) {
    this(resource, neededName, neededHash, haveName, haveHash, "--model");
  }

  /**
   * As the other constructor, for a model given by another option than {@code --model} (the
   * P-frame model's {@code --pframe-model}), which the message names.
   */
  public ModelMismatchException(String resource, String neededName, String neededHash, String haveName, String haveHash,
      String option) {
    super("coded with model " + neededName + " (sha256 " + abbreviate(neededHash) + "), but the decoder has "
        + haveName + " (sha256 " + abbreviate(haveHash) + "); pass the needed model's bundle with " + option,
        NO_OFFSET, resource, null);
    this.neededName = neededName;
    this.neededHash = neededHash;
  }

  /** Name of the model the stream needs. */
  public String neededName() {
    return neededName;
  }

  /** Content hash (hex) of the model the stream needs. */
  public String neededHash() {
    return neededHash;
  }

  @Override
  public RejectionClass rejectionClass() {
    return RejectionClass.MODEL_MISMATCH;
  }

  private static String abbreviate(String hex) {
    return hex.length() > 16 ? hex.substring(0, 16) + "..." : hex;
  }
}
