package io.zoneeval.ingest;

import static io.zoneeval.ingest.FieldRule.Kind.AMOUNT;
import static io.zoneeval.ingest.FieldRule.Kind.AREA;
import static io.zoneeval.ingest.FieldRule.Kind.BOOLEAN;
import static io.zoneeval.ingest.FieldRule.Kind.DATE;
import static io.zoneeval.ingest.FieldRule.Kind.OPTIONAL_DATE;
import static io.zoneeval.ingest.FieldRule.Kind.OPTIONAL_NON_NEGATIVE_AMOUNT;
import static io.zoneeval.ingest.FieldRule.Kind.OPTIONAL_TEXT;
import static io.zoneeval.ingest.FieldRule.Kind.SPECIALTIES;
import static io.zoneeval.ingest.FieldRule.Kind.TEXT;
import static io.zoneeval.ingest.FieldRule.Kind.USCC;
import static io.zoneeval.ingest.FieldRule.Kind.ZONE_TYPE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.zoneeval.ingest.Bronze;
import io.zoneeval.catalog.RawFile;
import io.zoneeval.rules.Rules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Bronze to silver: types every raw record, and quarantines the ones that cannot be trusted, with a
 * reason. Three passes, each on what the last one let through:
 * <ol>
 *   <li>row checks: the line split into fields, every value parses (dates, numbers, USCC, known
 *       kinds and statuses, non-negative areas);</li>
 *   <li>duplicates: of the rows sharing an id, the first in file order stands;</li>
 *   <li>references: a roster, project, factory, land or incident row must name a zone that zones.csv
 *       has for that year; an invoice, tax entry, recognition or talent must be of an enterprise in the
 *       roster of its year.</li>
 * </ol>
 * Pure functions of the bronze frames: no I/O here.
 */
public final class Validation {
  public static final String YEAR = "year";
  public static final String REASON_CODE = "reason_code";
  public static final String REASON = "reason";

  private final Rules rules;

  public Validation(Rules rules) {
    this.rules = rules;
  }

  /**
   * The outcome: every row of every file, typed, with the reason it is refused (null when accepted).
   * Accepted rows and rejects are two views of the same checked rows, so they always add up.
   */
  public record Result(Map<RawFile, Dataset<Row>> checked, Map<RawFile, Dataset<Row>> bronze,
      Map<RawFile, Dataset<Row>> acceptedElsewhere) {
    public Result(Map<RawFile, Dataset<Row>> checked, Map<RawFile, Dataset<Row>> bronze) {
      this(checked, bronze, Map.of());
    }

    /** The accepted rows of a file, typed, with their source file and line. */
    public Dataset<Row> accepted(RawFile file) {
      Dataset<Row> elsewhere = acceptedElsewhere.get(file);
      if (elsewhere != null) {
        return elsewhere;
      }
      return checked.get(file).filter(col(REASON).isNull()).drop(REASON_CODE, REASON);
    }

    /**
     * The same result, with a file's accepted rows read from {@code rows} (its silver table, once
     * written) rather than computed again from the checked rows: a job that does not keep a large
     * file's checked rows reads back what it wrote. The rejects still come from the checked rows.
     */
    public Result withAccepted(RawFile file, Dataset<Row> rows) {
      Map<RawFile, Dataset<Row>> elsewhere = new EnumMap<>(RawFile.class);
      elsewhere.putAll(acceptedElsewhere);
      elsewhere.put(file, rows);
      return new Result(checked, bronze, elsewhere);
    }

    /**
     * The refused rows of a file, in the shape of {@code silver.rejects}. Their raw text is taken from
     * bronze by line: the checks never read it (it is most of a row's bytes, and nearly every row is
     * accepted).
     */
    public Dataset<Row> rejects(RawFile file) {
      Dataset<Row> refused = checked.get(file).filter(col(REASON).isNotNull());
      Dataset<Row> text = bronze.get(file).select(col(Bronze.LINE).as("_text_line"), col(Bronze.RECORD));
      return refused.join(text, refused.col(Bronze.LINE).equalTo(text.col("_text_line")), "left").select(
          col(YEAR).cast("int").as("year"),
          lit(file.tableName()).as("source"),
          col(Bronze.SOURCE_FILE).as("source_file"),
          col(Bronze.LINE).as("line"),
          col(Bronze.RECORD).as("raw_text"),
          col(REASON_CODE).as("reason_code"),
          col(REASON).as("reason"));
    }

    /** The refused rows of every file. */
    public Dataset<Row> rejects() {
      return rejects(List.of(RawFile.values()));
    }

    /**
     * The refused rows of these files, in the shape of {@code silver.rejects}; no files, no rows (but the
     * columns).
     */
    public Dataset<Row> rejects(List<RawFile> files) {
      return files.stream().map(this::rejects).reduce(Dataset::unionByName)
          .orElseGet(() -> rejects(RawFile.ZONES).limit(0));
    }

    /** The same result with every file's checked rows replaced, e.g. by a persisted copy. */
    public Result map(java.util.function.UnaryOperator<Dataset<Row>> f) {
      Map<RawFile, Dataset<Row>> mapped = new EnumMap<>(RawFile.class);
      checked.forEach((k, v) -> mapped.put(k, f.apply(v)));
      return new Result(mapped, bronze, acceptedElsewhere);
    }
  }

