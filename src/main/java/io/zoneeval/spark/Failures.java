package io.zoneeval.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line a failed command prints: where it stopped (the step of the stage), what happened in words
 * a data team acts on (a full disk, memory, a lost executor, a stop), and what to change. A writer commits
 * with its log row, last, so a writer that failed in a step committed nothing, and says so. Spark's own
 * error (often thousands of lines with the stack traces of every task) is the last resort, first line only;
 * {@code --verbose} prints the whole chain.
 */
public final class Failures {
  private Failures() {}

  /** A cause the data team can act on: what happened, and what to change. */
  private record Cause(String what, String advice) {}

  private static final Pattern STEP_TABLE = Pattern.compile("^(bronze|silver|gold) ([a-z_]+)\\b.*");

  /** The line to print for an error of a command; {@code fallback} is its own message when nothing better is known. */
  public static String oneLine(Throwable error) {
    List<Throwable> chain = chain(error);
    String step = null;
    for (Throwable t : chain) {
      if (t instanceof StepFailed s) {
        step = s.step();
        break;
      }
    }
    Cause cause = cause(chain);
    if (cause == null) {
      Throwable root = error;
      // A step's wrapper says nothing of its own: the message is its cause's.
      while (root instanceof StepFailed && root.getCause() != null) {
        root = root.getCause();
      }
      String message = root.getMessage() == null ? root.toString() : root.getMessage();
      String first = message.strip().lines().findFirst().orElse(message);
      return step == null ? first : first + " (in step " + where(step) + "; nothing committed)";
    }
    return cause.what() + (step == null ? "" : " while " + where(step) + ": nothing committed") + "; "
        + cause.advice();
  }

  /** "writing silver.invoices" for the step "silver invoices  123 bytes"; else the step's name. */
  static String where(String step) {
    String name = step.strip().replaceAll("\\s+", " ");
    Matcher m = STEP_TABLE.matcher(name);
    if (m.matches()) {
      return "writing " + m.group(1) + "." + m.group(2);
    }
    return name;
  }

  private static Cause cause(List<Throwable> chain) {
    for (Throwable t : chain) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      String lower = m.toLowerCase(Locale.ROOT);
      if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")) {
        return new Cause("No space left on device", "free space (the warehouse's disk, and spark.local.dir for "
            + "Spark's scratch files) and run again");
      }
    }
    for (Throwable t : chain) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof OutOfMemoryError || t.getClass().getSimpleName().contains("OutOfMemory")
          || m.contains("java.lang.OutOfMemoryError") || m.contains("Java heap space")
          || m.contains("GC overhead limit exceeded") || m.contains("SparkOutOfMemoryError")) {
        boolean executor = m.contains("Executor") || m.contains("executor") || m.contains("in stage");
        return new Cause("Out of memory" + (executor ? " in an executor" : " in the driver"), executor
            ? "give the executors more memory (spark.executor.memory, spark.executor.memoryOverhead) or split the "
                + "work finer (--shuffle-partitions, spark.sql.files.maxPartitionBytes), and run again"
            : "give the driver more memory (--driver-memory, or ZONE_EVAL_JAVA_OPTS=-Xmx… locally) and run again");
      }
    }
    for (Throwable t : chain) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      if (m.contains("ExecutorLostFailure") || m.contains("executor lost") || m.contains("Executor lost")
          || m.contains("Executor heartbeat timed out") || m.contains("exited caused by one of the running tasks")) {
        return new Cause("An executor was lost (it died or stopped answering)", "look at the cluster's log of that "
            + "executor (memory: spark.executor.memory, spark.executor.memoryOverhead) and run again");
      }
    }
    for (Throwable t : chain) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
          || m.contains("cancelled because SparkContext was shut down") || m.contains("SparkContext was shut down")
          || m.contains("cancelled as part of cancellation of all jobs")) {
        return new Cause("Stopped", "run the command again when you want it done");
      }
    }
    return null;
  }

  /** An error, its causes and what they suppressed, each once, breadth first. */
  public static List<Throwable> chain(Throwable error) {
    List<Throwable> out = new ArrayList<>();
    ArrayDeque<Throwable> todo = new ArrayDeque<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    if (error != null) {
      todo.add(error);
    }
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      out.add(t);
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      todo.addAll(List.of(t.getSuppressed()));
    }
    return out;
  }
}
