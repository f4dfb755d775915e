package io.zoneeval.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/**
 * The one line a failed command prints. The errors are built as Spark delivers them to the driver: the
 * task's cause inside a job's failure, inside the step that ran the job.
 */
class FailuresTest {
  private static RuntimeException failedStep(String step, Exception inTask) {
    Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream()));
    try {
      progress.step(step, () -> {
        throw sneaky(inTask);
      });
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the step did not fail");
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Test
  void aFullDiskSaysSoNamesTheTableAndThatNothingWasCommitted() {
    SparkException job = new SparkException("Job aborted due to stage failure: Task 3 in stage 7.0 failed 1 times, "
        + "most recent failure: [TASK_WRITE_FAILED] Task failed while writing rows to file:/w/silver/invoices.",
        new IOException("No space left on device"));
    assertThat(Failures.oneLine(failedStep("silver invoices                 867,443,210 bytes", job)))
        .isEqualTo("No space left on device while writing silver.invoices: nothing committed; free space (the "
            + "warehouse's disk, and spark.local.dir for Spark's scratch files) and run again");
  }

  @Test
  void memoryAndLostExecutorsSayWhatToChange() {
    SparkException oom = new SparkException("Job aborted due to stage failure: Task 1 in stage 2.0 failed 4 times: "
        + "java.lang.OutOfMemoryError: Java heap space");
    assertThat(Failures.oneLine(failedStep("enterprise facts", oom)))
        .startsWith("Out of memory in an executor while enterprise facts: nothing committed; give the executors more "
            + "memory");
    SparkException lost = new SparkException("Job aborted due to stage failure: ExecutorLostFailure (executor 1 "
        + "exited caused by one of the running tasks) Reason: Command exited with code 137");
    assertThat(Failures.oneLine(failedStep("gold zone_results", lost)))
        .startsWith("An executor was lost (it died or stopped answering) while writing gold.zone_results: nothing "
            + "committed;");
    assertThat(Failures.oneLine(new OutOfMemoryError("Java heap space")))
        .startsWith("Out of memory in the driver; give the driver more memory");
    // What a driver thread's Error becomes in Scala's futures (issue 27 saw it printed as it is).
    var boxed = new java.util.concurrent.ExecutionException("Boxed Exception", new OutOfMemoryError("Java heap space"));
    assertThat(Failures.oneLine(failedStep("silver invoices  868,788,085 bytes", boxed)))
        .startsWith("Out of memory in the driver while writing silver.invoices: nothing committed; give the driver "
            + "more memory");
  }

  @Test
  void anythingElseIsItsOwnFirstLineAndTheProjectsRefusalsPassAsTheyAre() {
    assertThat(Failures.oneLine(failedStep("read silver", new IllegalStateException("line one\nline two"))))
        .isEqualTo("line one (in step read silver; nothing committed)");
    IllegalArgumentException refused = new IllegalArgumentException("--years 20x: not a year");
    assertThat(failedStep("prepare tables", refused)).isSameAs(refused);
  }
}
