package io.zoneeval.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The executors a session has had and the tasks each ran, from Spark's listener events (a public API;
 * Spark's own status store is private to Spark). Registered through {@code spark.extraListeners}, so that it
 * sees the executors that register while the session starts.
 */
public final class ExecutorTasks extends SparkListener {
  /** The listener of this process's session (Spark creates it by its class name). */
  private static volatile ExecutorTasks current;

  private record Executor(String host, int cores, AtomicLong tasks, AtomicBoolean gone) {}

  private final Map<String, Executor> executors = new ConcurrentSkipListMap<>();

  public ExecutorTasks() {
    current = this;
  }

  @Override
  public void onExecutorAdded(SparkListenerExecutorAdded added) {
    executors.put(added.executorId(), new Executor(added.executorInfo().executorHost(),
        added.executorInfo().totalCores(), new AtomicLong(), new AtomicBoolean()));
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    Executor e = executors.get(removed.executorId());
    if (e != null) {
      e.gone().set(true);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    Executor e = executors.get(end.taskInfo().executorId());
    if (e != null) {
      e.tasks().incrementAndGet();
    }
  }

  /** The executors so far, as "id host (cores, tasks)"; none when the listener is not registered. */
  public static List<String> describe() {
    List<String> out = new ArrayList<>();
    ExecutorTasks listener = current;
    if (listener != null) {
      listener.executors.forEach((id, e) -> out.add(String.format(Locale.ROOT, "%s %s (%d core%s, %d tasks%s)", id,
          e.host(), e.cores(), e.cores() == 1 ? "" : "s", e.tasks().get(), e.gone().get() ? ", gone" : "")));
    }
    return out;
  }
}