  /** The typed columns of each file, in contract order, and how each is parsed. */
  public List<FieldRule> fields(RawFile file) {
    List<String> recognitionKinds = new ArrayList<>(rules.indicators().cultivation().points().keySet());
    recognitionKinds.remove("new_above_scale");
    List<String> programs = List.copyOf(rules.indicators().talent().points().keySet());
    return switch (file) {
      case ZONES -> List.of(FieldRule.of("year", FieldRule.Kind.YEAR), FieldRule.of("zone_id", TEXT),
          FieldRule.of("zone_name", TEXT), FieldRule.of("county", TEXT), FieldRule.of("zone_type", ZONE_TYPE),
          FieldRule.of("specialty_industries", SPECIALTIES));
      case COUNTY_POLICIES -> List.of(FieldRule.of("year", FieldRule.Kind.YEAR), FieldRule.of("county", TEXT),
          FieldRule.of("has_policy", BOOLEAN));
      case ENTERPRISES -> List.of(FieldRule.of("year", FieldRule.Kind.YEAR), FieldRule.of("uscc", USCC),
          FieldRule.of("name", OPTIONAL_TEXT), FieldRule.of("zone_id", TEXT),
          FieldRule.of("industry_code", TEXT), FieldRule.of("above_scale", BOOLEAN));
      case INVOICES -> List.of(FieldRule.of("invoice_id", TEXT), FieldRule.of("seller_uscc", USCC),
          FieldRule.of("issue_date", DATE), FieldRule.money("amount", AMOUNT, rules.data().maxRecordAmountYuan()),
          FieldRule.money("tax_amount", FieldRule.Kind.OPTIONAL_AMOUNT, rules.data().maxRecordAmountYuan()),
          FieldRule.oneOf("status", List.of("normal", "red", "void")));
      case TAX_PAYMENTS -> List.of(FieldRule.of("payment_id", TEXT), FieldRule.of("uscc", USCC),
          FieldRule.of("tax_type", OPTIONAL_TEXT), FieldRule.of("entry_date", DATE),
          FieldRule.money("amount", AMOUNT, rules.data().maxRecordAmountYuan()));
      case LAND_PARCELS -> List.of(FieldRule.of("parcel_id", TEXT), FieldRule.of("holder_uscc", USCC),
          FieldRule.of("area_m2", AREA), FieldRule.of("acquired_date", DATE),
          FieldRule.of("released_date", OPTIONAL_DATE));
      case RECOGNITIONS -> List.of(FieldRule.of("uscc", USCC), FieldRule.oneOf("kind", recognitionKinds),
          FieldRule.of("recognized_date", DATE));
      case TALENTS -> List.of(FieldRule.of("talent_id", TEXT), FieldRule.of("employer_uscc", USCC),
          FieldRule.oneOf("program", programs), FieldRule.of("awarded_date", DATE));
      case PROJECTS -> List.of(FieldRule.of("project_id", TEXT), FieldRule.of("zone_id", TEXT),
          FieldRule.oneOf("kind", List.of("tech_upgrade", "major")),
          FieldRule.money("equipment_investment", OPTIONAL_NON_NEGATIVE_AMOUNT, rules.data().maxRecordAmountYuan()),
          FieldRule.of("construction_start_date", OPTIONAL_DATE),
          FieldRule.of("production_start_date", OPTIONAL_DATE));
      case STANDARD_FACTORIES -> List.of(FieldRule.of("factory_id", TEXT), FieldRule.of("zone_id", TEXT),
          FieldRule.of("floor_area_m2", AREA), FieldRule.of("accepted_date", DATE));
      case LAND_REVITALIZATIONS -> List.of(FieldRule.of("record_id", TEXT), FieldRule.of("zone_id", TEXT),
          FieldRule.of("area_mu", AREA), FieldRule.of("completed_date", DATE));
      case INCIDENTS -> List.of(FieldRule.of("incident_id", TEXT), FieldRule.of("zone_id", TEXT),
          FieldRule.oneOf("kind", List.of("safety", "environment")),
          FieldRule.oneOf("severity", List.of("general", "larger", "major", "especially_major")),
          FieldRule.of("occurred_date", DATE));
    };
  }

