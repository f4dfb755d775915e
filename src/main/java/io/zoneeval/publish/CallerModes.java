package io.zoneeval.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The files meant to leave the warehouse (the report) get the modes the caller's own umask gives, though
 * {@code bin/zone-eval} runs Java under {@code umask 077} so that everything else it writes is private
 * (issue 17, see {@link io.zoneeval.catalog.WarehouseModes}). The launcher passes the caller's umask in
 * {@value #ENV}; without it (tests, spark-submit) the process's umask already is the caller's and nothing
 * is changed. Only folders and files that did not exist before are given these modes: an existing file
 * keeps the mode its owner gave it.
 */
final class CallerModes {
  /** The caller's umask in octal ({@code 0022}), set by bin/zone-eval before it tightens its own. */
  static final String ENV = "ZONE_EVAL_CALLER_UMASK";

  private final Integer umask;
  private final List<Path> created = new ArrayList<>();

  private CallerModes(Integer umask) {
    this.umask = umask;
  }

  /** The caller's umask as the launcher passed it; null when it did not (or passed something else). */
  static Integer fromEnvironment() {
    String value = System.getenv(ENV);
    if (value == null || !value.strip().matches("[0-7]{1,4}")) {
      return null;
    }
    return Integer.parseInt(value.strip(), 8) & 0777;
  }

  /**
   * Notes which of {@code dir}, its parents and {@code files} do not exist yet: those written next get the
   * caller's modes in {@link #apply}. {@code umask} null: nothing to do.
   */
  static CallerModes before(Integer umask, Path dir, List<Path> files) {
    CallerModes modes = new CallerModes(umask);
    if (umask != null) {
      for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
        modes.created.add(p);
      }
      files.stream().filter(f -> !Files.exists(f)).forEach(modes.created::add);
    }
    return modes;
  }

  /** Gives what was created since {@link #before} the caller's modes: folders 777, files 666, less its umask. */
  void apply() throws IOException {
    if (umask == null) {
      return;
    }
    for (Path p : created) {
      if (Files.isDirectory(p)) {
        set(p, 0777 & ~umask);
      } else if (Files.isRegularFile(p)) {
        set(p, 0666 & ~umask);
      }
    }
  }

  private static void set(Path p, int mode) throws IOException {
    try {
      Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
      for (PosixFilePermission perm : PosixFilePermission.values()) {
        if ((mode & (1 << (8 - perm.ordinal()))) != 0) {
          perms.add(perm);
        }
      }
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }
}
