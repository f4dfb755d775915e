package io.zoneeval.spark;

/**
 * A step of a stage that failed ({@link Progress#step}): the step's name travels with the error, so that
 * the one line the command prints can say where it stopped ({@link Failures}).
 */
public final class StepFailed extends RuntimeException {
  private final String step;

  /**
   * The error of a step, named: the project's own refusals (they name what is wrong already) and
   * arguments refused go on as they are; Spark's, Hadoop's and the JVM's (an OutOfMemoryError too) carry
   * the step.
   */
  static RuntimeException of(String step, Throwable e) {
    if (e instanceof StepFailed || e instanceof IllegalArgumentException
        || e.getClass().getName().startsWith("io.zoneeval.")) {
      return sneaky(e);
    }
    return new StepFailed(step, e);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  private StepFailed(String step, Throwable cause) {
    super(step + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
    this.step = step;
  }

  /** The step's name as its progress line gives it. */
  public String step() {
    return step;
  }
}
