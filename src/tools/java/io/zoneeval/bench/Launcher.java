package io.zoneeval.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The project's launcher, {@code bin/zone-eval}, and how it starts a JVM: the benchmark runs zone-eval
 * through it, and starts the floor the way it starts zone-eval (the same JVM options, heap and classpath,
 * with the floor's own classes in front),
 * so that both pay the same JVM start and have the same memory. What bin/zone-eval does, in Java:
 * {@code java $opens [-XX:SharedArchiveFile=target/zone-eval.jsa] $(bin/jvm-options ARGS) -Xmx${ZONE_EVAL_HEAP:-4g}
 * ${ZONE_EVAL_JAVA_OPTS} -cp target/zone-eval.jar:$(cat target/classpath.txt)}, with {@code opens} the
 * {@code spark.jvm.opens} property of pom.xml and bin/jvm-options the collector and compiler for the
 * command line (the floor gets those of an ingest of its input).
 *
 * @param root the project folder (holding bin/, pom.xml and the built target/)
 * @param environment the environment the launcher would see (ZONE_EVAL_HEAP, ZONE_EVAL_JAVA_OPTS)
 */
public record Launcher(Path root, Map<String, String> environment) {
  private static final String OPENS = "spark.jvm.opens";

  /**
   * The launcher of the project this class was loaded from: the benchmark, a tool of the checkout, runs
   * from target/test-classes (through bin/zone-eval, as a test does); the project is the folder above target.
   */
  public static Launcher locate() {
    Path code;
    try {
      code = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Path root = code.getParent().getParent();
    if (!Files.isRegularFile(root.resolve("bin/zone-eval")) || !Files.isRegularFile(root.resolve("pom.xml"))) {
      throw new IllegalStateException("not run from a zone-eval checkout (no bin/zone-eval and pom.xml at " + root
          + "): the benchmark runs from bin/zone-eval");
    }
    return new Launcher(root, System.getenv());
  }

  /** {@code bin/zone-eval ARGS}: a zone-eval command as a user types it. */
  public List<String> zoneEval(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("bin/zone-eval").toString());
    command.addAll(args);
    return command;
  }

  /**
   * {@code cluster/run-standalone ARGS} with a driver of {@code driverMemory}: a zone-eval command on the
   * standalone cluster of this machine (two workers of one core), as the data team submits it.
   */
  public List<String> cluster(String driverMemory, List<String> args) {
    List<String> command = new ArrayList<>(List.of("env", "ZONE_EVAL_DRIVER_MEMORY=" + driverMemory,
        root.resolve("cluster/run-standalone").toString()));
    command.addAll(args);
    return command;
  }

  /** {@code cluster/run-standalone --build}: the cluster jar and the cluster's Spark jars, built where missing or stale. */
  public List<String> clusterBuild() {
    return List.of(root.resolve("cluster/run-standalone").toString(), "--build");
  }

  /** The heap of every JVM the launcher starts: ZONE_EVAL_HEAP, 4g by default. */
  public String heap() {
    String heap = environment.get("ZONE_EVAL_HEAP");
    return heap == null || heap.isBlank() ? "4g" : heap.trim();
  }

  /** The heap in bytes (-Xmx's units: k, m, g, t, or bytes). */
  public long heapBytes() {
    return bytes(heap());
  }

  static long bytes(String xmx) {
    String t = xmx.trim().toLowerCase(Locale.ROOT);
    char unit = t.charAt(t.length() - 1);
    int shift = switch (unit) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      case 't' -> 40;
      default -> 0;
    };
    long n = Long.parseLong(shift == 0 ? t : t.substring(0, t.length() - 1));
    return n << shift;
  }

  /**
   * The JVM options the launcher gives a command line: pom.xml's spark.jvm.opens, the class-data archive
   * when there is one, the collector and compiler {@code bin/jvm-options} picks for it, -Xmx,
   * ZONE_EVAL_JAVA_OPTS (split on blanks as bash does).
   */
  public List<String> jvmOptions(List<String> zoneEvalArgs) {
    List<String> options = new ArrayList<>(words(pomProperty(OPENS)));
    options.addAll(classDataOptions());
    options.addAll(collectorAndCompiler(zoneEvalArgs));
    options.add("-Xmx" + heap());
    options.addAll(words(environment.getOrDefault("ZONE_EVAL_JAVA_OPTS", "")));
    return options;
  }

  /**
   * What {@code bin/jvm-options ARGS} prints, as bin/zone-eval reads it: the collector (pom.xml's
   * launcher.gc unless ZONE_EVAL_JAVA_OPTS names one) and the compiler (C1 alone for a short command or a
   * small delivery). Asked of the script itself, so that the floor cannot drift from zone-eval.
   */
  public List<String> collectorAndCompiler(List<String> zoneEvalArgs) {
    List<String> command = new ArrayList<>(List.of(root.resolve("bin/jvm-options").toString()));
    command.addAll(zoneEvalArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().remove("ZONE_EVAL_JAVA_OPTS");
    String extra = environment.get("ZONE_EVAL_JAVA_OPTS");
    if (extra != null) {
      builder.environment().put("ZONE_EVAL_JAVA_OPTS", extra);
    }
    try {
      Process p = builder.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")");
      }
      return out.lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * bin/zone-eval's class-data archive (target/zone-eval.jsa, recorded once per build), unless
   * ZONE_EVAL_CDS=off: the floor starts with it as zone-eval does, so that neither starts faster by it.
   */
  public List<String> classDataOptions() {
    Path archive = root.resolve("target/zone-eval.jsa");
    if ("off".equals(environment.get("ZONE_EVAL_CDS")) || !Files.isRegularFile(archive)) {
      return List.of();
    }
    return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /** A property of pom.xml that bin/zone-eval reads too (with sed: one line, its value between the tags). */
  private String pomProperty(String name) {
    Pattern property = Pattern.compile("<" + Pattern.quote(name) + ">(.*)</" + Pattern.quote(name) + ">");
    try {
      for (String line : Files.readAllLines(root.resolve("pom.xml"), StandardCharsets.UTF_8)) {
        Matcher m = property.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("pom.xml has no <" + name + "> (bin/zone-eval reads its JVM options there)");
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  /**
   * The floor's classpath: the launcher's (the project's jar and its runtime dependencies, as bin/zone-eval
   * builds them) behind the tools' classes (target/test-classes, where the floor is compiled).
   */
  public String classpath() {
    Path tools = root.resolve("target/test-classes");
    Path jar = root.resolve("target/zone-eval.jar");
    Path dependencies = root.resolve("target/classpath.txt");
    if (!Files.isDirectory(tools) || !Files.isRegularFile(jar) || !Files.isRegularFile(dependencies)) {
      throw new IllegalStateException("the project is not built (" + tools + ", " + jar + ", " + dependencies
          + "): run the benchmark through bin/zone-eval, which builds it");
    }
    try {
      return tools + ":" + jar + ":" + Files.readString(dependencies, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A command line as the benchmark shows it: the launcher's long option list and classpath by the names
   * bin/zone-eval gives them, paths inside the project relative to it.
   */
  public String display(List<String> command) {
    String text = command.stream().map(Launcher::quoted).collect(Collectors.joining(" "));
    text = text.replace(String.join(" ", words(pomProperty(OPENS))), "$opens");
    Path jar = root.resolve("target/zone-eval.jar");
    int cp = text.indexOf(jar + ":");
    if (cp >= 0) {
      int end = text.indexOf(' ', cp);
      text = text.substring(0, cp) + "target/zone-eval.jar:$(cat target/classpath.txt)"
          + (end < 0 ? "" : text.substring(end));
    }
    return text.replace(javaBinary() + " ", "java ").replace(root + "/", "");
  }

  /** An argument as a shell would need it: in double quotes when it holds a blank or a shell character. */
  private static String quoted(String arg) {
    if (!arg.isEmpty() && arg.chars().noneMatch(c -> Character.isWhitespace(c) || "\"'$`*?;&|<>()".indexOf(c) >= 0)) {
      return arg;
    }
    return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`") + '"';
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * {@code java OPTIONS -cp CLASSPATH MAIN ARGS}: another program in a JVM started as the launcher starts a
   * zone-eval ingest of {@code input} ({@code ingest --input INPUT}: the same collector and compiler).
   */
  public List<String> java(String classpath, String mainClass, Path input, List<String> args) {
    List<String> command = new ArrayList<>();
    // The launcher runs the `java` of the PATH; the benchmark, started by it, runs in that same Java.
    command.add(javaBinary());
    command.addAll(jvmOptions(List.of("ingest", "--input", input.toString())));
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
