package org.lic4j.transforms;

import java.io.IOException;

/**
 * The device asked for (CUDA) is not there: this ONNX Runtime has no CUDA provider, or the
 * provider did not start. Not a fault of the stream, the picture or the code but of the machine
 * it runs on, so it is a checked {@link IOException}: the command line reports it in one line
 * with the I/O exit code, as any other resource that could not be opened.
 */
public final class DeviceUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  DeviceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
