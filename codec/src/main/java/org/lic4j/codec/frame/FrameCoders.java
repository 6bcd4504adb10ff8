package org.lic4j.codec.frame;

import java.util.Objects;
import org.lic4j.codec.ImageModel;

/**
 * Where {@link FrameCoder#open} finds its implementation, which lives in {@code org.lic4j.codec}
 * next to the package-private tile coding it wraps. The codec installs it when {@link ImageModel}
 * is initialised (as the JDK's internal {@code SharedSecrets} and the codec's
 * {@code ConformanceAccess} do): a model that exists has installed it.
 */
public final class FrameCoders {
  /** The codec's side: a frame coder over a model. */
  @FunctionalInterface
  public interface Factory {
    FrameCoder open(ImageModel model);
  }

  private static volatile Factory factory;

  private FrameCoders() {}

  /** Called once, by {@link ImageModel}'s static initialiser; a second call fails. */
  public static synchronized void install(Factory codecSide) {
    if (factory != null) {
      throw new IllegalStateException("the frame coder is installed already");
    }
    factory = Objects.requireNonNull(codecSide, "codecSide");
  }

  static Factory factory() {
    Factory f = factory;
    if (f == null) {
      throw new IllegalStateException("no frame coder installed: the codec's ImageModel was not initialised");
    }
    return f;
  }
}
