/// Where pypistats.org and the ClickHouse copy of the download log cover the same days, their
/// daily totals should agree: both count every installer in `overall`/`with_mirrors`. A day
/// that differs by more than the tolerance is a warning, not an error: one of the two lost or
/// double-loaded data, and a person should know before trusting either.
public enum ConsistencyCheck {
  public static let defaultTolerance = 0.05

  public struct Divergence: Equatable, Sendable {
    public var package: String
    public var date: Day
    public var pypistats: Int64
    public var clickhouse: Int64
    /// |a − b| / max(a, b).
    public var fraction: Double
  }

  /// Compares `overall`/`with_mirrors` per package and day present in both.
  public static func divergences(pypistats: [DownloadRecord], clickhouse: [DownloadRecord], tolerance: Double) -> [Divergence] {
    func totals(_ records: [DownloadRecord]) -> [DownloadRecord.Key: Int64] {
      records.filter { $0.dimension == Dimension.overall && $0.category == "with_mirrors" }
        .reduce(into: [:]) { $0[$1.key] = $1.downloads }
    }
    let a = totals(pypistats)
    let b = totals(clickhouse)
    return a.keys.filter { b[$0] != nil }.sorted().compactMap { key in
      let x = a[key] ?? 0, y = b[key] ?? 0
      let top = max(x, y)
      guard top > 0 else { return nil }
      let fraction = Double(abs(x - y)) / Double(top)
      return fraction > tolerance ? Divergence(package: key.package, date: key.date, pypistats: x, clickhouse: y, fraction: fraction) : nil
    }
  }

  public static func diagnostics(pypistats: [DownloadRecord], clickhouse: [DownloadRecord], tolerance: Double = defaultTolerance) -> [Diagnostic] {
    divergences(pypistats: pypistats, clickhouse: clickhouse, tolerance: tolerance).map {
      let percent = Int(($0.fraction * 100).rounded())
      return Diagnostic(
        .warning,
        "pypistats and ClickHouse disagree by \(percent)% on \($0.date) (\($0.package): pypistats.org \($0.pypistats), ClickHouse \($0.clickhouse) downloads with mirrors; tolerance \(Int((tolerance * 100).rounded()))%)")
    }
  }
}
