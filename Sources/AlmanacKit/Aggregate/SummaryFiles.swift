/// The files aggregate writes beside the series, in the shapes other tools already read.
public enum SummaryFiles {
  /// `summary.json` and `download_summary.json`: exactly the pypistats-era seed schema
  /// (`package`, `timestamp`, `total_downloads`, `average_daily`, `top_versions`,
  /// `top_systems`). `timestamp` is the as-of date at midnight UTC, never the wall clock.
  public static func seedSummary(_ stats: PackageStats) -> JSONValue {
    .object([
      "package": .string(stats.package),
      "timestamp": .string("\(stats.asOf)T00:00:00Z"),
      "total_downloads": .int(stats.totalDownloads),
      "average_daily": .double(stats.averageDaily),
      "top_versions": .array(stats.topVersions.map { .object(["version": .string($0.name), "downloads": .int($0.downloads)]) }),
      "top_systems": .array(stats.topSystems.map { .object(["system": .string($0.name), "downloads": .int($0.downloads)]) }),
    ])
  }

  /// `downloads_YYYY-MM-DD.csv`: the day's snapshot of the overall series, `date,downloads,category`,
  /// ordered like pypistats (category, then date). Meant for people, so the cells go through
  /// `SpreadsheetSafe` (a category is whatever the source sent).
  public static func dailyCSV(_ snapshot: RecordSet, package: String) -> String {
    var out = SpreadsheetSafe.line(["date", "downloads", "category"])
    let rows = snapshot.records.filter { $0.package == package && $0.dimension == Dimension.overall }
      .sorted { $0.category != $1.category ? $0.category < $1.category : $0.date < $1.date }
    for r in rows { out += SpreadsheetSafe.line([r.date.description, String(r.downloads), r.category]) }
    return out
  }

  public static let dailyKind = "daily_statistics"
  public static let dailyVersion = 1

  /// `downloads_YYYY-MM-DD.json`: every figure of that day's snapshot, totalled per category.
  public static func dailyJSON(records: RecordSet, classified: RecordSet?, package: String) -> JSONValue {
    let own = records.records.filter { $0.package == package }
    func totals(_ records: [DownloadRecord], _ dimension: String) -> JSONValue {
      var t: [String: Int64] = [:]
      for r in records where r.dimension == dimension { t[r.category, default: 0] += r.downloads }
      return .object(t.mapValues { .int($0) })
    }
    let dated = own.filter { $0.dimension != Dimension.recent }.map(\.date)
    var window: JSONValue = .null
    if let first = dated.min(), let last = dated.max() {
      window = .object(["first": .string(first.description), "last": .string(last.description), "days": .int(Int64(last - first + 1))])
    }
    return .object([
      "format_version": .int(Int64(dailyVersion)),
      "kind": .string(dailyKind),
      "package": .string(package),
      "source": .string(PyPIStats.source),
      "date": .string(records.snapshot.description),
      "window": window,
      "recent": totals(own, Dimension.recent),
      "overall": totals(own, Dimension.overall),
      "python_minor": totals(own, Dimension.pythonMinor),
      "system": totals(own, Dimension.system),
      "classes": totals(classified?.records.filter { $0.package == package } ?? [], Dimension.downloadClass),
    ])
  }
}