  /** The year a record belongs to, from its typed values; null for a holding that spans years. */
  static Integer yearOf(RawFile file, java.util.function.Function<String, Object> value) {
    Object date = switch (file) {
      case ZONES, COUNTY_POLICIES, ENTERPRISES -> null;
      case INVOICES -> value.apply("issue_date");
      case TAX_PAYMENTS -> value.apply("entry_date");
      case RECOGNITIONS -> value.apply("recognized_date");
      case TALENTS -> value.apply("awarded_date");
      case STANDARD_FACTORIES -> value.apply("accepted_date");
      case LAND_REVITALIZATIONS -> value.apply("completed_date");
      case INCIDENTS -> value.apply("occurred_date");
      // A project scores in the year of the date its kind looks at; no such date, no year.
      case PROJECTS -> "tech_upgrade".equals(value.apply("kind")) ? value.apply("production_start_date")
          : "major".equals(value.apply("kind")) ? value.apply("construction_start_date") : null;
      case LAND_PARCELS -> null;
    };
    if (file == RawFile.ZONES || file == RawFile.COUNTY_POLICIES || file == RawFile.ENTERPRISES) {
      return (Integer) value.apply("year");
    }
    return date == null ? null : ((java.sql.Date) date).toLocalDate().getYear();
  }

  /** The columns whose repetition makes a duplicate; the first row in file order stands. */
  public List<String> key(RawFile file) {
    return switch (file) {
      case ZONES -> List.of("year", "zone_id");
      case COUNTY_POLICIES -> List.of("year", "county");
      case ENTERPRISES -> List.of("year", "uscc");
      case INVOICES -> List.of("invoice_id");
      case TAX_PAYMENTS -> List.of("payment_id");
      case LAND_PARCELS -> rules.data().landParcelKey();
      case RECOGNITIONS -> List.of();
      case TALENTS -> List.of("talent_id");
      case PROJECTS -> List.of("project_id");
      case STANDARD_FACTORIES -> List.of("factory_id");
      case LAND_REVITALIZATIONS -> List.of("record_id");
      case INCIDENTS -> List.of("incident_id");
    };
  }

  /** Validates every file; {@code bronze} holds the bronze rows of this run's delivery of each file. */
  public Result validate(Map<RawFile, Dataset<Row>> bronze) {
    return validate(bronze, (file, rows) -> rows, java.util.Set.of(), Map.of());
  }

