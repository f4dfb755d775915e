package io.zoneeval.analysis;

/** An analysis that cannot be made, with a one-line reason. */
public final class Refused extends RuntimeException {
  public Refused(String message) {
    super(message);
  }
}
