package io.zoneeval.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@link Parallel#beside}: both steps end before it returns or throws, and failures come back as thrown. */
class ParallelTest {
  @Test
  void bothStepsRunAtOnceAndMainsResultIsReturned() {
    CountDownLatch besideStarted = new CountDownLatch(1);
    AtomicBoolean besideDone = new AtomicBoolean();
    String result = Parallel.beside(() -> {
      // Main waits for beside to start: the two run at the same time, not one after the other.
      await(besideStarted);
      return "stored";
    }, () -> {
      besideStarted.countDown();
      sleep(100);
      besideDone.set(true);
    });
    assertThat(result).isEqualTo("stored");
    assertThat(besideDone).isTrue();
  }

  @Test
  void aFailingMainWaitsForBesideAndCarriesItsFailureToo() {
    AtomicBoolean besideDone = new AtomicBoolean();
    IllegalStateException besideFailure = new IllegalStateException("tables");
    assertThatThrownBy(() -> Parallel.beside(() -> {
      throw new IllegalArgumentException("delivery");
    }, () -> {
      sleep(100);
      besideDone.set(true);
      throw besideFailure;
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("delivery")
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(besideFailure));
    assertThat(besideDone).isTrue();
  }

  @Test
  void besidesFailureIsThrownAsItWasAnErrorIncluded() {
    IllegalStateException failure = new IllegalStateException("tables");
    assertThatThrownBy(() -> Parallel.beside(() -> "stored", () -> {
      throw failure;
    })).isSameAs(failure);
    OutOfMemoryError error = new OutOfMemoryError("Java heap space");
    assertThatThrownBy(() -> Parallel.beside(() -> "stored", () -> {
      throw error;
    })).isSameAs(error);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
