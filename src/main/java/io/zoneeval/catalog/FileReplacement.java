package io.zoneeval.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.RemoveFile;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.metric.SQLMetrics;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The commit of a replaceWhere whose replaced files are known without Delta's listing of the table: the
 * rows written and a remove of each replaced file, in one Delta transaction, recorded in the table's
 * history as replaceWhere records itself (a WRITE in Overwrite mode with the predicate and the removed
 * files' count and bytes).
 *
 * <p>Why: replaceWhere finds the files to remove by reconstructing the table's state from its log with
 * Spark jobs, about a second a table in a fresh JVM, most of a re-evaluation's writing of gold. When every
 * file of the table holds only rows the predicate replaces or none (a year of a table partitioned by year),
 * Delta Kernel's list of the files (read without Spark) is the same answer.
 *
 * <p>The transaction reads the whole table, so a commit of another writer after the version Kernel listed
 * makes Delta refuse this one (a concurrent change), as it would refuse a replaceWhere.
 */
final class FileReplacement {
  /** What a file holds of the rows a predicate replaces, by its partition values. */
  enum Match { ALL, NONE, SOME }

  private FileReplacement() {}

  /**
   * Commits {@code rows} (already held to the predicate) over {@code replaced}, the files of version
   * {@code listedVersion} whose rows the predicate replaces. False, and nothing written, when the table
   * has moved past that version before the transaction began: the caller then writes by replaceWhere.
   */
  static boolean commit(SparkSession spark, String location, Dataset<Row> rows, String predicate, long listedVersion,
      List<SnapshotFiles.DataFile> replaced) {
    DeltaLog log = DeltaLog.forTable(spark, location);
    OptimisticTransaction txn = log.startTransaction(Option.empty(), Option.empty());
    if (txn.snapshot().version() != listedVersion) {
      return false;
    }
    txn.readWholeTable();
    List<Action> actions = new ArrayList<>(CollectionConverters.asJava(txn.writeFiles(rows)));
    long now = System.currentTimeMillis();
    long bytes = 0;
    for (SnapshotFiles.DataFile file : replaced) {
      actions.add(new RemoveFile(file.logPath(), Option.apply(now), true, Option.apply(true),
          immutable(file.partitionValues()), Option.apply(file.size()), null, null, Option.empty(), Option.empty(),
          null, Option.empty()));
      bytes += file.size();
    }
    txn.registerSQLMetrics(spark, immutable(Map.of(
        "numRemovedFiles", metric(spark, "number of files removed", replaced.size()),
        "numRemovedBytes", metric(spark, "number of bytes removed", bytes))));
    txn.commit(CollectionConverters.asScala(actions).toSeq(), new DeltaOperations.Write(SaveMode.Overwrite,
        Option.apply(CollectionConverters.asScala(List.<String>of()).toSeq()), Option.apply(predicate),
        Option.empty(), Option.empty(), Option.empty(), Option.empty(), Option.empty(), Option.empty()));
    return true;
  }

  private static SQLMetric metric(SparkSession spark, String name, long value) {
    SQLMetric metric = SQLMetrics.createMetric(spark.sparkContext(), name);
    metric.set(value);
    return metric;
  }

  private static <K, V> scala.collection.immutable.Map<K, V> immutable(Map<K, V> map) {
    return scala.collection.immutable.Map.from(CollectionConverters.asScala(map));
  }
}
