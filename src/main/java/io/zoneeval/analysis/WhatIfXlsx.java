package io.zoneeval.analysis;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The what-if as a workbook: the CSV's rows on one sheet, under the CSV's header, the movers (final rank or
 * prize changed) filled in yellow, and below them what was compared with what.
 */
public final class WhatIfXlsx {
  /** The sheet's name. */
  public static final String SHEET = "what-if";

  private WhatIfXlsx() {}

  public static void write(WhatIf.Result result, Path file) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Sheet sheet = wb.createSheet(SHEET);
      Font bold = wb.createFont();
      bold.setBold(true);
      CellStyle header = wb.createCellStyle();
      header.setFont(bold);
      CellStyle[] plain = styles(wb, false);
      CellStyle[] moved = styles(wb, true);

      Row head = sheet.createRow(0);
      String[] columns = WhatIf.HEADER.split(",");
      for (int i = 0; i < columns.length; i++) {
        Cell cell = head.createCell(i);
        cell.setCellValue(columns[i]);
        cell.setCellStyle(header);
        sheet.setColumnWidth(i, Math.max(10, columns[i].length() + 2) * 256);
      }
      int r = 1;
      for (WhatIf.Zone z : result.zones()) {
        CellStyle[] style = z.moved() ? moved : plain;
        WhatIf.Place b = z.before();
        WhatIf.Place a = z.after();
        List<Object> values = java.util.Arrays.asList(z.year(), z.zoneId(), z.zoneType(),
            b == null ? null : b.finalRank(), a == null ? null : a.finalRank(),
            b == null ? null : b.total(), a == null ? null : a.total(),
            b == null ? null : b.prize(), a == null ? null : a.prize(),
            b == null ? null : b.amountWan(), a == null ? null : a.amountWan());
        Row row = sheet.createRow(r++);
        for (int i = 0; i < values.size(); i++) {
          Cell cell = row.createCell(i);
          Object v = values.get(i);
          if (v instanceof Integer n) {
            cell.setCellValue(n);
            cell.setCellStyle(style[INTEGER]);
          } else if (v instanceof BigDecimal d) {
            cell.setCellValue(d.doubleValue());
            cell.setCellStyle(style[DECIMAL]);
          } else {
            cell.setCellValue(v == null ? "" : v.toString());
            cell.setCellStyle(style[TEXT]);
          }
        }
      }
      sheet.createFreezePane(0, 1);
      r++;
      for (String note : List.of(
          "before: run " + result.before().id() + " (rules " + result.before().rulesName() + ")",
          "after: " + result.year() + " scored from silver now under rules " + result.rulesName()
              + ", as evaluate --year " + result.year() + " --rules FILE would write it",
          "filled: the final rank or the prize changed")) {
        sheet.createRow(r++).createCell(0).setCellValue(note);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        wb.write(out);
      }
    }
  }

  private static final int TEXT = 0;
  private static final int INTEGER = 1;
  private static final int DECIMAL = 2;

  /** Text, integer and two-decimal styles, filled or not. */
  private static CellStyle[] styles(XSSFWorkbook wb, boolean filled) {
    String[] formats = {"@", "0", "0.00"};
    CellStyle[] styles = new CellStyle[formats.length];
    for (int i = 0; i < formats.length; i++) {
      styles[i] = wb.createCellStyle();
      styles[i].setDataFormat(wb.createDataFormat().getFormat(formats[i]));
      if (filled) {
        styles[i].setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
        styles[i].setFillPattern(FillPatternType.SOLID_FOREGROUND);
      }
    }
    return styles;
  }
}
