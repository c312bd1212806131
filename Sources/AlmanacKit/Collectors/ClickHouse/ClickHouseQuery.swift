/// A query of a ClickHouse source, as the shared client files it: what it asks, the table it
/// reads (so a missing table is reported once, not per month), what is lost without it, and the
/// shape its answer must have.
public protocol ClickHouseQuery: Sendable {
  var sql: String { get }
  var purpose: String { get }
  var target: String { get }
  /// The exchange's `endpoint` in the raw snapshot.
  var endpointName: String { get }
  /// `database.table`, as in the SQL's FROM.
  var table: String { get }
  /// What the night does not record when the table is missing, in words.
  var loses: String { get }
  var shape: ClickHouseShape { get }
}

/// ClickHouse's "no such table / database" codes (UNKNOWN_TABLE, UNKNOWN_DATABASE): asking the
/// same table for the next month would only fail again.
public let clickHouseMissingTableCodes: Set<Int> = [60, 81]
