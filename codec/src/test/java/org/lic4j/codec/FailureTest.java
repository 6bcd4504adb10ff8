package org.lic4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.CorruptStreamException;
import org.lic4j.bitstream.FormatVersion;
import org.lic4j.bitstream.LicFormatException;
import org.lic4j.bitstream.ModelFormatException;
import org.lic4j.bitstream.ModelMismatchException;
import org.lic4j.bitstream.RejectionClass;
import org.lic4j.bitstream.UnsupportedFeatureException;
import org.lic4j.bitstream.VersionTooNewException;
import org.lic4j.bitstream.VersionTooOldException;
import org.lic4j.transforms.DeviceUnavailableException;
import org.lic4j.transforms.InferenceException;
import org.lic4j.transforms.ModelBundle;
import org.lic4j.transforms.OnnxOptions;
import org.lic4j.transforms.OnnxTransforms;

/** The one classification of failures, for every kind the command line and the conformance runner meet. */
class FailureTest {
  private static final FormatVersion V1_0 = new FormatVersion(1, 0);
  private static final FormatVersion V1_1 = new FormatVersion(1, 1);

  private static void assertFailure(ExitCode code, RejectionClass rejection, String message, Throwable t) {
    Failure f = Failure.of(t);
    assertEquals(code, f.exitCode(), t::toString);
    assertEquals(Optional.ofNullable(rejection), f.rejection(), t::toString);
    assertEquals(message, f.message(), t::toString);
  }

  @Test
  void corruptStreamIsBadInputNamingFileReasonAndOffset() {
    assertFailure(ExitCode.BAD_INPUT, RejectionClass.CORRUPT, "photo.lic: truncated: chunk 'TILE' (offset 118)",
        new CorruptStreamException("truncated: chunk 'TILE'", 118, "photo.lic"));
  }

  @Test
  void unsupportedVersionsAreBadInput() {
    assertFailure(ExitCode.BAD_INPUT, RejectionClass.UNSUPPORTED_VERSION,
        "x.lic: format version 2.0 is too new: this reader supports 1.0 to 1.1",
        new VersionTooNewException(new FormatVersion(2, 0), V1_0, V1_1, "x.lic"));
    assertFailure(ExitCode.BAD_INPUT, RejectionClass.UNSUPPORTED_VERSION,
        "x.lic: format version 0.9 is too old: this reader supports 1.0 to 1.1",
        new VersionTooOldException(new FormatVersion(0, 9), V1_0, V1_1, "x.lic"));
  }

  @Test
  void unsupportedFeaturesAreBadInput() {
    // The container's (at a chunk) and the codec's (a header field as a whole).
    assertFailure(ExitCode.BAD_INPUT, RejectionClass.UNSUPPORTED_FEATURE,
        "x.lic: unknown mandatory chunk type 'ZZZZ' (offset 90)",
        new UnsupportedFeatureException("unknown mandatory chunk type 'ZZZZ'", 90, "x.lic"));
    assertFailure(ExitCode.BAD_INPUT, RejectionClass.UNSUPPORTED_FEATURE,
        "deep.lic: bit depth 10 is not supported (8 only)",
        new UnsupportedFeatureException("bit depth 10 is not supported (8 only)", LicFormatException.NO_OFFSET,
            "deep.lic"));
  }

  @Test
  void modelMismatchIsBadInputNamingTheModelNeeded() {
    assertFailure(ExitCode.BAD_INPUT, RejectionClass.MODEL_MISMATCH,
        "old.lic: coded with model lic-image-v0 (sha256 00112233), but the decoder has lic-image-v1 "
            + "(sha256 44556677); pass the needed model's bundle with --model",
        new ModelMismatchException("old.lic", "lic-image-v0", "00112233", "lic-image-v1", "44556677"));
  }

