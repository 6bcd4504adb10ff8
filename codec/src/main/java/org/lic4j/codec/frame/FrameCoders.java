package org.lic4j.codec.frame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.lic4j.codec.CodecOptions;
import org.lic4j.codec.ImageModel;

/**
 * Where {@link FrameCoder#open}, {@link PredictionModel#open} and {@link PredictedFrameCoder#open}
 * find their implementation, which lives in {@code org.lic4j.codec}
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

  /** The codec's side of P-frames: loading a P-frame bundle and a coder over it. */
  public interface PredictionFactory {
    /** Loads the bundle in {@code folder}, or the default one from the class path when null. */
    PredictionModel.Loaded load(Path folder, CodecOptions options) throws IOException;

    /** A coder over {@code model}, whose codec side is {@code loaded}. */
    PredictedFrameCoder open(PredictionModel model, PredictionModel.Loaded loaded);
  }

  private static volatile Factory factory;
  private static volatile PredictionFactory predictionFactory;

  private FrameCoders() {}

  /** Called once, by {@link ImageModel}'s static initialiser; a second call fails. */
  public static synchronized void install(Factory codecSide, PredictionFactory predictionSide) {
    if (factory != null) {
      throw new IllegalStateException("the frame coder is installed already");
    }
    factory = Objects.requireNonNull(codecSide, "codecSide");
    predictionFactory = Objects.requireNonNull(predictionSide, "predictionSide");
  }

  static PredictionFactory predictionSide() {
    if (predictionFactory == null) {
      // A P-frame model may be the first thing an application opens: initialise the codec's side.
      try {
        Class.forName(ImageModel.class.getName(), true, ImageModel.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    PredictionFactory f = predictionFactory;
    if (f == null) {
      throw new IllegalStateException("no P-frame coder installed: the codec's ImageModel was not initialised");
    }
    return f;
  }

  static Factory factory() {
    Factory f = factory;
    if (f == null) {
      throw new IllegalStateException("no frame coder installed: the codec's ImageModel was not initialised");
    }
    return f;
  }
}
