package io.zoneeval.catalog;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}) without a process started per file. Without Hadoop's native
 * library (libhadoop, which Spark's jars do not bring), {@link RawLocalFileSystem} runs {@code chmod} for
 * every file and folder it creates with a permission (every Parquet, .crc and Delta log file: issue 17
 * makes them owner-only) and {@code readlink} twice for every rename through a FileContext (every Delta
 * commit: Delta's HDFSLogStore renames its temporary file into place). A run starts hundreds of them, and
 * forking a large JVM costs milliseconds each, most of it in the kernel (docs/performance.md, "A process
 * per file").
 *
 * <p>Here the same two operations use java.nio: the permission bits are set with
 * {@link Files#setPosixFilePermissions}, and a path that is not a symbolic link is known to be none
 * without asking {@code readlink}. Everything else, symbolic links included, is Hadoop's own code, and
 * where the native library is present (or a sticky bit is asked for) Hadoop's own path is taken.
 * Local sessions (Sessions.create) register it as {@code fs.file.impl} and
 * {@code fs.AbstractFileSystem.file.impl}.
 */
public final class LocalFiles {
  private LocalFiles() {}

  /** The Hadoop settings that make {@code file:} paths use these classes. */
  public static final Map<String, String> HADOOP_SETTINGS = Map.of(
      "fs.file.impl", FileSystem.class.getName(),
      "fs.AbstractFileSystem.file.impl", FileContextFs.class.getName());

  /** {@code fs.file.impl}: the checksummed local file system over {@link Raw}. */
  public static final class FileSystem extends LocalFileSystem {
    public FileSystem() {
      super(new Raw());
    }
  }

  /** {@code fs.AbstractFileSystem.file.impl}: FileContext's local file system over {@link Raw}. */
  public static final class FileContextFs extends ChecksumFs {
    public FileContextFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFileContextFs(conf));
    }
  }

  /** What Hadoop's RawLocalFs is, over {@link Raw} instead of RawLocalFileSystem. */
  static final class RawFileContextFs extends DelegateToFileSystem {
    RawFileContextFs(Configuration conf) throws IOException, URISyntaxException {
      // As Hadoop's LocalFs: file:/// whatever path the FileContext was asked for.
      super(FsConstants.LOCAL_FS_URI, new Raw(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }

  /** RawLocalFileSystem with its two per-file processes replaced by java.nio calls. */
  public static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (NativeIO.isAvailable() || permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
      } catch (UnsupportedOperationException notPosix) {
        super.setPermission(p, permission); // a file system without POSIX modes: Hadoop's way
      }
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      if (Files.isSymbolicLink(pathToFile(f).toPath())) {
        return super.getFileLinkStatus(f);
      }
      // What Hadoop returns for a path that is not a link (readlink printed nothing): its status, or
      // FileNotFoundException.
      return getFileStatus(f);
    }
  }

  /** The bits as java.nio names them, from Hadoop's own symbolic form ("rwxr-x---"; no sticky bit here). */
  static Set<PosixFilePermission> posix(FsPermission permission) {
    return PosixFilePermissions.fromString(permission.toString());
  }
}
