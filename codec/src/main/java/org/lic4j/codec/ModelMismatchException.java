package org.lic4j.codec;

/** The stream was coded with another model than the decoder's; the message names the one needed. */
public final class ModelMismatchException extends UnsupportedStreamException {
  private static final long serialVersionUID = 1L;

  private final String neededName;
  private final String neededHash;

  public ModelMismatchException(String resource, String neededName, String neededHash, String haveName, String haveHash) {
    super(resource + ": coded with model " + neededName + " (sha256 " + abbreviate(neededHash) + "), but the decoder has "
        + haveName + " (sha256 " + abbreviate(haveHash) + "); pass the needed model's bundle with --model");
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

  private static String abbreviate(String hex) {
    return hex.length() > 16 ? hex.substring(0, 16) + "..." : hex;
  }
}