  /**
   * As {@link #validate(Map)}. {@code keep} is given each file's checked rows (every check but the
   * duplicate one done) and returns what the rest reads instead: a job persists the rows of the files it
   * keeps, so that judging duplicates and the outputs do not check the file again. A file's rows that may
   * repeat an id are read twice (for the first good line of each id): for a file in {@code unrepeated}
   * none ({@link #repeatedIds} found no id repeated); for a file in {@code recheck}, only the bronze rows
   * given there ({@link #candidates}), checked a second time, so that a file not kept is checked once;
   * for any other file, all of its (kept) rows.
   */
  public Result validate(Map<RawFile, Dataset<Row>> bronze,
      java.util.function.BiFunction<RawFile, Dataset<Row>, Dataset<Row>> keep, java.util.Set<RawFile> unrepeated,
      Map<RawFile, Dataset<Row>> recheck) {
    // Duplicates are judged last, among rows that pass every other check: a row refused for another
    // reason never takes an id away from a later good row.
    java.util.function.BiFunction<RawFile, java.util.function.UnaryOperator<Dataset<Row>>, Dataset<Row>> judged =
        (file, referenceChecks) -> {
          Dataset<Row> rows = keep.apply(file, referenceChecks.apply(rowChecked(file, bronze.get(file))));
          Dataset<Row> candidates = unrepeated.contains(file) ? null
              : recheck.containsKey(file) ? referenceChecks.apply(rowChecked(file, recheck.get(file)))
              : rows;
          return deduplicated(file, rows, candidates);
        };
    // Reference checks, in dependency order: zones, then the roster, then the records of enterprises.
    Map<RawFile, Dataset<Row>> checked = new EnumMap<>(RawFile.class);
    Dataset<Row> zones = judged.apply(RawFile.ZONES, rows -> rows);
    checked.put(RawFile.ZONES, zones);
    Dataset<Row> goodZones = zones.filter(col(REASON).isNull()).select("year", "zone_id");
    Dataset<Row> anyYearZones = goodZones.select("zone_id").distinct();
    Dataset<Row> roster = judged.apply(RawFile.ENTERPRISES, rows -> zoneChecked(rows, goodZones, "roster"));
    checked.put(RawFile.ENTERPRISES, roster);
    Dataset<Row> members = roster.filter(col(REASON).isNull()).select(col("year"), col("uscc").as("_member"));
    checked.put(RawFile.COUNTY_POLICIES, judged.apply(RawFile.COUNTY_POLICIES, rows -> rows));
    checked.put(RawFile.INVOICES,
        judged.apply(RawFile.INVOICES, rows -> rosterChecked(rows, members, "seller_uscc", "invoice")));
    checked.put(RawFile.TAX_PAYMENTS,
        judged.apply(RawFile.TAX_PAYMENTS, rows -> rosterChecked(rows, members, "uscc", "tax entry")));
    checked.put(RawFile.LAND_PARCELS, judged.apply(RawFile.LAND_PARCELS, Validation::landChecked));
    checked.put(RawFile.RECOGNITIONS,
        judged.apply(RawFile.RECOGNITIONS, rows -> rosterChecked(rows, members, "uscc", "recognition")));
    checked.put(RawFile.TALENTS,
        judged.apply(RawFile.TALENTS, rows -> rosterChecked(rows, members, "employer_uscc", "talent")));
    checked.put(RawFile.PROJECTS,
        judged.apply(RawFile.PROJECTS, rows -> projectChecked(rows, goodZones, anyYearZones)));
    checked.put(RawFile.STANDARD_FACTORIES,
        judged.apply(RawFile.STANDARD_FACTORIES, rows -> zoneChecked(rows, goodZones, "standard factory")));
    checked.put(RawFile.LAND_REVITALIZATIONS,
        judged.apply(RawFile.LAND_REVITALIZATIONS, rows -> zoneChecked(rows, goodZones, "land revitalization")));
    checked.put(RawFile.INCIDENTS,
        judged.apply(RawFile.INCIDENTS, rows -> zoneChecked(rows, goodZones, "incident")));
    return new Result(checked, bronze);
  }

  /**
   * The bronze rows whose id occurs more than once in the file; {@code repeatedIds} is what
   * {@link #repeatedIds} gave for these rows (null, for a key that is not one column of text: all of
   * them). Only these need a second check to find each repeated id's first good line: the other rows of
   * a large file are checked once.
   */
  public Dataset<Row> candidates(RawFile file, Dataset<Row> bronzeRows, Dataset<Row> repeatedIds) {
    if (repeatedIds == null) {
      return bronzeRows;
    }
    // Repeated ids are few (a re-sent batch at most): sent to every task, the rows are not shuffled.
    return bronzeRows.join(org.apache.spark.sql.functions.broadcast(repeatedIds),
        ID_HASH.apply(bronzeRows.col(key(file).get(0))).equalTo(repeatedIds.col(REPEATED_ID)), "left_semi");
  }

