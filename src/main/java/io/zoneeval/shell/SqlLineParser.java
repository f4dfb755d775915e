package io.zoneeval.shell;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine's view of what is typed at the prompt. Enter finishes the input only when it is a backslash command
 * or every statement in it has its semicolon ({@link StatementSplitter}); otherwise JLine adds a line under a
 * continuation prompt. For completion, words are runs of identifier characters and dots ({@code
 * gold.zone_results}, {@code r.total_score}), so a name right after {@code (} or {@code ,} completes too.
 */
public final class SqlLineParser implements Parser {

  /**
   * The commands other shells taught analysts, alone on their line: psql's and the SQL shells' {@code help},
   * {@code quit} and {@code exit} (a semicolon allowed), and DuckDB's dot commands ({@code .tables}).
   */
  private static final java.util.regex.Pattern OTHER_SHELLS =
      java.util.regex.Pattern.compile("(?i)(help|quit|exit)\\s*;*|\\.[a-z]+([ \t][^\n]*)?");

  /**
   * Whether a text is a shell command, not SQL: a backslash command, or one of {@link #OTHER_SHELLS}. These
   * end at the end of their line, without a semicolon.
   */
  public static boolean isCommand(String text) {
    String command = text.strip();
    return command.startsWith("\\") || OTHER_SHELLS.matcher(command).matches();
  }

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && !isCommand(line) && !StatementSplitter.split(line).complete()) {
      throw new EOFError(-1, cursor, "statement not ended with ;", ";");
    }
    return words(line, cursor);
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
  }

  static Words words(String line, int cursor) {
    List<String> words = new ArrayList<>();
    int wordIndex = -1;
    int wordCursor = 0;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (!isWordChar(c) && c != '\\') {
        i++;
        continue;
      }
      int start = i;
      i++; // a backslash starts a word (a command's name), it does not continue one
      while (i < line.length() && isWordChar(line.charAt(i))) {
        i++;
      }
      if (wordIndex < 0 && cursor >= start && cursor <= i) {
        wordIndex = words.size();
        wordCursor = cursor - start;
      } else if (wordIndex < 0 && cursor < start) {
        // The cursor is between words: completion starts an empty one there.
        wordIndex = words.size();
        words.add("");
      }
      words.add(line.substring(start, i));
    }
    if (wordIndex < 0) {
      wordIndex = words.size();
      words.add("");
    }
    return new Words(line, cursor, List.copyOf(words), wordIndex, wordCursor);
  }

  /** A line cut into words, with the word the cursor is in (an empty one when it is between words). */
  record Words(String line, int cursor, List<String> words, int wordIndex, int wordCursor)
      implements CompletingParsedLine {
    @Override
    public String word() {
      return words.get(wordIndex);
    }

    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      return candidate;
    }

    @Override
    public int rawWordCursor() {
      return wordCursor;
    }

    @Override
    public int rawWordLength() {
      return word().length();
    }
  }
}
