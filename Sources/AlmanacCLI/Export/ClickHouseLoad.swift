import AlmanacKit
import Foundation

/// Loads the store's tidy rows into a ClickHouse table (`ClickHouseExport`): the database and
/// table are created if missing, then each source in turn goes into a staging table in batches
/// of JSON Lines, is counted and summed there, and replaces its partition in one
/// `REPLACE PARTITION` only when those figures equal what was sent. A failure leaves the table
/// as it was for that source (and for every source after it); the staging table is dropped
/// either way.
struct ClickHouseLoad {
  var client: ClickHouseClient
  var target: ClickHouseExport.Target
  /// Bytes of JSON Lines per INSERT.
  var batchBytes = 16 << 20
  /// Names this load's staging table: the process id and a random part, so two loads into
  /// one server never share one.
  var id = "\(getpid())_\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"

  /// What one source's load put in the table.
  struct Loaded: Equatable, Sendable {
    var source: String
    var rows: Int
    /// The sum of `value` (nulls as 0), as ClickHouse computes it.
    var total: Int64
  }

  /// Loads every source that has entities, in the entities' order.
  func load(_ entities: [Store.ExportEntity]) async throws(AlmanacError) -> [Loaded] {
    try await run(target.createDatabase, "creating the database \(target.database)")
    try await run(target.createTable, "creating the table \(target.qualified)")
    var sources: [String] = []
    for e in entities where sources.last != e.source { sources.append(e.source) }
    var out: [Loaded] = []
    for source in sources {
      out.append(try await load(source: source, entities.filter { $0.source == source }))
    }
    return out
  }

  func load(source: String, _ entities: [Store.ExportEntity]) async throws(AlmanacError) -> Loaded {
    try await run(target.dropStaging(id), "dropping an old staging table")
    try await run(target.createStaging(id), "creating the staging table \(target.staging(id))")
    do throws(AlmanacError) {
      var batch = Data()
      var sent = Loaded(source: source, rows: 0, total: 0)
      for entity in entities {
        for r in try entity.rows(ExportFilter()) {
          batch.append(contentsOf: ExportFormat.jsonLine(r).utf8)
          sent.rows += 1
          sent.total &+= r.value ?? 0
        }
        if batch.count >= batchBytes {
          try await run(target.insert(id), rows: batch, "inserting \(source) rows")
          batch.removeAll(keepingCapacity: true)
        }
      }
      if !batch.isEmpty { try await run(target.insert(id), rows: batch, "inserting \(source) rows") }
      let staged = try await staged(source)
      guard staged == sent else {
        throw AlmanacError.input(
          "ClickHouse sink: the staging table for \(source) holds \(staged.rows) rows summing to \(staged.total), but \(sent.rows) rows summing to \(sent.total) were sent (a retried insert may have landed twice); \(target.qualified) was not changed for \(source). Run the export again.")
      }
      try await run(target.replace(source: source, id), "replacing the \(source) partition of \(target.qualified)")
      try await run(target.dropStaging(id), "dropping the staging table")
      return sent
    } catch {
      try? await run(target.dropStaging(id), "dropping the staging table")
      throw error
    }
  }

  /// Rows and sum in the staging table.
  func staged(_ source: String) async throws(AlmanacError) -> Loaded {
    let answer: ClickHouseClient.Answer
    do { answer = try await client.query(target.check(id), purpose: "counting the staged \(source) rows") } catch { throw Self.failure(error) }
    guard let row = answer.rows.first, let rows = row["rows"]?.stringValue.flatMap({ Int($0) }),
      let total = row["total"]?.stringValue.flatMap({ Int64($0) })
    else {
      throw AlmanacError.input("ClickHouse sink: the count of the staged \(source) rows came back in an unexpected shape; \(target.qualified) was not changed for \(source).")
    }
    return Loaded(source: source, rows: rows, total: total)
  }

  func run(_ statement: String, rows: Data? = nil, _ purpose: String) async throws(AlmanacError) {
    do { try await client.execute(statement, rows: rows, purpose: purpose) } catch { throw Self.failure(error) }
  }

  static func failure(_ error: ClickHouseError) -> AlmanacError {
    .input("ClickHouse sink: \(error.description). What was already in the table for this source is unchanged; the stats/ files are not affected.")
  }
}