  /** The column of {@link #repeatedIds}' hashes; {@link #OCCURRENCES} says how many rows have each. */
  public static final String REPEATED_ID = "_repeated_id_hash";
  public static final String OCCURRENCES = "occurrences";

  /**
   * Names the hash of {@link #ID_HASH}, for whoever stores hashes: a stored hash is read only by code that
   * hashes the same way (change the name with the function).
   */
  public static final String ID_HASH_FUNCTION = "xxhash64(seed 42) of the UTF-8 id stripped by String.strip";

  /**
   * A 64-bit hash (Spark's XXH64 of the UTF-8 bytes) of an id as the row check reads it: stripped of
   * white space in Java (Spark's trim strips fewer characters, and its trim with a set of characters
   * decodes every string into an array of character positions); null for an id that is empty once
   * stripped. Equal ids hash equal; the rare different ids that hash equal are only looked at twice,
   * never judged duplicates (the judgement compares the ids). One function, so that each row's id is
   * stripped and hashed once.
   */
  private static final org.apache.spark.sql.expressions.UserDefinedFunction ID_HASH = org.apache.spark.sql.functions
      .udf((org.apache.spark.sql.api.java.UDF1<String, Long>) raw -> {
        String id = raw == null ? "" : raw.strip();
        if (id.isEmpty()) {
          return null;
        }
        byte[] bytes = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return org.apache.spark.sql.catalyst.expressions.XXH64.hashUnsafeBytes(bytes,
            org.apache.spark.unsafe.Platform.BYTE_ARRAY_OFFSET, bytes.length, 42L);
      }, DataTypes.LongType);

  /**
   * The hashes of the ids of text that occur more than once in a file's bronze rows, as the row check
   * reads them, with how many rows have each; null when the file's key is not one column of text (every
   * row is then a candidate). Needs the id column of bronze only, and shuffles longs, not the ids.
   */
  public Dataset<Row> repeatedIds(RawFile file, Dataset<Row> bronzeRows) {
    List<String> key = key(file);
    Map<String, FieldRule.Kind> kinds = new java.util.HashMap<>();
    fields(file).forEach(f -> kinds.put(f.column(), f.kind()));
    if (key.size() != 1 || kinds.get(key.get(0)) != TEXT) {
      return null;
    }
    return bronzeRows.select(ID_HASH.apply(col(key.get(0))).as(REPEATED_ID))
        .filter(col(REPEATED_ID).isNotNull())
        .groupBy(col(REPEATED_ID)).agg(org.apache.spark.sql.functions.count("*").as(OCCURRENCES))
        .filter(col(OCCURRENCES).gt(1));
  }

  /**
   * The schema of a file's checked rows: typed columns, year, source and line, and the reason. Not the
   * raw text: the checks do not need it, and a refused row's is found in bronze by its line.
   */
  public StructType checkedSchema(RawFile file) {
    StructType schema = new StructType();
    for (FieldRule field : fields(file)) {
      schema = schema.add(field.column(), field.sparkType(), true);
    }
    if (!file.columns().contains(YEAR)) {
      schema = schema.add(YEAR, DataTypes.IntegerType, true);
    }
    return schema
        .add(Bronze.SOURCE_FILE, DataTypes.StringType, false)
        .add(Bronze.LINE, DataTypes.LongType, false)
        .add(REASON_CODE, DataTypes.StringType, true)
        .add(REASON, DataTypes.StringType, true);
  }

