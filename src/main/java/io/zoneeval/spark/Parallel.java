package io.zoneeval.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs independent steps at once (writes of different tables, creations of tables): on a small machine
 * most of such a step is the driver's planning and Delta's commit, which overlap well. The first failure
 * cancels the rest and is rethrown as it was.
 */
public final class Parallel {
  private static final int THREADS = 4;

  private Parallel() {}

  public static void run(List<Runnable> steps) {
    List<Callable<Object>> calls = new ArrayList<>();
    for (Runnable step : steps) {
      calls.add(() -> {
        step.run();
        return null;
      });
    }
    call(calls);
  }

  /** The results of the steps, in their order. */
  public static <T> List<T> call(List<? extends Callable<T>> steps) {
    if (steps.size() == 1) {
      try {
        return java.util.Collections.singletonList(steps.get(0).call());
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, steps.size())));
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> step : steps) {
        futures.add(pool.submit(step));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          futures.forEach(other -> other.cancel(true));
          throw asThrown(e.getCause());
        }
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Runs {@code beside} on another thread while {@code main} runs on this one and returns main's result
   * once both have ended, whichever failed: unlike {@link #call}, nothing is left running when this returns
   * or throws (a step that must not outlive its caller's hold on the warehouse's lock). The first failure
   * is rethrown as it was, main's when both fail (beside's then added to it as suppressed).
   */
  public static <T> T beside(Supplier<T> main, Runnable beside) {
    CompletableFuture<Void> other = CompletableFuture.runAsync(beside);
    T result;
    try {
      result = main.get();
    } catch (RuntimeException | Error e) {
      try {
        other.join();
      } catch (CompletionException also) {
        e.addSuppressed(also.getCause());
      }
      throw e;
    }
    try {
      other.join();
    } catch (CompletionException e) {
      throw asThrown(e.getCause());
    }
    return result;
  }

  /** A step's failure as the step threw it: a RuntimeException or an Error itself, anything else wrapped. */
  private static RuntimeException asThrown(Throwable cause) {
    if (cause instanceof Error err) {
      throw err;
    }
    return cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
  }
}
