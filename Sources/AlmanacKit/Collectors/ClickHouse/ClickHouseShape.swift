/// What a query's `FORMAT JSONEachRow` answer must look like before it is kept: the columns
/// every row carries, and whether the query always answers exactly one row (an aggregate with no
/// `GROUP BY`). A 200 whose rows are something else — `{"error": …}` or `{"data": null}` from a
/// proxy, an object of the wrong query — is a failure, never an answer with "no rows understood".
///
/// An empty body is zero rows, which a `GROUP BY` query may rightly answer (a quiet month), so
/// only `oneRow` queries can tell an emptied body from an answer.
public struct ClickHouseShape: Equatable, Sendable {
  public var columns: [String]
  public var oneRow: Bool

  public init(_ columns: [String], oneRow: Bool = false) {
    self.columns = columns
    self.oneRow = oneRow
  }

  /// Throws when `rows` are not this shape's answer, naming the first row that is not.
  public func check(_ rows: [JSONValue], status: Int, purpose: String) throws(ClickHouseError) {
    if oneRow, rows.count != 1 {
      throw ClickHouseError(
        purpose: purpose, status: status, code: nil,
        message: "expected one row, found \(rows.count); the answer was cut or did not come from ClickHouse")
    }
    for (i, row) in rows.enumerated() {
      guard let missing = columns.first(where: { row[$0] == nil || row[$0] == .null }) else { continue }
      let shown = CanonicalJSON.encodeCompact(row)
      throw ClickHouseError(
        purpose: purpose, status: status, code: nil,
        message: "row \(i + 1) has no `\(missing)` (`\(shown.prefix(80))`); the body is not this query's answer (columns \(columns.joined(separator: ", ")))")
    }
  }
}