  /** Types a file's bronze rows and names the first problem of each (null when there is none). */
  Dataset<Row> rowChecked(RawFile file, Dataset<Row> bronze) {
    List<FieldRule> fields = fields(file);
    StructType schema = checkedSchema(file);
    boolean addYear = !file.columns().contains(YEAR);
    Dataset<Row> source = bronze.select(bronzeColumns(fields));
    int n = fields.size();
    Map<String, Integer> position = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      position.put(fields.get(i).column(), i);
    }
    int width = schema.size();
    org.apache.spark.api.java.JavaRDD<Row> rows = source.javaRDD()
        .mapPartitions(partition -> checkRows(partition, file, fields, width, addYear, position));
    return bronze.sparkSession().createDataFrame(rows, schema);
  }

  /** Types the bronze rows of one partition (see {@link #rowChecked}); static, so that no Validation is shipped. */
  private static java.util.Iterator<Row> checkRows(java.util.Iterator<Row> partition, RawFile file,
      List<FieldRule> fields, int width, boolean addYear, Map<String, Integer> position) {
    int n = fields.size();
    // Codes, dates and kinds repeat across millions of rows (10,000 enterprises, 365 days a year):
    // each distinct text is parsed once per task.
    FieldRule.Memo[] memos = new FieldRule.Memo[n];
    for (int i = 0; i < n; i++) {
      memos[i] = fields.get(i).memo();
    }
    return new java.util.Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return partition.hasNext();
      }

      @Override
      public Row next() {
        Row raw = partition.next();
        Object[] out = new Object[width];
        String code = null;
        String message = null;
        String malformed = raw.getString(n + 2);
        if (malformed != null) {
          code = malformed.startsWith(io.zoneeval.ingest.CsvRecords.BAD_ENCODING) ? "bad_encoding" : "malformed_line";
          message = malformed;
        } else {
          for (int i = 0; i < n; i++) {
            try {
              out[i] = memos[i].parse(raw.getString(i));
            } catch (FieldRule.Refused refused) {
              if (code == null) {
                code = refused.problem.code();
                message = refused.problem.message();
              }
            }
          }
        }
        int k = n;
        if (addYear) {
          out[k++] = yearOf(file, column -> out[position.get(column)]);
        }
        out[k++] = raw.getString(n);
        out[k++] = raw.getLong(n + 1);
        out[k++] = code;
        out[k] = message;
        return RowFactory.create(out);
      }
    };
  }

  private static Column[] bronzeColumns(List<FieldRule> fields) {
    List<Column> cols = new ArrayList<>();
    fields.forEach(f -> cols.add(col(f.column())));
    cols.add(col(Bronze.SOURCE_FILE));
    cols.add(col(Bronze.LINE));
    cols.add(col(Bronze.MALFORMED));
    return cols.toArray(Column[]::new);
  }

  /**
   * Marks the later rows of a repeated key as duplicates, among the rows that passed every other check;
   * {@code candidates} are the checked rows of {@link #candidates}, the only ones whose key can repeat
   * (null: none can).
   */
  Dataset<Row> deduplicated(RawFile file, Dataset<Row> typed, Dataset<Row> candidates) {
    List<String> key = key(file);
    if (key.isEmpty() || candidates == null) {
      return typed;
    }
    Column[] keyColumns = key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    // The repeated keys among the candidates that passed the other checks (rows already refused never
    // take a key from a good row), each with its first line. The repeated keys are few: they are
    // broadcast to the rows, which stay where they are (a window over the whole file would shuffle and
    // sort every row). The aggregate holds only longs, so Spark hashes it (a min over a struct or a
    // string would sort every key). Lines order the rows of ONE file: a file's bronze rows come from one
    // delivery, read from one path (Bronze.read).
    List<Column> firstColumns = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      firstColumns.add(col(key.get(i)).as("_dk" + i));
    }
    Dataset<Row> repeated = candidates.filter(col(REASON).isNull())
        .groupBy(firstColumns.toArray(Column[]::new))
        .agg(org.apache.spark.sql.functions.count(lit(1)).as("_n"),
            org.apache.spark.sql.functions.min(col(Bronze.LINE)).as("_firstLine"))
        .filter(col("_n").gt(1))
        .drop("_n");
    Column sameKey = lit(true);
    for (int i = 0; i < key.size(); i++) {
      sameKey = sameKey.and(typed.col(key.get(i)).eqNullSafe(repeated.col("_dk" + i)));
    }
    Dataset<Row> joined = typed.join(org.apache.spark.sql.functions.broadcast(repeated), sameKey, "left");
    Column duplicate = col(REASON).isNull().and(col("_firstLine").isNotNull())
        .and(col(Bronze.LINE).notEqual(col("_firstLine")));
    String keyText = String.join(", ", key);
    Column dupMessage = concat(lit("duplicate " + keyText + ": "),
        org.apache.spark.sql.functions.concat_ws(", ", keyColumns.clone()),
        lit(" already appears earlier in the file"));
    List<String> drop = new ArrayList<>(List.of("_firstLine"));
    for (int i = 0; i < key.size(); i++) {
      drop.add("_dk" + i);
    }
    return joined
        .withColumn("_dup", duplicate)
        .withColumn(REASON_CODE, when(col("_dup"), lit("duplicate_id")).otherwise(col(REASON_CODE)))
        .withColumn(REASON, when(col("_dup"), dupMessage).otherwise(col(REASON)))
        .drop(drop.toArray(String[]::new))
        .drop("_dup");
  }

  /** A row naming a zone must name one that zones.csv has for the row's year. */
  static Dataset<Row> zoneChecked(Dataset<Row> rows, Dataset<Row> zones, String what) {
    Dataset<Row> known = zones.select(col("year").as("_zy"), col("zone_id").as("_zid"), lit(true).as("_known"));
    // The zones of a year are a few dozen rows: sent to every task, the rows are not shuffled.
    Dataset<Row> joined = rows.join(org.apache.spark.sql.functions.broadcast(known),
        rows.col("year").equalTo(known.col("_zy")).and(rows.col("zone_id").equalTo(known.col("_zid"))), "left");
    Column unknown = col(REASON).isNull().and(col("_known").isNull());
    return refuse(joined, unknown, "unknown_zone",
        concat(lit(what + " names zone '"), col("zone_id"), lit("' that zones.csv lacks for "), col("year").cast("string")))
        .drop("_zy", "_zid", "_known");
  }

  /** A record of an enterprise must be of one in the roster of its year. */
  static Dataset<Row> rosterChecked(Dataset<Row> rows, Dataset<Row> members, String usccColumn, String what) {
    Dataset<Row> known = members.select(col("year").as("_my"), col("_member"), lit(true).as("_known"));
    // The roster (enterprises × years, thousands to a few million rows) is broadcast: the records of
    // enterprises (invoices: tens of millions) are checked where they are, not shuffled.
    Dataset<Row> joined = rows.join(org.apache.spark.sql.functions.broadcast(known),
        rows.col("year").equalTo(known.col("_my")).and(rows.col(usccColumn).equalTo(known.col("_member"))), "left");
    Column unknown = col(REASON).isNull().and(col("_known").isNull());
    return refuse(joined, unknown, "not_in_roster",
        concat(lit(what + " of enterprise "), col(usccColumn), lit(" which is in no roster of "), col("year").cast("string")))
        .drop("_my", "_member", "_known");
  }

  /** A project with a scoring date must name a zone of that year; one without, a zone of any year. */
  static Dataset<Row> projectChecked(Dataset<Row> rows, Dataset<Row> zones, Dataset<Row> anyYearZones) {
    Dataset<Row> withYear = zoneChecked(rows.filter(col("year").isNotNull().or(col(REASON).isNotNull())), zones, "project");
    Dataset<Row> undated = rows.filter(col("year").isNull().and(col(REASON).isNull()));
    Dataset<Row> known = anyYearZones.select(col("zone_id").as("_zid"), lit(true).as("_known"));
    Dataset<Row> joined = undated.join(known, undated.col("zone_id").equalTo(known.col("_zid")), "left");
    Dataset<Row> undatedChecked = refuse(joined, col("_known").isNull(), "unknown_zone",
        concat(lit("project names zone '"), col("zone_id"), lit("' that zones.csv lacks for every year")))
        .drop("_zid", "_known");
    return withYear.unionByName(undatedChecked);
  }

  /** A holding cannot end before it starts. */
  static Dataset<Row> landChecked(Dataset<Row> rows) {
    Column backwards = col(REASON).isNull().and(col("released_date").lt(col("acquired_date")));
    return refuse(rows, backwards, "bad_date", concat(lit("released_date "),
        col("released_date").cast("string"), lit(" is before acquired_date "), col("acquired_date").cast("string")));
  }

  private static Dataset<Row> refuse(Dataset<Row> rows, Column condition, String code, Column message) {
    return rows
        .withColumn(REASON_CODE, when(condition, lit(code)).otherwise(col(REASON_CODE)))
        .withColumn(REASON, when(condition, message).otherwise(col(REASON)));
  }
}
