package io.zoneeval.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoneeval.SparkTestSession;
import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local file system without a process per file ({@link LocalFiles}) is the one local sessions use,
 * and does what Hadoop's own does: the same permission bits, the same refusal of a rename onto an existing
 * file (Delta's commit relies on it), the same status of a file, a folder, a link and a missing path (a
 * link's as Hadoop 3.4 gives it: recognised only when the path has no scheme).
 */
class LocalFilesTest {
  private static Configuration conf;
  @TempDir java.nio.file.Path dir;

  @BeforeAll
  static void session() {
    conf = SparkTestSession.get().sparkContext().hadoopConfiguration();
  }

  @Test
  void localSessionsReadAndWriteLocalPathsThroughIt() throws Exception {
    assertThat(FileSystem.get(URI.create("file:///"), conf)).isInstanceOf(LocalFiles.FileSystem.class);
    assertThat(FileContext.getFileContext(URI.create("file:///"), conf).getDefaultFileSystem())
        .isInstanceOf(LocalFiles.FileContextFs.class);
  }

  @Test
  void filesAndFoldersGetExactlyTheBitsSet() throws Exception {
    FileSystem fs = FileSystem.get(URI.create("file:///"), conf);
    Path file = new Path(dir.toUri().toString(), "a.parquet");
    try (FSDataOutputStream out = fs.create(file, FsPermission.createImmutable((short) 0640), false, 4096,
        (short) 1, 1 << 20, null)) {
      out.write(1);
    }
    Path folder = new Path(dir.toUri().toString(), "year=2024");
    assertThat(fs.mkdirs(folder)).isTrue();
    // Set as asked, whatever the session's umask (which create and mkdirs apply; WarehouseModesTest).
    fs.setPermission(file, FsPermission.createImmutable((short) 0604));
    fs.setPermission(folder, FsPermission.createImmutable((short) 0750));

    assertThat(mode(dir.resolve("a.parquet"))).isEqualTo("rw----r--");
    assertThat(mode(dir.resolve("year=2024"))).isEqualTo("rwxr-x---");
    // The checksum file beside it was created through the same call.
    assertThat(Files.exists(dir.resolve(".a.parquet.crc"))).isTrue();
    assertThat(LocalFiles.posix(FsPermission.createImmutable((short) 0751)))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-x--x"));
  }

  @Test
  void aRenameOntoAnExistingFileIsRefusedAndOntoANewNameMovesTheFile() throws Exception {
    FileContext fc = FileContext.getFileContext(URI.create("file:///"), conf);
    Files.writeString(dir.resolve("tmp.json"), "commit 1", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("00000000000000000001.json"), "someone else's commit 1", StandardCharsets.UTF_8);
    Path tmp = new Path(dir.resolve("tmp.json").toUri());

    assertThatThrownBy(() -> fc.rename(tmp, new Path(dir.resolve("00000000000000000001.json").toUri()),
        Options.Rename.NONE)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(dir.resolve("00000000000000000001.json"))).isEqualTo("someone else's commit 1");

    fc.rename(tmp, new Path(dir.resolve("00000000000000000002.json").toUri()), Options.Rename.NONE);
    assertThat(Files.readString(dir.resolve("00000000000000000002.json"))).isEqualTo("commit 1");
    assertThat(Files.exists(dir.resolve("tmp.json"))).isFalse();
  }

  @Test
  void aFileAFolderALinkAndAMissingPathHaveTheStatusHadoopGivesThem() throws Exception {
    LocalFiles.Raw raw = new LocalFiles.Raw();
    raw.initialize(URI.create("file:///"), conf);
    RawLocalFileSystem hadoops = new RawLocalFileSystem();
    hadoops.initialize(URI.create("file:///"), conf);
    Files.writeString(dir.resolve("target.txt"), "x", StandardCharsets.UTF_8);
    Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("target.txt"));

    for (String name : List.of("target.txt", "link.txt", "")) {
      for (Path path : List.of(new Path(dir.resolve(name).toUri()), new Path(dir.resolve(name).toString()))) {
        assertThat(status(raw.getFileLinkStatus(path))).as(path.toString())
            .isEqualTo(status(hadoops.getFileLinkStatus(path)));
      }
    }
    assertThat(raw.getFileLinkStatus(new Path(dir.resolve("target.txt").toUri())).getLen()).isEqualTo(1);
    assertThat(raw.getFileLinkStatus(new Path(dir.resolve("link.txt").toString())).isSymlink()).isTrue();
    assertThatThrownBy(() -> raw.getFileLinkStatus(new Path(dir.resolve("missing").toUri())))
        .isInstanceOf(FileNotFoundException.class);
  }

  private static String status(FileStatus s) throws java.io.IOException {
    return String.join(" ", s.getPath().toString(), String.valueOf(s.isFile()), String.valueOf(s.isDirectory()),
        String.valueOf(s.isSymlink()), s.isSymlink() ? s.getSymlink().toString() : "-", String.valueOf(s.getLen()),
        String.valueOf(s.getModificationTime()));
  }

  private static String mode(java.nio.file.Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
