package io.zoneeval.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an analyst's statement may be in {@code sql}, the shell and notebooks: a query and nothing else.
 * The results decide prizes, so the only writers of a warehouse are zone-eval's own commands ({@code
 * ingest}, {@code evaluate}, {@code publish}, {@code approve}, {@code rebuild}); a statement that writes,
 * deletes or changes a table (DML, DDL, {@code VACUUM}, {@code OPTIMIZE}, {@code RESTORE}, {@code INSERT
 * OVERWRITE DIRECTORY}, {@code CREATE … LOCATION}), reads files by path ({@code text.`/etc/passwd`}, {@code
 * delta.`/warehouse/gold/…`}), calls Java by reflection, or changes a setting other than the few that
 * notebooks use is refused before Spark sees it, with one line naming the statement kind.
 *
 * <p>Judged on the statement's tokens (comments, string literals and quoted names skipped), with Spark's
 * own grammar in mind: the statement kind is its first keyword, or, after a {@code WITH} clause, the keyword
 * after its common table expressions (Spark accepts {@code WITH … INSERT}, {@code WITH … DELETE}); a
 * {@code FROM}-first statement may not insert. Spark's parser is not consulted: its classes are not a public
 * API, and a statement it would parse differently is refused here, never run.
 */
public final class QueryOnly {
  /** A statement that is not a query. */
  public static final class Refused extends IllegalArgumentException {
    Refused(String message) {
      super(message);
    }
  }

  /** Statement kinds that only read. */
  private static final Set<String> READS = Set.of("SELECT", "VALUES", "TABLE", "SHOW", "DESCRIBE", "DESC", "EXPLAIN",
      "USE", "DECLARE");
  /** Kinds that may follow a WITH clause and only read. */
  private static final Set<String> QUERY_AFTER_WITH = Set.of("SELECT", "VALUES", "TABLE", "FROM", "(");
  /**
   * Functions that reach into the JVM or the file system, or name what they read in a string (where the
   * checks below cannot see it).
   */
  private static final Set<String> FORBIDDEN_FUNCTIONS = Set.of("REFLECT", "JAVA_METHOD", "TRY_REFLECT", "READ_FILES",
      "TABLE_CHANGES_BY_PATH", "IDENTIFIER");
  /** Data sources Spark reads by path as {@code source.`path`}. */
  private static final Set<String> FILE_SOURCES = Set.of("TEXT", "CSV", "JSON", "PARQUET", "ORC", "DELTA", "AVRO",
      "XML", "BINARYFILE", "JDBC", "HIVE", "LIBSVM", "IMAGE");
  /** Settings a statement may change: display and session variables, nothing that guards the data. */
  private static final Set<String> SETTABLE = Set.of("spark.sql.session.timezone", "spark.sql.shuffle.partitions",
      "spark.sql.ansi.enabled", "spark.sql.maxplanstringlength");

  private QueryOnly() {}

