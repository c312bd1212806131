import AlmanacKit
import Foundation

/// The fetch stage of the `pypi` source: the freshness gate first, then per package the days the
/// store lacks plus a trailing window (or a `--lookback-days` backfill), one query per kind per
/// calendar month, every answer kept verbatim in the raw snapshot.
public struct PyPIClickHouseFetcher: Sendable {
  public var client: ClickHouseClient
  public var database: String
  public var reference: PackageName
  public var freshness: PyPIFreshness
  public var trailingDays: Int
  public var progress: @Sendable (String) -> Void

  public init(
    client: ClickHouseClient, database: String = PyPIClickHouse.defaultDatabase,
    reference: PackageName, freshness: PyPIFreshness = PyPIFreshness(), trailingDays: Int = 3,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.client = client
    self.database = database
    self.reference = reference
    self.freshness = freshness
    self.trailingDays = trailingDays
    self.progress = progress
  }

  public struct Outcome: Sendable {
    public var snapshot: RawSnapshot
    /// Set when the freshness gate failed: the source is skipped, not the run.
    public var stale: PyPIStale?
    /// The data set's newest day, when the gate passed.
    public var sourceNewest: Day?
  }

  /// `newestHeld`: per package, the newest day the store already has from this source.
  public func fetch(packages: [PackageName], asOf: Day, newestHeld: [PackageName: Day] = [:], lookbackDays: Int? = nil) async -> Outcome {
    var missingTables = Set<String>()
    var snapshot = RawSnapshot(source: PyPIClickHouse.source, date: asOf)
    func run(_ q: PyPIClickHouse.Query) async -> [JSONValue]? {
      await client.record(q, into: &snapshot, missingTables: &missingTables)
    }
    let gate = PyPIClickHouse.freshnessQuery(reference, asOf: asOf, database: database)
    progress("pypi: freshness check on \(reference)")
    guard let rows = await run(gate) else { return Outcome(snapshot: snapshot, stale: nil, sourceNewest: nil) }
    let verdict: PyPIFreshness.Verdict
    switch freshness.check(rows: rows, reference: reference.normalized, asOf: asOf) {
    case .failure(let stale):
      snapshot.failures.append(RawSnapshot.Failure(target: reference.normalized, endpoint: gate.endpoint.rawValue, message: stale.message))
      return Outcome(snapshot: snapshot, stale: stale, sourceNewest: nil)
    case .success(let v):
      verdict = v
    }
    for package in packages {
      if let days = PyPIClickHouse.window(
        sourceNewest: verdict.newest, newestHeld: newestHeld[package], trailingDays: trailingDays, lookbackDays: lookbackDays)
      {
        let chunks = PyPIClickHouse.monthChunks(days)
        for (i, chunk) in chunks.enumerated() {
          progress("pypi: [\(i + 1)/\(chunks.count)] \(package) \(chunk.lowerBound)…\(chunk.upperBound)")
          for q in PyPIClickHouse.queries(package, days: chunk, database: database) { _ = await run(q) }
        }
      }
      _ = await run(PyPIClickHouse.totalQuery(package, database: database))
    }
    return Outcome(snapshot: snapshot, stale: nil, sourceNewest: verdict.newest)
  }
}
