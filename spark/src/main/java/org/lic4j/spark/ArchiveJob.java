package org.lic4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark job: lists IN's tree, codes each file where its partition runs, writes the outputs
 * into the mirrored tree under OUT and the manifest to {@code OUT/_manifest} (docs/spark.md).
 */
final class ArchiveJob {
  /** Partitions per core: small ones even out the pictures' unequal costs across the executors. */
  private static final int PARTITIONS_PER_CORE = 4;

  private static final StructType LISTING = new StructType()
      .add(PartitionCoder.LISTED, DataTypes.StringType, false)
      .add(Manifest.PATH, DataTypes.StringType, false)
      .add(Manifest.OUTPUT, DataTypes.StringType, true);

  private ArchiveJob() {}

  /**
   * Runs the job to its end: every file of IN has a row in the manifest.
   *
   * @return the manifest's figures
   */
  static Summary run(SparkSession spark, JobSettings settings) throws IOException {
    long start = System.nanoTime();
    Path inRoot = Paths.get(settings.inRoot());
    // The binaryFile source lists the tree (on the cluster, in parallel, for a large tree), leaving
    // out hidden files and folders and those named _*. Its file list, not its rows: a scan drops
    // empty files, and an empty file is a broken picture that the manifest must name. Each task
    // then reads its own files; their content never travels through Spark.
    String[] files = spark.read().format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(inRoot.toUri().toString())
        .inputFiles();
    Dataset<Row> named = spark.createDataset(Arrays.asList(files), Encoders.STRING()).map((MapFunction<String, Row>) uri -> {
      String rel = ArchivePaths.relative(Paths.get(settings.inRoot()), ArchivePaths.localFile(uri));
      return RowFactory.create(uri, rel, ArchivePaths.output(rel, settings));
    }, Encoders.row(LISTING));
    // Two inputs that would write one output (x.png and x.jpg -> x.lic) both fail, by name, rather
    // than the second silently replacing or skipping the first.
    Dataset<Row> claimed = named.withColumn(PartitionCoder.CLAIMANTS,
        collect_list(col(Manifest.PATH)).over(Window.partitionBy(col(Manifest.OUTPUT))));
    int partitions = Math.max(1, spark.sparkContext().defaultParallelism() * PARTITIONS_PER_CORE);
    Dataset<Row> manifest = claimed.repartition(partitions)
        .mapPartitions(new PartitionCoder(settings), Encoders.row(Manifest.SCHEMA));
    Path manifestDir = Paths.get(settings.outRoot()).resolve(Manifest.FOLDER);
    String manifestUri = manifestDir.toUri().toString();
    // Writing the manifest is the action that runs the coding; Spark's commit protocol keeps one
    // attempt's rows per partition, whatever retries and speculation ran.
    manifest.write().mode(SaveMode.Overwrite).parquet(manifestUri);
    return Summary.of(Manifest.read(spark, manifestDir), settings.direction(), (System.nanoTime() - start) / 1e9);
  }
}
