/// The formats `almanac export` writes, all with the columns of `ExportRow.columns`:
///
/// - `json`: JSON Lines, one canonical object per row (sorted keys, `null` for a missing
///   category or value), so a reader streams it (`read_json` in DuckDB, `pandas.read_json(lines=True)`);
/// - `csv`: for people, a header then RFC 4180 rows; every text cell goes through
///   `SpreadsheetSafe` (a cell that starts with `=`, `+`, `-`, `@` opens as text); null is empty;
/// - `parquet`: typed columns (`ExportParquet`).
public enum ExportFormat: String, CaseIterable, Sendable {
  case json, csv, parquet

  public var fileExtension: String { self == .json ? "jsonl" : rawValue }

  public static func csvHeader() -> String { ExportRow.columns.joined(separator: ",") + "\n" }

  public static func csvLine(_ r: ExportRow) -> String {
    let text = [r.source, r.entity, r.metric, r.dimension, r.category ?? ""].map(SpreadsheetSafe.field)
    return r.date.description + "," + text.joined(separator: ",") + "," + (r.value.map { String($0) } ?? "") + "," + (r.provisional ? "true" : "false") + "\n"
  }

  public static func jsonLine(_ r: ExportRow) -> String {
    CanonicalJSON.encodeCompact(.object([
      "date": .string(r.date.description), "source": .string(r.source), "entity": .string(r.entity), "metric": .string(r.metric),
      "dimension": .string(r.dimension), "category": r.category.map(JSONValue.string) ?? .null, "value": r.value.map(JSONValue.int) ?? .null,
      "provisional": .bool(r.provisional),
    ])) + "\n"
  }
}

/// The export's Parquet schema: `date` DATE, `source`, `entity`, `metric`, `dimension` STRING,
/// `category` STRING (nullable), `value` INT64 (nullable), `provisional` BOOLEAN.
public enum ExportParquet {
  public static let columns = [
    ParquetColumn("date", .date), ParquetColumn("source", .string), ParquetColumn("entity", .string),
    ParquetColumn("metric", .string), ParquetColumn("dimension", .string), ParquetColumn("category", .string, optional: true),
    ParquetColumn("value", .int64, optional: true), ParquetColumn("provisional", .boolean),
  ]

  /// One row group's column values.
  public static func values(_ rows: some Collection<ExportRow>) -> [ParquetValues] {
    [
      .date(rows.map { Int32($0.date.ordinal) }), .string(rows.map(\.source)), .string(rows.map(\.entity)),
      .string(rows.map(\.metric)), .string(rows.map(\.dimension)), .string(rows.map(\.category)),
      .int64(rows.map(\.value)), .boolean(rows.map(\.provisional)),
    ]
  }
}
