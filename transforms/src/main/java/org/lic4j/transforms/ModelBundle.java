package org.lic4j.transforms;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lic4j.bitstream.ModelFormatException;

/**
 * A model bundle (normative format: {@code docs/models.md}): the manifest, the integer tables of
 * {@code entropy.lict}, and access to the ONNX graphs for {@link OnnxTransforms}.
 *
 * <p>Loading verifies every file's SHA-256 against the manifest and recomputes the content hash
 * (the SHA-256 of {@code "<file>:<sha256>\n"} over the manifest's {@code files}, in their order),
 * so a bundle that loads is exactly the one its name and hash identify; streams name their model by
 * {@link #name()} plus {@link #contentHash()}. Graphs are re-read and re-verified when sessions are
 * created rather than held in memory. Instances are immutable and thread-safe.
 */
public final class ModelBundle {
  /** The manifest's {@code format} value. */
  public static final String FORMAT = "lic4j-model-bundle";
  /** The bundle format version this reader supports. */
  public static final int FORMAT_VERSION = 1;

  static final String MANIFEST = "manifest.json";
  static final String ENCODER = "encoder.onnx";
  static final String HYPER_ANALYSIS = "hyper_analysis.onnx";
  static final String HYPER_MEAN = "hyper_mean.onnx";
  static final String CONTEXT_MEAN = "context_mean.onnx";
  static final String SYNTHESIS = "synthesis.onnx";
  /**
   * The encoder's latent refinement graph (docs/models.md, "Latent refinement"). Optional, listed
   * under the manifest's {@code encoderTools} and outside the content hash: decoding never runs it.
   */
  static final String REFINE = "refine.onnx";
  static final String ENTROPY = "entropy.lict";
  // The graphs of a P-frame bundle in place of encoder, hyper mean and synthesis.
  static final String PRED_FEATURES = "pred_features.onnx";
  static final String P_ENCODER = "p_encoder.onnx";
  static final String P_HYPER_MEAN = "p_hyper_mean.onnx";
  static final String P_SYNTHESIS = "p_synthesis.onnx";
  /** Files the manifest's {@code files} (which the content hash covers) must list. */
  static final List<String> REQUIRED_FILES =
      List.of(ENCODER, HYPER_ANALYSIS, HYPER_MEAN, CONTEXT_MEAN, SYNTHESIS, ENTROPY);
  /** Files the {@code files} of a bundle of kind {@code pframe} must list. */
  static final List<String> REQUIRED_PFRAME_FILES =
      List.of(PRED_FEATURES, P_ENCODER, HYPER_ANALYSIS, P_HYPER_MEAN, CONTEXT_MEAN, P_SYNTHESIS, ENTROPY);
  /** The prediction features of a P-frame bundle: f2, f4, f16. */
  static final int PREDICTION_FEATURES = 3;

  /** What a bundle's graphs code: the manifest's {@code kind} (absent: an image model). */
  public enum Kind {
    /** Pictures on their own (intra): {@code kind} absent or {@code "image"}. */
    IMAGE("image"),
    /**
     * Pictures given a prediction (a video's P-frames): {@code "pframe"}, with the graphs of
     * docs/models.md, "lic-pframe-v1".
     */
    PFRAME("pframe");

    private final String manifestName;

    Kind(String manifestName) {
      this.manifestName = manifestName;
    }

    /** The manifest's name of the kind. */
    public String manifestName() {
      return manifestName;
    }
  }

  private static final int MAX_MANIFEST_BYTES = 1 << 20;
  private static final int MAX_FILE_BYTES = 1 << 30;
  private static final int MAX_CHANNELS = 4096;

  private final Source source;
  private final Kind kind;
  private final int[] predictionChannels;
  private final int[] predictionDownsampling;
  private final boolean synthesisTakesPrediction;
  private final String name;
  private final byte[] contentHash;
  private final Map<String, String> fileHashes;
  private final String goldenFile;
  private final String goldenHash;
  private final String refineHash;
  private final int latentChannels;
  private final int hyperChannels;
  private final int latentDownsampling;
  private final int hyperDownsampling;
  private final double[] lambdas;
  private final long trainingSteps;
  private final double trainingHours;
  private final int cdfPrecision;
  private final float[] scaleTable;
  private final CdfTables yCdfs;
  private final CdfTables zCdfs;
  private final float[][] gainLog;
  private final float[][] invGainLog;
  private final IntegerScaleNetwork scaleNetwork;

