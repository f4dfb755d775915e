#!/usr/bin/env python3
"""Where the executors' CPU goes in a zone-eval run, from a Java Flight Recorder file.

Record a run:   ZONE_EVAL_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
                    -XX:StartFlightRecording=filename=run.jfr,settings=profile" \
                    bin/zone-eval evaluate --input DIR --warehouse WH
Then:           tools/jfr-profile.py run.jfr

Each execution sample of an executor thread ("Executor task launch worker") is put in the first
category, walking from the innermost frame outwards, whose pattern matches a frame; the table gives
the samples per category. Samples are CPU time, not wall time: on two cores a category's share of the
samples is its share of the work, whatever the scheduling. Then the processes the JVM started, by program.
"""
import collections
import re
import subprocess
import sys

CATEGORIES = [
    ("delta statistics", r"DeltaTaskStatisticsTracker|StatisticsCollection"),
    ("cache build (persisted checked rows)", r"ColumnBuilder|gatherCompressibilityStats|CachedBatchSerializer\$\$anon\$1\.next"),
    ("cache read", r"ColumnAccessor|InMemoryTableScan|GeneratedColumnarIterator"),
    ("parquet write", r"ParquetWriteSupport|parquet\.hadoop\.InternalParquetRecordWriter|parquet\.column"),
    ("parquet read", r"VectorizedParquetRecordReader|VectorizedColumnReader|ParquetFileFormat|VectorizedRleValuesReader|VectorizedPlainValuesReader"),
    ("row checks (FieldRule, Uscc)", r"FieldRule|Uscc"),
    ("row checks (loop)", r"io\.zoneeval\.silver\.Validation"),
    ("Row <-> InternalRow", r"ExpressionEncoder|SerializeFromObject|DeserializeToObject"),
    ("CSV to bronze rows", r"CsvRecords|RangeLines|io\.zoneeval\.bronze"),
    ("sort", r"UnsafeExternalSorter|UnsafeInMemorySorter|RadixSort|TimSort|SortExec|UnsafeExternalRowSorter"),
    ("shuffle write", r"ShuffleWriter|ShuffleExternalSorter|DiskBlockObjectWriter"),
    ("shuffle read", r"ShuffleBlockFetcherIterator|BlockStoreShuffleReader"),
    ("hash aggregate", r"HashAggregate|UnsafeFixedWidthAggregationMap|BytesToBytesMap|ObjectAggregation"),
    ("sort aggregate", r"SortBasedAggregationIterator|SortAggregateExec"),
    ("joins", r"BroadcastHashJoin|HashedRelation|SortMergeJoin"),
    ("code generation (per task)", r"CodeGenerator|janino|codehaus"),
    ("generated code (filters, projections)", r"GeneratedClass|BufferedRowIterator"),
]


def main(path):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
                          check=True, capture_output=True, text=True).stdout
    counts = collections.Counter()
    total = 0
    for event in text.split("jdk.ExecutionSample {")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        if not thread or "Executor task launch" not in thread.group(1):
            continue
        frames = [re.sub(r"\(.*", "", line.strip()) for line in event.split("stackTrace = [")[1].split("\n")
                  if "line:" in line]
        total += 1
        category = "other"
        for frame in frames:
            hit = next((name for name, pattern in CATEGORIES if re.search(pattern, frame)), None)
            if hit:
                category = hit
                break
        counts[category] += 1
    print(f"executor samples: {total:,}")
    print("| category | samples | share |")
    print("|---|---:|---:|")
    for name, n in counts.most_common():
        print(f"| {name} | {n:,} | {100 * n / max(total, 1):.1f}% |")
    # Processes the JVM started, by program: each costs milliseconds of a large JVM's time, mostly in the
    # kernel (Hadoop's local file system started a chmod per file and two readlinks per Delta commit
    # before catalog/LocalFiles).
    starts = subprocess.run(["jfr", "print", "--events", "jdk.ProcessStart", path],
                            check=True, capture_output=True, text=True).stdout
    programs = collections.Counter(m.group(1) for m in re.finditer(r'command = "(\S+)', starts))
    print(f"\nprocesses started: {sum(programs.values()):,}"
          + "".join(f"; {program} {n:,}" for program, n in programs.most_common()))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
