package org.lic4j.transforms;

/**
 * ONNX Runtime could not create a session or run a graph. Not a fault of the stream or the
 * picture, so it is unchecked: it passes through the codec unchanged and the command line reports
 * it as an internal error. The ONNX Runtime cause, where there is one, is attached.
 */
public final class InferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InferenceException(String message, Throwable cause) {
    super(message, cause);
  }

  public InferenceException(String message) {
    super(message);
  }
}