  private ModelBundle(Source source, Manifest m, LictFile entropy) throws ModelFormatException {
    this.source = source;
    this.kind = m.kind;
    this.predictionChannels = m.predictionChannels;
    this.predictionDownsampling = m.predictionDownsampling;
    this.synthesisTakesPrediction = m.synthesisTakesPrediction;
    this.name = m.name;
    this.contentHash = m.contentHash;
    this.fileHashes = m.fileHashes;
    this.goldenFile = m.goldenFile;
    this.goldenHash = m.goldenHash;
    this.refineHash = m.refineHash;
    this.latentChannels = m.latentChannels;
    this.hyperChannels = m.hyperChannels;
    this.latentDownsampling = m.latentDownsampling;
    this.hyperDownsampling = m.hyperDownsampling;
    this.lambdas = m.lambdas;
    this.trainingSteps = m.trainingSteps;
    this.trainingHours = m.trainingHours;
    this.cdfPrecision = m.cdfPrecision;

    int levels = m.scaleLevels;
    int q = m.lambdas.length;
    entropy.requireShape("scale_table", levels);
    this.scaleTable = entropy.floats("scale_table");
    this.yCdfs = cdfTables(entropy, "y_cdf", levels, m.cdfPrecision);
    this.zCdfs = cdfTables(entropy, "z_cdf", m.hyperChannels, m.cdfPrecision);
    this.gainLog = rows(entropy, "gain.log", q, m.latentChannels);
    this.invGainLog = rows(entropy, "inv_gain.log", q, m.latentChannels);
    this.scaleNetwork = IntegerScaleNetwork.load(entropy, m.layers, m.inputClamp,
        m.activationMax, levels);
    String res = MANIFEST;
    if (scaleNetwork.inputChannels() != hyperChannels
        || scaleNetwork.outputChannels() != latentChannels
        || (long) latentDownsampling * scaleNetwork.upscale() != hyperDownsampling) {
      throw new ModelFormatException("scale network (" + scaleNetwork.inputChannels() + " -> "
          + scaleNetwork.outputChannels() + " channels, x" + scaleNetwork.upscale()
          + ") does not connect z (" + hyperChannels + " channels, 1/" + hyperDownsampling
          + ") to y (" + latentChannels + " channels, 1/" + latentDownsampling + ")",
          ModelFormatException.NO_OFFSET, res);
    }
    // The mean injection adds f16 to the hyper mean: the last features are at y's resolution.
    if (kind == Kind.PFRAME && (predictionDownsampling[PREDICTION_FEATURES - 1] != latentDownsampling
        || hyperDownsampling % predictionDownsampling[0] != 0 || hyperDownsampling % predictionDownsampling[1] != 0)) {
      throw new ModelFormatException("prediction downsampling " + java.util.Arrays.toString(predictionDownsampling)
          + " does not end at y's 1/" + latentDownsampling + " or does not divide 1/" + hyperDownsampling,
          ModelFormatException.NO_OFFSET, res);
    }
  }

  /**
   * Loads and verifies a bundle from a folder.
   *
   * @throws ModelFormatException if a file is missing, malformed, inconsistent, or does not match
   *     its recorded SHA-256 (the message names the file)
   */
  public static ModelBundle load(Path directory) throws IOException {
    return load(new DirectorySource(directory));
  }

  /**
   * Loads and verifies a bundle packed as class-path resources, e.g. {@code "models/lic-image-v1/"}
   * for {@code models/lic-image-v1/manifest.json} in a jar, using this class's loader.
   */
  public static ModelBundle fromClasspath(String resourcePrefix) throws IOException {
    return fromClasspath(ModelBundle.class.getClassLoader(), resourcePrefix);
  }

