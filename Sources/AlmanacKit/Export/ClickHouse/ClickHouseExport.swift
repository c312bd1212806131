/// The SQL of `almanac export --to clickhouse` and `sinks.clickhouse`: one table in the tidy
/// export schema (`ExportRow`), partitioned by source and ordered by
/// (source, entity, metric, dimension, date).
///
/// Loading is **delete-then-insert per partition, made atomic**: a source's rows go into a
/// staging table of the same structure, are counted and summed there, and only when those
/// figures equal what was sent does `ALTER TABLE … REPLACE PARTITION '<source>' FROM <staging>`
/// swap the whole partition in one step. Readers never see a half-loaded source or a source
/// twice, queries need no `FINAL`, a retried insert cannot double a row unnoticed, and a load
/// that fails leaves the table as it was. (A ReplacingMergeTree would collapse duplicates only
/// at some later merge, so sums would be wrong until then unless every query said `FINAL`.)
public enum ClickHouseExport {
  public static let defaultDatabase = "almanac"
  public static let defaultTable = "series"

  /// A ClickHouse name Almanac writes without quoting: ASCII letters, digits and `_`, not
  /// starting with a digit.
  public static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first), name.count <= 64 else { return false }
    return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
  }

  /// Where one load goes: `database.table`, and its staging table beside it.
  public struct Target: Equatable, Sendable {
    public var database: String
    public var table: String

    public init(database: String, table: String) {
      self.database = database
      self.table = table
    }

    public var qualified: String { "\(database).\(table)" }
    /// The staging table of a load; named by the load (process id and a random part), dropped before and after use.
    public func staging(_ id: String) -> String { "\(database).\(table)_load_\(id)" }

    public var createDatabase: String { "CREATE DATABASE IF NOT EXISTS \(database)" }

    public var createTable: String {
      """
      CREATE TABLE IF NOT EXISTS \(qualified) (
        date Date, source String, entity String, metric String, dimension String,
        category Nullable(String), value Nullable(Int64), provisional UInt8
      ) ENGINE = MergeTree PARTITION BY source ORDER BY (source, entity, metric, dimension, date)
      """
    }

    public func createStaging(_ id: String) -> String { "CREATE TABLE \(staging(id)) AS \(qualified)" }
    public func dropStaging(_ id: String) -> String { "DROP TABLE IF EXISTS \(staging(id))" }
    /// The statement line before a batch of JSON Lines rows.
    public func insert(_ id: String) -> String { "INSERT INTO \(staging(id)) FORMAT JSONEachRow" }
    /// Rows and the sum of `value` in the staging table, as `{"rows":"N","total":"S"}`.
    public func check(_ id: String) -> String {
      "SELECT toString(count()) AS rows, toString(sum(ifNull(value, 0))) AS total FROM \(staging(id))"
    }
    public func replace(source: String, _ id: String) -> String {
      "ALTER TABLE \(qualified) REPLACE PARTITION \(ClickHouseSQL.literal(source)) FROM \(staging(id))"
    }
  }
}
