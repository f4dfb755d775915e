package io.zoneeval.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * The id hashes worth a closer look, found on the executors: those of more than one delivered record, and
 * those that a delivered record shares with a record of another year. Each task hands over its hashes as
 * one sorted array, cut into buckets by hash; a bucket's arrays meet in one task, which merges them. A
 * shuffle of eight bytes an id, not of a row: grouping 13M ids as rows (Spark SQL's aggregation) took
 * tens of seconds on two cores (docs/performance.md, "Duplicates on the executors").
 */
final class IdHashGroups {
  private IdHashGroups() {}

  /** A bucket's share of one task's hashes, sorted; {@code held}: of records of other years. */
  record Part(long[] hashes, boolean held) implements java.io.Serializable {}

  /** The hashes of one task's records, sorted (a growing array, not a list of boxed longs). */
  static final class Collected {
    private long[] hashes = new long[1 << 12];
    private int size;

    /** The hash of an id as the record check reads it ({@link IdHash#of}); none for a blank id. */
    void addId(String id) {
      Long hash = IdHash.of(id);
      if (hash != null) {
        add(hash);
      }
    }

    void add(long hash) {
      if (size == hashes.length) {
        hashes = Arrays.copyOf(hashes, size * 2);
      }
      hashes[size++] = hash;
    }

    long[] sorted() {
      long[] out = Arrays.copyOf(hashes, size);
      Arrays.sort(out);
      return out;
    }
  }

  /**
   * The candidate hashes. {@code delivered} and {@code held} (null: none): one sorted array per task.
   * {@code buckets}: the tasks that merge them.
   */
  static JavaRDD<Long> candidates(JavaRDD<long[]> delivered, JavaRDD<long[]> held, int buckets) {
    var parts = delivered.flatMapToPair(h -> split(h, false, buckets));
    if (held != null) {
      parts = parts.union(held.flatMapToPair(h -> split(h, true, buckets)));
    }
    return parts.groupByKey(new HashPartitioner(buckets)).values().flatMap(IdHashGroups::merge);
  }

  private static Iterator<Tuple2<Integer, Part>> split(long[] sorted, boolean held, int buckets) {
    int[] counts = new int[buckets];
    for (long h : sorted) {
      counts[bucket(h, buckets)]++;
    }
    long[][] out = new long[buckets][];
    for (int b = 0; b < buckets; b++) {
      out[b] = new long[counts[b]];
    }
    int[] at = new int[buckets];
    for (long h : sorted) {
      int b = bucket(h, buckets);
      out[b][at[b]++] = h;
    }
    List<Tuple2<Integer, Part>> parts = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      if (out[b].length > 0) {
        parts.add(new Tuple2<>(b, new Part(out[b], held)));
      }
    }
    return parts.iterator();
  }

  private static int bucket(long hash, int buckets) {
    return (int) Long.remainderUnsigned(hash, buckets);
  }

  /** One bucket: its delivered hashes that repeat, or that a held record has too. */
  static Iterator<Long> merge(Iterable<Part> parts) {
    long[] delivered = concat(parts, false);
    long[] held = concat(parts, true);
    List<Long> candidates = new ArrayList<>();
    for (int i = 0; i < delivered.length; i++) {
      long h = delivered[i];
      boolean repeated = i + 1 < delivered.length && delivered[i + 1] == h;
      if (repeated || Arrays.binarySearch(held, h) >= 0) {
        candidates.add(h);
      }
      while (i + 1 < delivered.length && delivered[i + 1] == h) {
        i++;
      }
    }
    return candidates.iterator();
  }

  private static long[] concat(Iterable<Part> parts, boolean held) {
    int size = 0;
    for (Part p : parts) {
      if (p.held() == held) {
        size += p.hashes().length;
      }
    }
    long[] all = new long[size];
    int at = 0;
    for (Part p : parts) {
      if (p.held() == held) {
        System.arraycopy(p.hashes(), 0, all, at, p.hashes().length);
        at += p.hashes().length;
      }
    }
    // Sorted runs, one per task: Java's sort finds and merges them.
    Arrays.sort(all);
    return all;
  }
}