  /** Loads and verifies a bundle packed as class-path resources of the given loader. */
  public static ModelBundle fromClasspath(ClassLoader loader, String resourcePrefix)
      throws IOException {
    Objects.requireNonNull(loader, "loader");
    String prefix = resourcePrefix.startsWith("/") ? resourcePrefix.substring(1) : resourcePrefix;
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }
    return load(new ClasspathSource(loader, prefix));
  }

  private static ModelBundle load(Source source) throws IOException {
    byte[] manifestBytes = source.read(MANIFEST, MAX_MANIFEST_BYTES);
    Manifest m;
    try {
      m = Manifest.parse(new String(manifestBytes, StandardCharsets.UTF_8));
    } catch (ModelFormatException e) {
      // The manifest's checks know only its name; the user needs the bundle's file.
      throw new ModelFormatException(e.reason(), source.describe(MANIFEST), e);
    }
    // Verify every hashed file, then the content hash derived from them.
    byte[] entropyBytes = null;
    for (String file : m.fileHashes.keySet()) {
      byte[] bytes = source.read(file, MAX_FILE_BYTES);
      checkHash(file, bytes, m.fileHashes.get(file), source);
      if (file.equals(ENTROPY)) {
        entropyBytes = bytes;
      }
    }
    byte[] computed = contentHash(m.fileHashes);
    if (!MessageDigest.isEqual(computed, m.contentHash)) {
      throw new ModelFormatException("content hash mismatch: manifest says "
          + HexFormat.of().formatHex(m.contentHash) + ", file hashes give "
          + HexFormat.of().formatHex(computed), ModelFormatException.NO_OFFSET,
          source.describe(MANIFEST));
    }
    LictFile entropy = LictFile.parse(entropyBytes, source.describe(ENTROPY));
    return new ModelBundle(source, m, entropy);
  }

  /** The content hash over the manifest's file hashes, in their order (docs/models.md). */
  static byte[] contentHash(Map<String, String> fileHashes) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> e : fileHashes.entrySet()) {
      text.append(e.getKey()).append(':').append(e.getValue()).append('\n');
    }
    return sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void checkHash(String file, byte[] bytes, String expectedHex, Source source)
      throws ModelFormatException {
    String actual = HexFormat.of().formatHex(sha256(bytes));
    if (!actual.equals(expectedHex)) {
      throw new ModelFormatException("SHA-256 mismatch for " + file + ": manifest says "
          + expectedHex + ", file has " + actual, ModelFormatException.NO_OFFSET,
          source.describe(file));
    }
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /**
   * Reads a file of the bundle again and checks it against the manifest's hash, so that what a
   * session runs is what was verified (the folder may have changed since loading).
   */
  byte[] readVerified(String file) throws IOException {
    String expected = file.equals(goldenFile) ? goldenHash
        : file.equals(REFINE) && refineHash != null ? refineHash : fileHashes.get(file);
    if (expected == null) {
      throw new ModelFormatException("the manifest lists no hash for " + file,
          ModelFormatException.NO_OFFSET, source.describe(MANIFEST));
    }
    byte[] bytes = source.read(file, MAX_FILE_BYTES);
    checkHash(file, bytes, expected, source);
    return bytes;
  }

  /** Where the bundle was loaded from (a folder or a class-path prefix), for messages. */
  String origin() {
    return source.describe("");
  }

  /**
   * Whether the bundle has the encoder's latent refinement graph ({@code refine.onnx}). Bundles
   * exported before December 2026 have not; their encoders code the analysis transform's latent.
   */
  public boolean hasRefinement() {
    return refineHash != null;
  }

  /** What the bundle's graphs code: pictures on their own, or given a prediction. */
  public Kind kind() {
    return kind;
  }

  /**
   * Channels of the prediction's features f2, f4, f16 of a P-frame bundle ({@code [32, 64, 96]}
   * for lic-pframe-v1; a copy); empty for an image bundle.
   */
  public int[] predictionChannels() {
    return predictionChannels.clone();
  }

  /**
   * Downsampling from the picture to the prediction's features f2, f4, f16 of a P-frame bundle
   * ({@code [2, 4, 16]}; a copy); empty for an image bundle.
   */
  public int[] predictionDownsampling() {
    return predictionDownsampling.clone();
  }

  /**
   * Whether the conditioned synthesis {@code p_synthesis.onnx} of a P-frame bundle also takes the
   * prediction itself at full resolution (input {@code pred}, over the same window as f2 and f4):
   * the manifest's {@code prediction.synthesisPred} (absent: false, as in the first lic-pframe-v1
   * bundles). False for an image bundle.
   */
  public boolean synthesisTakesPrediction() {
    return synthesisTakesPrediction;
  }

  /** The bundle's name, e.g. {@code lic-image-v1}. */
  public String name() {
    return name;
  }

  /** The content hash, 32 bytes (a copy). */
  public byte[] contentHash() {
    return contentHash.clone();
  }

  /** The content hash as 64 lowercase hex digits. */
  public String contentHashHex() {
    return HexFormat.of().formatHex(contentHash);
  }

  /** Channels of the latent y (192 for lic-image-v1). */
  public int latentChannels() {
    return latentChannels;
  }

  /** Channels of the hyper-latent z (128 for lic-image-v1). */
  public int hyperChannels() {
    return hyperChannels;
  }

  /** Downsampling from the image to y (16). */
  public int latentDownsampling() {
    return latentDownsampling;
  }

  /** Downsampling from the image to z (64); image sides are multiples of it. */
  public int hyperDownsampling() {
    return hyperDownsampling;
  }

  /** Number of trained quality levels; positions run from 0 to {@code qualityLevels() - 1}. */
  public int qualityLevels() {
    return lambdas.length;
  }

  /** The rate-distortion lambda of each trained quality level (a copy). */
  public double[] lambdas() {
    return lambdas.clone();
  }

  /** The training steps the weights had (informative; 0 when the manifest does not say). */
  public long trainingSteps() {
    return trainingSteps;
  }

  /** The hours the training took (informative; 0 when the manifest does not say). */
  public double trainingHours() {
    return trainingHours;
  }

  /** Bits of resolution of the CDF tables (16). */
  public int cdfPrecision() {
    return cdfPrecision;
  }

  /** Number of scale indexes, i.e. of y tables (64). */
  public int scaleLevels() {
    return scaleTable.length;
  }

  /** The Gaussian scale of each index (informative: the tables are normative; a copy). */
  public float[] scaleTable() {
    return scaleTable.clone();
  }

  /** The y tables, one per scale index. */
  public CdfTables yCdfs() {
    return yCdfs;
  }

  /** The z tables, one per z channel. */
  public CdfTables zCdfs() {
    return zCdfs;
  }

  /** The integer scale network: z symbols to scale indexes. */
  public IntegerScaleNetwork scaleNetwork() {
    return scaleNetwork;
  }

  /**
   * The per-channel gain applied to y at a quality position q in [0, qualityLevels - 1]:
   * geometric interpolation between the neighbouring trained levels (docs/models.md).
   *
   * @throws IllegalArgumentException if q is outside the range or not finite
   */
  public float[] gain(double qualityPosition) {
    return interpolate(gainLog, qualityPosition);
  }

  /** The per-channel inverse gain applied to y-hat before synthesis; see {@link #gain}. */
  public float[] invGain(double qualityPosition) {
    return interpolate(invGainLog, qualityPosition);
  }

  /**
   * The rate-distortion lambda at a quality position: geometric interpolation between the trained
   * levels, as for the gains. The loss the model was trained on at that position is
   * {@code lambda * 255^2 * MSE + bits per pixel}.
   */
  public double lambda(double qualityPosition) {
    float[][] logs = new float[lambdas.length][1];
    for (int i = 0; i < lambdas.length; i++) {
      logs[i][0] = (float) Math.log(lambdas[i]);
    }
    return interpolate(logs, qualityPosition)[0];
  }

  private float[] interpolate(float[][] logs, double q) {
    int levels = logs.length;
    if (!(q >= 0 && q <= levels - 1)) {
      throw new IllegalArgumentException(
          "quality position " + q + " outside [0, " + (levels - 1) + "]");
    }
    int l = Math.min((int) Math.floor(q), levels - 2);
    double t = q - l;
    float[] lo = logs[l];
    float[] hi = logs[l + 1];
    float[] out = new float[lo.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = (float) Math.exp(lo[c] * (1 - t) + hi[c] * t);
    }
    return out;
  }

  private static float[][] rows(LictFile f, String entry, int rows, int cols)
      throws ModelFormatException {
    f.requireShape(entry, rows, cols);
    float[] flat = f.floats(entry);
    float[][] out = new float[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = java.util.Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
      for (float v : out[r]) {
        if (!Float.isFinite(v)) {
          throw new ModelFormatException("'" + entry + "' holds " + v, f.entryOffset(entry),
              f.resource());
        }
      }
    }
    return out;
  }

  private static CdfTables cdfTables(LictFile f, String base, int count, int precision)
      throws ModelFormatException {
    String lengthName = base + "_length";
    String offsetName = base + "_offset";
    int width = f.requireShape(base, count, -1)[1];
    f.requireShape(lengthName, count);
    f.requireShape(offsetName, count);
    int[] flat = f.ints(base);
    int[] lengths = f.ints(lengthName);
    int[] offsets = f.ints(offsetName);
    int[][] cdfs = new int[count][];
    int top = 1 << precision;
    for (int i = 0; i < count; i++) {
      int n = lengths[i];
      String where = base + "[" + i + "]";
      if (n < 2 || n > width) {
        throw new ModelFormatException(where + " has length " + n + ", outside 2.." + width,
            f.entryOffset(lengthName) + 4L * i, f.resource());
      }
      int[] cdf = java.util.Arrays.copyOfRange(flat, i * width, i * width + n);
      if (cdf[0] != 0 || cdf[n - 1] != top) {
        throw new ModelFormatException(where + " runs from " + cdf[0] + " to " + cdf[n - 1]
            + ", not 0 to 2^" + precision, f.entryOffset(base) + 4L * i * width, f.resource());
      }
      for (int s = 1; s < n; s++) {
        if (cdf[s] <= cdf[s - 1]) {
          throw new ModelFormatException(where + " is not strictly increasing at " + s,
              f.entryOffset(base) + 4L * (i * width + s), f.resource());
        }
      }
      cdfs[i] = cdf;
    }
    return new CdfTables(precision, cdfs, offsets);
  }

  /** The manifest's fields, validated. */
  private static final class Manifest {
    Kind kind = Kind.IMAGE;
    int[] predictionChannels = new int[0];
    int[] predictionDownsampling = new int[0];
    boolean synthesisTakesPrediction;
    String name;
    byte[] contentHash;
    final Map<String, String> fileHashes = new LinkedHashMap<>();
    String goldenFile;
    String goldenHash;
    String refineHash;
    int latentChannels;
    int hyperChannels;
    int latentDownsampling;
    int hyperDownsampling;
    double[] lambdas;
    long trainingSteps;
    double trainingHours;
    int cdfPrecision;
    int scaleLevels;
    int inputClamp;
    int activationMax;
    final List<IntegerScaleNetwork.LayerSpec> layers = new ArrayList<>();

    static Manifest parse(String text) throws ModelFormatException {
      JsonObject root;
      try {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        JsonElement e = JsonParser.parseReader(reader);
        if (reader.peek() != JsonToken.END_DOCUMENT) {
          throw fail("trailing data after the JSON object");
        }
        if (!e.isJsonObject()) {
          throw fail("not a JSON object");
        }
        root = e.getAsJsonObject();
      } catch (JsonParseException | IOException | IllegalStateException e) {
        throw new ModelFormatException("malformed JSON: " + gsonReason(e), MANIFEST, e);
      }
      Manifest m = new Manifest();
      String format = string(root, "format");
      if (!format.equals(FORMAT)) {
        throw fail("format is '" + format + "', expected '" + FORMAT + "'");
      }
      int version = integer(root, "formatVersion", 0, Integer.MAX_VALUE);
      if (version != FORMAT_VERSION) {
        throw fail("unsupported bundle format version " + version + " (supported "
            + FORMAT_VERSION + ".." + FORMAT_VERSION + ")");
      }
      m.name = string(root, "name");
      if (m.name.isEmpty() || m.name.length() > 255) {
        throw fail("name must have 1..255 characters");
      }
      m.contentHash = HexFormat.of().parseHex(sha256Hex(root, "contentHash"));
      JsonObject files = object(root, "files");
      if (files.size() > 64) {
        throw fail("files lists " + files.size() + " files");
      }
      for (String file : files.keySet()) { // Gson keeps the manifest's order
        m.fileHashes.put(fileName(file), sha256Hex(files, file));
      }
      if (root.has("kind")) {
        m.kind = kind(string(root, "kind"));
      }
      for (String file : m.kind == Kind.PFRAME ? REQUIRED_PFRAME_FILES : REQUIRED_FILES) {
        if (!m.fileHashes.containsKey(file)) {
          throw fail("files does not list " + file);
        }
      }
      if (m.kind == Kind.PFRAME) {
        JsonObject prediction = object(root, "prediction");
        m.predictionChannels = positives(prediction, "featureChannels", MAX_CHANNELS);
        m.predictionDownsampling = positives(prediction, "downsampling", 1 << 12);
        if (prediction.has("synthesisPred")) {
          m.synthesisTakesPrediction = bool(prediction, "synthesisPred");
        }
      } else if (root.has("prediction")) {
        throw fail("an image bundle has no 'prediction'");
      }
      if (root.has("golden")) {
        JsonObject golden = object(root, "golden");
        m.goldenFile = fileName(string(golden, "file"));
        m.goldenHash = sha256Hex(golden, "sha256");
      }
      if (root.has("encoderTools")) {
        JsonObject tools = object(root, "encoderTools");
        if (tools.has("refine")) {
          JsonObject refine = object(tools, "refine");
          String file = fileName(string(refine, "file"));
          if (!file.equals(REFINE)) {
            throw fail("encoderTools.refine names " + file + ", expected " + REFINE);
          }
          m.refineHash = sha256Hex(refine, "sha256");
        }
      }
      m.latentDownsampling = integer(root, "latentDownsampling", 1, 1 << 12);
      m.hyperDownsampling = integer(root, "hyperDownsampling", 1, 1 << 12);
      m.latentChannels = integer(root, "latentChannels", 1, MAX_CHANNELS);
      m.hyperChannels = integer(root, "hyperChannels", 1, MAX_CHANNELS);
      int levels = integer(root, "qualityLevels", 2, 256);
      JsonArray lambdas = array(root, "lambdas");
      if (lambdas.size() != levels) {
        throw fail("lambdas has " + lambdas.size() + " values for " + levels + " quality levels");
      }
      m.lambdas = new double[levels];
      for (int i = 0; i < levels; i++) {
        m.lambdas[i] = number(lambdas.get(i), "lambdas[" + i + "]").doubleValue();
      }
      m.cdfPrecision = integer(root, "cdfPrecision", 1, 30);
      // Informative, optional: reports and benchmarks name the weights by them.
      if (root.has("trainingSteps")) {
        m.trainingSteps = integer(root, "trainingSteps", 0, Integer.MAX_VALUE);
      }
      if (root.has("trainingHours")) {
        m.trainingHours = number(field(root, "trainingHours"), "trainingHours").doubleValue();
        if (!(m.trainingHours >= 0) || Double.isInfinite(m.trainingHours)) {
          throw fail("field 'trainingHours' = " + m.trainingHours + " is not a duration");
        }
      }
      m.scaleLevels = integer(object(root, "scaleTable"), "levels", 1, 256);
      JsonObject net = object(root, "scaleNet");
      m.inputClamp = integer(net, "inputClamp", 1, 1 << 15);
      m.activationMax = integer(net, "activationMax", 1, 1 << 15);
      JsonArray layers = array(net, "layers");
      if (layers.isEmpty() || layers.size() > 64) {
        throw fail("scaleNet.layers must list 1..64 layers");
      }
      for (JsonElement e : layers) {
        if (!e.isJsonObject()) {
          throw fail("scaleNet.layers holds a non-object");
        }
        JsonObject l = e.getAsJsonObject();
        String layerName = string(l, "name");
        if (!layerName.matches("[A-Za-z0-9_]{1,32}")) {
          throw fail("bad scale network layer name '" + layerName + "'");
        }
        m.layers.add(new IntegerScaleNetwork.LayerSpec(layerName,
            integer(l, "kernel", 1, 7), integer(l, "in", 1, MAX_CHANNELS),
            integer(l, "out", 1, MAX_CHANNELS), bool(l, "depthToSpaceAfter")));
      }
      return m;
    }

    private static Kind kind(String name) throws ModelFormatException {
      for (Kind k : Kind.values()) {
        if (k.manifestName().equals(name)) {
          return k;
        }
      }
      throw fail("unknown bundle kind '" + name + "' (known: image, pframe)");
    }

    /** An array of PREDICTION_FEATURES integers in 1..max. */
    private static int[] positives(JsonObject o, String key, int max) throws ModelFormatException {
      JsonArray a = array(o, key);
      if (a.size() != PREDICTION_FEATURES) {
        throw fail("field '" + key + "' has " + a.size() + " values, expected " + PREDICTION_FEATURES);
      }
      int[] out = new int[a.size()];
      for (int i = 0; i < out.length; i++) {
        BigDecimal v = number(a.get(i), key + "[" + i + "]");
        try {
          out[i] = v.intValueExact();
        } catch (ArithmeticException e) {
          throw fail("field '" + key + "[" + i + "]' is not an integer: " + v);
        }
        if (out[i] < 1 || out[i] > max) {
          throw fail("field '" + key + "[" + i + "]' = " + out[i] + " outside 1.." + max);
        }
      }
      return out;
    }

    /** Gson's first line, without its advice to parse leniently (a manifest must be strict). */
    private static String gsonReason(Exception e) {
      String message = String.valueOf(e.getMessage());
      int newline = message.indexOf('\n');
      return (newline < 0 ? message : message.substring(0, newline)).replace(
          "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
          "unexpected content");
    }

    /** A plain name inside the bundle: the manifest must not point outside its folder. */
    private static String fileName(String name) throws ModelFormatException {
      if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}") || name.contains("..")
          || name.equals(MANIFEST)) {
        throw fail("bad bundle file name '" + name + "'");
      }
      return name;
    }

    private static ModelFormatException fail(String reason) {
      return new ModelFormatException(reason, ModelFormatException.NO_OFFSET, MANIFEST);
    }

    private static JsonElement field(JsonObject o, String key) throws ModelFormatException {
      JsonElement e = o.get(key);
      if (e == null || e.isJsonNull()) {
        throw fail("missing field '" + key + "'");
      }
      return e;
    }

    private static String string(JsonObject o, String key) throws ModelFormatException {
      JsonElement e = field(o, key);
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
        throw fail("field '" + key + "' is not a string");
      }
      return e.getAsString();
    }

    private static boolean bool(JsonObject o, String key) throws ModelFormatException {
      JsonElement e = field(o, key);
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
        throw fail("field '" + key + "' is not a boolean");
      }
      return e.getAsBoolean();
    }

    private static BigDecimal number(JsonElement e, String key) throws ModelFormatException {
      if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber()) {
        throw fail("field '" + key + "' is not a number");
      }
      try {
        return e.getAsBigDecimal();
      } catch (NumberFormatException ex) {
        throw fail("field '" + key + "' is not a number");
      }
    }

    private static int integer(JsonObject o, String key, int min, int max)
        throws ModelFormatException {
      BigDecimal v = number(field(o, key), key);
      int i;
      try {
        i = v.intValueExact();
      } catch (ArithmeticException e) {
        throw fail("field '" + key + "' is not an integer: " + v);
      }
      if (i < min || i > max) {
        throw fail("field '" + key + "' = " + i + " outside " + min + ".." + max);
      }
      return i;
    }

    private static JsonObject object(JsonObject o, String key) throws ModelFormatException {
      JsonElement e = field(o, key);
      if (!e.isJsonObject()) {
        throw fail("field '" + key + "' is not an object");
      }
      return e.getAsJsonObject();
    }

    private static JsonArray array(JsonObject o, String key) throws ModelFormatException {
      JsonElement e = field(o, key);
      if (!e.isJsonArray()) {
        throw fail("field '" + key + "' is not an array");
      }
      return e.getAsJsonArray();
    }

    private static String sha256Hex(JsonObject o, String key) throws ModelFormatException {
      String hex = string(o, key);
      if (!hex.matches("[0-9a-f]{64}")) {
        throw fail("field '" + key + "' is not a lowercase hex SHA-256");
      }
      return hex;
    }
  }

  /** Where a bundle's files come from. */
  private interface Source {
    /** The whole file, at most limit bytes; a missing file is a ModelFormatException. */
    byte[] read(String file, int limit) throws IOException;

    String describe(String file);
  }

  private record DirectorySource(Path directory) implements Source {
    @Override
    public byte[] read(String file, int limit) throws IOException {
      Path path = directory.resolve(file);
      try {
        long size = Files.size(path);
        if (size > limit) {
          throw new ModelFormatException("file of " + size + " bytes exceeds the limit of "
              + limit, ModelFormatException.NO_OFFSET, describe(file));
        }
        return Files.readAllBytes(path);
      } catch (NoSuchFileException e) {
        throw new ModelFormatException("missing bundle file " + file,
            ModelFormatException.NO_OFFSET, describe(file));
      }
    }

    @Override
    public String describe(String file) {
      return directory.resolve(file).toString();
    }
  }

  private record ClasspathSource(ClassLoader loader, String prefix) implements Source {
    @Override
    public byte[] read(String file, int limit) throws IOException {
      try (InputStream in = loader.getResourceAsStream(prefix + file)) {
        if (in == null) {
          throw new ModelFormatException("missing bundle resource " + file,
              ModelFormatException.NO_OFFSET, describe(file));
        }
        return LictFile.readBounded(in, limit, describe(file));
      }
    }

    @Override
    public String describe(String file) {
      return "classpath:" + prefix + file;
    }
  }
}