  /** Refuses a statement that is not a query; returns it otherwise. */
  public static String check(String sql) {
    List<Token> tokens = tokens(sql);
    if (tokens.isEmpty()) {
      return sql;
    }
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      Token next = tokens.get(i + 1);
      String name = t.text().toUpperCase(Locale.ROOT);
      if ((t.word() || t.quotedName()) && next.is("(") && FORBIDDEN_FUNCTIONS.contains(name)) {
        throw new Refused(t.text().toLowerCase(Locale.ROOT) + "(…) is not allowed: " + switch (name) {
          case "READ_FILES", "TABLE_CHANGES_BY_PATH" -> "reading files";
          case "IDENTIFIER" -> "a name given as a string";
          default -> "calling Java by reflection";
        } + " " + RULE);
      }
      // source.`path`: a file read by path (text.`/etc/passwd`, delta.`/…/gold/zone_results`).
      if ((t.word() || t.quotedName()) && next.is(".") && i + 2 < tokens.size() && tokens.get(i + 2).quotedName()
          && (FILE_SOURCES.contains(name) || looksLikePath(tokens.get(i + 2).text()))) {
        throw new Refused("reading files by path (" + t.text() + ".`" + tokens.get(i + 2).text() + "`) is not "
            + "allowed: query the tables by name (gold.zone_results, published.zone_results…) " + RULE);
      }
    }
    String kind = kind(tokens);
    if (kind.equals("SET")) {
      checkSet(tokens);
      return sql;
    }
    if (kind.equals("FROM")) {
      for (Token t : depthZero(tokens)) {
        if (t.upper().equals("INSERT")) {
          throw refused("FROM … INSERT");
        }
      }
      return sql;
    }
    if (!READS.contains(kind) && !kind.equals("(")) {
      throw refused(kind);
    }
    return sql;
  }

  private static final String RULE = "(sql, shell and notebooks only read: SELECT, WITH, VALUES, SHOW, DESCRIBE, "
      + "EXPLAIN, DECLARE and SET VAR; the warehouse changes only through ingest, evaluate, publish, approve and rebuild)";

  private static Refused refused(String kind) {
    String what = switch (kind) {
      case "INSERT", "UPDATE", "DELETE", "MERGE", "FROM … INSERT", "TRUNCATE", "COPY", "LOAD" -> "writes rows";
      case "CREATE", "DROP", "ALTER", "REPLACE", "MSCK", "REPAIR", "COMMENT" -> "changes the catalog";
      case "VACUUM", "OPTIMIZE", "RESTORE", "REORG", "CONVERT", "CLONE" -> "changes a table's files";
      case "CACHE", "UNCACHE", "CLEAR", "REFRESH", "ANALYZE", "ADD", "RESET", "GRANT", "REVOKE" -> "changes the session";
      default -> "is not a query";
    };
    return new Refused("refused: " + kind + " " + what + " " + RULE);
  }

  /**
   * The statement kind: its first keyword; after {@code WITH name [(columns)] AS (…)[, …]}, the keyword that
   * follows the last common table expression.
   */
  private static String kind(List<Token> tokens) {
    String first = tokens.get(0).upper();
    if (!first.equals("WITH")) {
      return first;
    }
    int i = 1;
    if (i < tokens.size() && tokens.get(i).upper().equals("RECURSIVE")) {
      i++;
    }
    while (i < tokens.size()) {
      i++; // the name
      if (i < tokens.size() && tokens.get(i).is("(")) {
        i = afterGroup(tokens, i);
      }
      if (i < tokens.size() && tokens.get(i).upper().equals("AS")) {
        i++;
      }
      if (i < tokens.size() && tokens.get(i).is("(")) {
        i = afterGroup(tokens, i);
      }
      if (i < tokens.size() && tokens.get(i).is(",")) {
        i++;
        continue;
      }
      break;
    }
    if (i >= tokens.size()) {
      return "WITH";
    }
    String main = tokens.get(i).upper();
    if (!QUERY_AFTER_WITH.contains(main)) {
      return main;
    }
    if (main.equals("FROM")) {
      return "FROM";
    }
    return "SELECT";
  }

  /** The index after the parenthesised group opening at {@code open}. */
  private static int afterGroup(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).is("(")) {
        depth++;
      } else if (tokens.get(i).is(")") && --depth == 0) {
        return i + 1;
      }
    }
    return tokens.size();
  }

  private static List<Token> depthZero(List<Token> tokens) {
    List<Token> out = new ArrayList<>();
    int depth = 0;
    for (Token t : tokens) {
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        depth--;
      } else if (depth == 0) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * {@code SET VAR …} (session variables: the notebooks' parameters), {@code SET} and {@code SET key} (show),
   * {@code SET TIME ZONE …} and {@code SET key = value} for a display setting. Anything else (the settings
   * that guard the data, such as Delta's retention check) is refused.
   */
  private static void checkSet(List<Token> tokens) {
    if (tokens.size() == 1) {
      return;
    }
    String second = tokens.get(1).upper();
    if (second.equals("VAR") || second.equals("VARIABLE") || second.equals("-") || second.equals("TIME")) {
      return;
    }
    StringBuilder key = new StringBuilder();
    int i = 1;
    for (; i < tokens.size() && !tokens.get(i).is("=") && !tokens.get(i).is(";"); i++) {
      key.append(tokens.get(i).text());
    }
    if (i >= tokens.size() || tokens.get(i).is(";")) {
      return; // SET key: shows the value
    }
    if (!SETTABLE.contains(key.toString().toLowerCase(Locale.ROOT))) {
      throw new Refused("refused: SET " + key + " changes a setting that only zone-eval's own commands may change "
          + "(settable here: SET VAR, SET TIME ZONE, " + String.join(", ", SETTABLE.stream().sorted().toList())
          + ")");
    }
  }

  private static boolean looksLikePath(String name) {
    return name.contains("/") || name.contains("\\") || name.contains(":");
  }

  /** A token: a word (keyword or identifier), a quoted name ({@code `…`}) or one punctuation character. */
  record Token(String text, char type) {
    boolean word() {
      return type == 'w';
    }

    boolean quotedName() {
      return type == 'q';
    }

    boolean is(String punctuation) {
      return type == 'p' && text.equals(punctuation);
    }

    String upper() {
      return type == 'w' ? text.toUpperCase(Locale.ROOT) : text;
    }
  }

  /** The statement's tokens; comments and string literals are left out (a literal can hold any word). */
  static List<Token> tokens(String sql) {
    List<Token> out = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int depth = 0;
        while (i < n) {
          if (sql.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (sql.startsWith("*/", i)) {
            depth--;
            i += 2;
            if (depth == 0) {
              break;
            }
          } else {
            i++;
          }
        }
      } else if (c == '\'' || c == '"') {
        i++;
        while (i < n && sql.charAt(i) != c) {
          i += sql.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else if (c == '`') {
        StringBuilder name = new StringBuilder();
        i++;
        while (i < n) {
          if (sql.charAt(i) == '`') {
            if (i + 1 < n && sql.charAt(i + 1) == '`') {
              name.append('`');
              i += 2;
              continue;
            }
            break;
          }
          name.append(sql.charAt(i++));
        }
        i++;
        out.add(new Token(name.toString(), 'q'));
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        if (i - start == 1 && (c == 'r' || c == 'R') && i < n && (sql.charAt(i) == '\'' || sql.charAt(i) == '"')) {
          // A raw string literal (r'…'): no escapes, it ends at the next quote of its kind.
          int close = sql.indexOf(sql.charAt(i), i + 1);
          i = close < 0 ? n : close + 1;
          continue;
        }
        out.add(new Token(sql.substring(start, i), 'w'));
      } else {
        out.add(new Token(String.valueOf(c), 'p'));
        i++;
      }
    }
    return out;
  }
}
