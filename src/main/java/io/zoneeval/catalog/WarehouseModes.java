package io.zoneeval.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who may read a local warehouse: its owner only (folders 700, files 600), or with
 * {@code --group-readable} (or the JVM property {@value #GROUP_READABLE_PROPERTY}{@code =true}) its group
 * too (750, 640). The warehouse holds every enterprise's invoices, tax and land; only the report leaves it.
 *
 * <p>The JVM cannot change its own umask, so this holds in layers, each enough for what it covers:
 * <ol>
 *   <li>{@code bin/zone-eval} runs Java under {@code umask 077} ({@code 027} when group-readable): every file
 *       the process creates starts private, Spark's shuffle files included;</li>
 *   <li>in any JVM (the tests, spark-submit), {@link io.zoneeval.spark.Sessions} sets Hadoop's
 *       {@code fs.permissions.umask-mode} to {@link #umaskMode()}: Hadoop's local file system then gives
 *       every file and folder it creates that mode (it chmods after creating), and Delta's log, Parquet's
 *       files, their {@code .crc} files, the bronze copies and {@code _session} are all written through it;</li>
 *   <li>a writer's lock ({@link WarehouseLock}) creates the warehouse folder itself and the lock file with
 *       these modes explicitly ({@link #prepare}), so a new warehouse is closed to others before anything
 *       is written into it (a 700 folder hides its files whatever their modes), and when the writer lets
 *       the warehouse go, every entry gets exactly these modes ({@link #normalize}): a safety net for
 *       whatever a library wrote around Hadoop's file system.</li>
 * </ol>
 * An existing warehouse that others can read is left as it is, with a one-line warning that names the
 * command to close it: zone-eval never changes the modes of what a person may have opened on purpose.
 * Only a local folder is concerned; on HDFS and object stores see docs/cluster.md.
 */
public final class WarehouseModes {
  private WarehouseModes() {}

  /** The JVM property that makes warehouses group-readable (as {@code --group-readable} does). */
  public static final String GROUP_READABLE_PROPERTY = "zoneeval.groupReadable";

  private static volatile Boolean groupReadable;

  /** Sets the mode for this process (the command line's {@code --group-readable}); null: the JVM property. */
  public static void groupReadable(Boolean readable) {
    groupReadable = readable;
  }

  public static boolean groupReadable() {
    Boolean set = groupReadable;
    return set != null ? set : Boolean.getBoolean(GROUP_READABLE_PROPERTY);
  }

  /** The permission bits a warehouse entry must not have: 077, or 027 when group-readable. */
  public static int umask() {
    return groupReadable() ? 0027 : 0077;
  }

  /** {@link #umask()} as Hadoop's {@code fs.permissions.umask-mode} wants it. */
  public static String umaskMode() {
    return String.format("%03o", umask());
  }

  static int folderMode() {
    return 0777 & ~umask();
  }

  static int fileMode() {
    return 0666 & ~umask();
  }

  /** The permissions of a new file (to create it with, e.g. the lock file). */
  static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
    return PosixFilePermissions.asFileAttribute(permissions(fileMode()));
  }

  /**
   * Before a writer touches a local warehouse: creates the folder (and any missing parent) with the
   * warehouse's folder mode, or, for an existing one, warns on stderr when others may read it. Returns
   * whether the warehouse's entries may be given exactly this mode when the writer is done (a new
   * warehouse, or one nobody else can read); false leaves an opened warehouse's modes alone.
   */
  static boolean prepare(Path folder) {
    try {
      if (!Files.isDirectory(folder)) {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(permissions(folderMode())));
        return true;
      }
      try (var entries = Files.list(folder)) {
        if (entries.findAny().isEmpty()) {
          // An empty folder made for the warehouse (mkdir under the usual umask) is taken as new.
          Files.setPosixFilePermissions(folder, permissions(folderMode()));
          return true;
        }
      }
    } catch (UnsupportedOperationException e) {
      return false; // not a POSIX file system: nothing to say about modes
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create warehouse " + folder + ": " + e.getMessage(), e);
    }
    Optional<String> warning = warning(folder);
    warning.ifPresent(w -> System.err.println("[zone-eval] warning: " + w));
    return warning.isEmpty();
  }

  /**
   * One line when some entry of the warehouse has a mode bit {@link #umask()} forbids (others, or the
   * group, may read or write it), naming the folder, the first such entry and the command that closes it.
   */
  public static Optional<String> warning(Path folder) {
    Path root = folder.toAbsolutePath().normalize();
    int[] wide = {0};
    int[] openToOthers = {0};
    Path[] first = {null};
    int[] firstMode = {0};
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          check(dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (!attrs.isSymbolicLink()) {
            check(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // gone meanwhile, or unreadable: nothing to check
        }

        private void check(Path p) throws IOException {
          int mode = mode(p);
          if (mode >= 0 && (mode & 0007) != 0) {
            openToOthers[0]++;
          }
          if (mode >= 0 && (mode & umask()) != 0) {
            if (wide[0]++ == 0) {
              first[0] = p;
              firstMode[0] = mode;
            }
          }
        }
      });
    } catch (IOException e) {
      return Optional.empty();
    }
    if (wide[0] == 0) {
      return Optional.empty();
    }
    String who = groupReadable() ? "others" : "its group or others";
    String fix = groupReadable() ? "chmod -R g-w,o-rwx " : "chmod -R go-rwx ";
    return Optional.of("warehouse " + root + " is open to " + who + " (" + wide[0] + " entr" + (wide[0] == 1 ? "y" : "ies")
        + ", e.g. " + first[0] + " " + String.format("%03o", firstMode[0]) + "); left as it is: to close it, run "
        + fix + quote(root.toString())
        + (!groupReadable() && openToOthers[0] == 0 ? " (or write it with --group-readable, if its group may read it)" : ""));
  }

  /**
   * Gives every folder and file of the warehouse that this user owns exactly the warehouse's modes (700 and
   * 600, or 750 and 640). Symbolic links are not followed; an entry that is gone or cannot be changed is left.
   */
  static void normalize(Path folder) {
    Path root = folder.toAbsolutePath().normalize();
    UserPrincipal me;
    try {
      me = Files.getOwner(root, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    Set<PosixFilePermission> folderPerms = permissions(folderMode());
    Set<PosixFilePermission> filePerms = permissions(fileMode());
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          set(dir, folderPerms);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            set(file, filePerms);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }

        private void set(Path p, Set<PosixFilePermission> perms) {
          try {
            PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributes attrs = view.readAttributes();
            if (attrs.owner().equals(me) && !attrs.permissions().equals(perms)) {
              view.setPermissions(perms);
            }
          } catch (NoSuchFileException e) {
            // removed meanwhile (a temporary file of the writer)
          } catch (IOException e) {
            System.err.println("[zone-eval] warning: cannot set the mode of " + p + ": " + e.getMessage());
          }
        }
      });
    } catch (IOException e) {
      System.err.println("[zone-eval] warning: cannot set the modes of warehouse " + root + ": " + e.getMessage());
    }
  }

  /** The mode bits of an entry (not following links); -1 when it is gone. */
  static int mode(Path p) throws IOException {
    try {
      return bits(Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).permissions());
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  static int bits(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 = 0400 … OTHERS_EXECUTE is 8 = 0001
    }
    return mode;
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - p.ordinal()))) != 0) {
        perms.add(p);
      }
    }
    return perms;
  }

  private static String quote(String path) {
    return path.matches("[A-Za-z0-9_./@%+=:,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
  }
}
