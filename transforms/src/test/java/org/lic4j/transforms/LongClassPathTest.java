package org.lic4j.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import com.google.gson.Gson;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lic4j.bitstream.ModelFormatException;

/**
 * Regression, issue 22: with a long class path (Spark's, an application server's) the JVM died of
 * SIGSEGV, without a report, when the model was opened on an ordinary thread: ONNX Runtime's
 * environment creation recurses over the command line ({@link OrtEnvironmentHolder}). Before the
 * fix this child exited 139 with a class path of 6.4 KB. A JVM of its own runs the model here, on
 * its main thread (1 MB of stack), with the class path padded by names of jars that do not exist.
 */
class LongClassPathTest {
  /** Past the 5 KB where the crash began, with room to spare. */
  private static final int PADDED_CLASS_PATH_CHARS = 16_000;

  @Test
  void theModelRunsOnAThreadWithAnOrdinaryStackWhateverTheClassPath() throws Exception {
    Path bundle = TestBundles.directory();
    List<String> entries = new ArrayList<>();
    for (Class<?> c : List.of(LongClassPathTest.class, OnnxTransforms.class, ModelFormatException.class,
        OrtEnvironment.class, Gson.class)) {
      entries.add(location(c));
    }
    String padding = IntStream.range(0, PADDED_CLASS_PATH_CHARS / 40)
        .mapToObj(i -> String.format("/nonexistent/lic4j/padding/jar-%05d.jar", i))
        .collect(Collectors.joining(File.pathSeparator));
    String classPath = String.join(File.pathSeparator, entries) + File.pathSeparator + padding;
    assertTrue(classPath.length() > PADDED_CLASS_PATH_CHARS, "class path of " + classPath.length());

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", classPath, Child.class.getName(), bundle.toString())
        .redirectErrorStream(true).start();
    boolean ended = child.waitFor(120, TimeUnit.SECONDS);
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      child.destroyForcibly();
    }
    assertTrue(ended, "the child did not end in 120 s:\n" + output);
    assertEquals(0, child.exitValue(), "exit 139 is the crash:\n" + output);
    assertTrue(output.contains(Child.DONE), output);
  }

  private static String location(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** Opens the bundle and runs one graph (environment, session and run), on the main thread. */
  static final class Child {
    static final String DONE = "ran hyper mean";

    public static void main(String[] args) throws IOException {
      ModelBundle bundle = ModelBundle.load(Path.of(args[0]));
      try (OnnxTransforms onnx = OnnxTransforms.open(bundle, OnnxOptions.defaults())) {
        float[] mean = onnx.hyperMean(new int[bundle.hyperChannels() * 4 * 4], 4, 4);
        System.out.println(DONE + ": " + mean.length + " values");
      }
    }
  }
}
