package io.zoneeval.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Types at {@link Shell#runInteractive} through a JLine terminal over streams (an xterm, with the line
 * discipline of a pseudo-terminal), a keystroke batch at a time, and reads back the screen without its escape
 * sequences.
 *
 * <p>Keys are sent only once the shell waits for them ({@link #await}): the terminal handles Ctrl-C and
 * Enter as they arrive, so keys typed ahead would be taken under the wrong terminal mode.
 */
final class TerminalDriver implements AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private final PipedOutputStream keys = new PipedOutputStream();
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  final Terminal terminal;
  private final Thread shell;
  private volatile Throwable failure;

  TerminalDriver(Shell shellToRun, Path history) {
    try {
      PipedInputStream in = new PipedInputStream(keys, 1 << 16);
      // The exec provider's terminal over streams does the terminal's line discipline in Java, Ctrl-C
      // included; a native provider would put a real pseudo-terminal in between, whose Ctrl-C signals the
      // process group of a terminal this JVM does not belong to.
      terminal = TerminalBuilder.builder().system(false).provider("exec").streams(in, screen).type("xterm")
          .encoding(StandardCharsets.UTF_8).size(new Size(200, 50)).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    shell = new Thread(() -> {
      try {
        shellToRun.runInteractive(terminal, history);
      } catch (Throwable t) {
        failure = t;
      }
    }, "shell-under-test");
    shell.setDaemon(true);
    shell.start();
  }

  /** Sends keys as typed: {@code \r} is Enter, {@code \t} Tab, {@code \u0003} Ctrl-C, {@code \u0004} Ctrl-D. */
  TerminalDriver type(String text) {
    try {
      keys.write(text.getBytes(StandardCharsets.UTF_8));
      keys.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Waits until the screen shows what is expected (a prompt after a statement, the echo of a key). */
  TerminalDriver await(Predicate<String> shows, String what) {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!shows.test(screen())) {
      if (failure != null) {
        throw new AssertionError("the shell failed", failure);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the screen never showed " + what + ":\n" + screen());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return this;
  }

  /** Waits for the {@code n}th prompt: the shell has finished what was typed before it and reads again. */
  TerminalDriver awaitPrompt(int n) {
    return await(s -> count(s, Shell.PROMPT) >= n, "prompt number " + n);
  }

  /** Waits until the shell has returned (after {@code \q} or Ctrl-D). */
  void awaitEnd() {
    try {
      shell.join(PATIENCE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw new AssertionError("the shell failed", failure);
    }
    if (shell.isAlive()) {
      throw new AssertionError("the shell did not end:\n" + screen());
    }
  }

  boolean ended() {
    return !shell.isAlive();
  }

  /** What the terminal shows, escape sequences and carriage returns left out. */
  String screen() {
    String raw;
    synchronized (screen) {
      raw = screen.toString(StandardCharsets.UTF_8);
    }
    return raw.replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("\u001B[()][0-9A-Za-z]", "")
        .replaceAll("\u001B[=>78]", "").replace("\r", "");
  }

  static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  @Override
  public void close() throws IOException {
    keys.close();
    try {
      shell.join(PATIENCE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    terminal.close();
  }
}