  @Test
  void badModelBundleIsBadInput() {
    assertFailure(ExitCode.BAD_INPUT, RejectionClass.BAD_MODEL, "entropy.lict: bad LICT magic (offset 0)",
        new ModelFormatException("bad LICT magic", 0, "entropy.lict"));
    assertFailure(ExitCode.BAD_INPUT, RejectionClass.BAD_MODEL, "manifest.json: malformed JSON: line 3",
        new ModelFormatException("malformed JSON: line 3", "manifest.json", new IllegalStateException()));
  }

  @Test
  void missingInputIsBadInputOtherFileProblemsAreIoErrors() {
    assertFailure(ExitCode.BAD_INPUT, null, "in.png: no such file", new NoSuchFileException("in.png"));
    assertFailure(ExitCode.IO_ERROR, null, "out: permission denied", new AccessDeniedException("out"));
    assertFailure(ExitCode.IO_ERROR, null, "out/x.png: Not a directory",
        new FileSystemException("out/x.png", null, "Not a directory"));
    assertFailure(ExitCode.IO_ERROR, null, "disk full", new IOException("disk full"));
    assertFailure(ExitCode.IO_ERROR, null, "EOFException", new EOFException());
  }

  @Test
  void refusedOptionValuesAreUsageErrors() {
    assertFailure(ExitCode.USAGE, null, "quality 150 outside 0..100",
        new IllegalArgumentException("quality 150 outside 0..100"));
  }

  @Test
  void everythingElseIsInternal() {
    assertFailure(ExitCode.INTERNAL, null, "OutOfMemoryError", new OutOfMemoryError());
    assertFailure(ExitCode.INTERNAL, null, "Java heap space", new OutOfMemoryError("Java heap space"));
    assertFailure(ExitCode.INTERNAL, null, "boom", new IllegalStateException("boom"));
    assertFailure(ExitCode.INTERNAL, null, "NullPointerException", new NullPointerException());
    assertFailure(ExitCode.INTERNAL, null, "two lines", new RuntimeException("two\nlines"));
    // A stream fault wrapped by someone else is not a stream fault the user can act on.
    assertFailure(ExitCode.INTERNAL, null, "java.io.UncheckedIOException: x.lic: bad (offset 1)",
        new RuntimeException(new java.io.UncheckedIOException("x.lic: bad (offset 1)",
            new CorruptStreamException("bad", 1, "x.lic"))));
  }

  /** ONNX Runtime failing while running a graph is internal, as the IllegalStateException the codec used to wrap it in was. */
  @Test
  void inferenceFailureIsInternal() {
    Failure f = Failure.of(new InferenceException("synthesis failed: out of device memory"));
    assertEquals(ExitCode.INTERNAL, f.exitCode());
    assertEquals(Optional.empty(), f.rejection());
  }

  /** A device that is not there is the machine's fault, not ours: one line, the I/O exit code (as before). */
  @Test
  void missingDeviceIsAnIoError() throws IOException {
    Assumptions.assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
        "this ONNX Runtime has the CUDA provider: no way to make it fail here");
    ModelBundle bundle = ModelBundle.fromClasspath(ImageModel.DEFAULT_RESOURCE);
    DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class,
        () -> OnnxTransforms.open(bundle, OnnxOptions.defaults().withDevice(OnnxOptions.Device.CUDA)));
    Failure f = Failure.of(e);
    assertEquals(ExitCode.IO_ERROR, f.exitCode());
    assertEquals(Optional.empty(), f.rejection());
    assertEquals(e.getMessage().replace('\n', ' '), f.message());
  }

  @Test
  void exitCodesAreTheReadmes() {
    assertEquals(0, ExitCode.OK.code());
    assertEquals(1, ExitCode.USAGE.code());
    assertEquals(2, ExitCode.BAD_INPUT.code());
    assertEquals(3, ExitCode.IO_ERROR.code());
    assertEquals(4, ExitCode.INTERNAL.code());
    assertEquals(5, ExitCode.NONCONFORMING.code());
  }
}
