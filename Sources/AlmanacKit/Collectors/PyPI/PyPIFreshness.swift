/// The freshness gate: before a night trusts the `pypi` source, the same table is asked for a
/// large reference project's newest day and its downloads. A data set that stalled (pypi-notes
/// §2.7: stalls of days to weeks happen) or answers implausibly small numbers (a truncated or
/// half-loaded day) fails this source only; the rest of the night goes on.
public struct PyPIFreshness: Equatable, Sendable {
  /// The newest day more than this many days before the as-of date means a stall.
  public var maxLagDays: Int
  /// The reference project's newest day must have at least this many downloads.
  public var minDownloads: Int64

  public init(maxLagDays: Int = 3, minDownloads: Int64 = 100_000) {
    self.maxLagDays = maxLagDays
    self.minDownloads = minDownloads
  }

  public struct Verdict: Equatable, Sendable {
    public var newest: Day
    public var downloads: Int64
  }

  /// The source's newest day, or the reason it is not to be trusted tonight.
  public func check(rows: [JSONValue], reference: String, asOf: Day) -> Result<Verdict, PyPIStale> {
    guard let row = rows.first, let text = row["date"]?.stringValue, let newest = Day(text),
      let downloads = row.count("downloads")
    else {
      return .failure(PyPIStale(message: "the ClickHouse data set has no downloads of the reference project `\(reference)` in the last 60 days; it has stalled or the endpoint is not a copy of PyPI's download log"))
    }
    let lag = asOf - newest
    if lag > maxLagDays {
      return .failure(PyPIStale(message: "the ClickHouse data set is stale: its newest day for `\(reference)` is \(newest), \(lag) days before \(asOf) (allowed: \(maxLagDays)); the data set has stalled, so the pypi source is skipped tonight"))
    }
    if downloads < minDownloads {
      return .failure(PyPIStale(message: "the ClickHouse data set looks incomplete: `\(reference)` has only \(downloads) downloads on \(newest) (expected at least \(minDownloads)); the day is probably still loading, so the pypi source is skipped tonight"))
    }
    return .success(Verdict(newest: newest, downloads: downloads))
  }
}

public struct PyPIStale: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}
