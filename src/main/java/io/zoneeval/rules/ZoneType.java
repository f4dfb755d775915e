package io.zoneeval.rules;

/** The two kinds of zone the policy ranks separately (同一类型工业集中区). */
public enum ZoneType {
  /** 重点发展型. */
  KEY("重点发展型"),
  /** 优化发展型. */
  OPTIMIZED("优化发展型");

  private final String chinese;

  ZoneType(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }
}
