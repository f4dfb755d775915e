package io.zoneeval.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements at the semicolons that end them.
 *
 * <p>A semicolon ends a statement only outside string literals ({@code '...'}, {@code "..."}, with
 * Spark's backslash escapes), quoted identifiers ({@code `...`}) and comments ({@code -- to the end of
 * the line}, {@code /* ... *}{@code /}, which Spark lets nest). The same scan tells the interactive prompt
 * whether what has been typed so far is finished, and a script where each of its statements begins.
 */
public final class StatementSplitter {
  private StatementSplitter() {}

  /**
   * A statement without its semicolon, and without the blanks and comments around it; {@code offset}: where
   * its first character is in the text.
   */
  public record Statement(String text, int offset) {}

  /**
   * The complete statements of a text, and what follows the last semicolon ({@code rest}, untrimmed):
   * an unfinished statement, or only blanks and comments ({@link #isBlank}). Statements that hold only
   * blanks and comments (an empty {@code ;;}) are left out.
   */
  public record Split(List<Statement> statements, String rest) {
    /** Whether nothing but blanks and comments follows the last statement. */
    public boolean complete() {
      return isBlank(rest);
    }
  }

  public static Split split(String text) {
    List<Statement> statements = new ArrayList<>();
    Scanner scanner = new Scanner(text);
    int start = 0;
    int firstCode = -1;
    int endOfCode = -1;
    while (scanner.hasNext()) {
      int at = scanner.position();
      boolean code = scanner.next();
      if (!code) {
        continue;
      }
      if (text.charAt(at) == ';' && scanner.outsideQuotes()) {
        if (firstCode >= 0) {
          // From its first to its last character of code: comments before and after are not part of it.
          statements.add(new Statement(text.substring(firstCode, endOfCode), firstCode));
        }
        start = at + 1;
        firstCode = -1;
      } else {
        if (firstCode < 0) {
          firstCode = at;
        }
        endOfCode = scanner.position();
      }
    }
    // An open quote or comment makes the rest unfinished even when it holds no code yet.
    String rest = text.substring(start);
    return new Split(List.copyOf(statements), rest);
  }

  /** Whether a text holds nothing but whitespace and complete comments. */
  public static boolean isBlank(String text) {
    Scanner scanner = new Scanner(text);
    while (scanner.hasNext()) {
      if (scanner.next()) {
        return false;
      }
    }
    return !scanner.insideComment();
  }

  /** Walks a text one character at a time, knowing whether each is code, quoted text or comment. */
  private static final class Scanner {
    private final String text;
    private int pos;
    /** The open quote character, or 0 outside quotes. */
    private char quote;
    private boolean lineComment;
    private int blockDepth;

    Scanner(String text) {
      this.text = text;
    }

    boolean hasNext() {
      return pos < text.length();
    }

    int position() {
      return pos;
    }

    boolean outsideQuotes() {
      return quote == 0;
    }

    boolean insideComment() {
      return blockDepth > 0;
    }

    /** Consumes one character (two for an escape or a comment delimiter); true when it is code or quoted text. */
    boolean next() {
      char c = text.charAt(pos);
      char following = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
      if (lineComment) {
        lineComment = c != '\n';
        pos++;
        return false;
      }
      if (blockDepth > 0) {
        if (c == '*' && following == '/') {
          blockDepth--;
          pos += 2;
        } else if (c == '/' && following == '*') {
          blockDepth++;
          pos += 2;
        } else {
          pos++;
        }
        return false;
      }
      if (quote != 0) {
        if (c == '\\' && quote != '`' && following != 0) {
          pos += 2;
        } else {
          if (c == quote) {
            quote = 0;
          }
          pos++;
        }
        return true;
      }
      if (c == '-' && following == '-') {
        lineComment = true;
        pos += 2;
        return false;
      }
      if (c == '/' && following == '*') {
        blockDepth = 1;
        pos += 2;
        return false;
      }
      pos++;
      if (c == '\'' || c == '"' || c == '`') {
        quote = c;
        return true;
      }
      return !Character.isWhitespace(c);
    }
  }
}
