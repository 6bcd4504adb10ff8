package org.lic4j.transforms;

import java.io.IOException;

/**
 * ONNX Runtime could not create a session or run a graph. It extends {@link IOException} because
 * to the codec's callers it means the same as a failed read or write: the image could not be
 * encoded or decoded. The ONNX Runtime cause is attached.
 */
public final class InferenceException extends IOException {
  private static final long serialVersionUID = 1L;

  InferenceException(String message, Throwable cause) {
    super(message, cause);
  }

  InferenceException(String message) {
    super(message);
  }
}
