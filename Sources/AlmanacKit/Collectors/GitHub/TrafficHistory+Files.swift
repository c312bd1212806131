/// The files of a repository's traffic history, under `stats/series/github/<owner>/<repo>/`:
///
/// - `traffic.csv` (`#almanac:github-traffic:1`): `date,metric,count,uniques,state,snapshot`,
///   sorted by date then metric; `state` is `complete` or `provisional`;
/// - `traffic-windows.csv` (`#almanac:github-traffic-windows:1`): GitHub's 14-day totals per
///   snapshot, `snapshot,metric,first,last,count,uniques,status` (`ok` or `outage`); `uniques`
///   is empty when unknown (an imported window that had no 14-day unique figure);
/// - `traffic-coverage.csv` (`#almanac:github-coverage:1`): the holes, `first,last,days`.
extension TrafficHistory {
  public static let trafficKind = "github-traffic"
  public static let windowsKind = "github-traffic-windows"
  public static let coverageKind = "github-coverage"
  static let trafficColumns = ["date", "metric", "count", "uniques", "state", "snapshot"]
  static let windowColumns = ["snapshot", "metric", "first", "last", "count", "uniques", "status"]
  static let coverageColumns = ["first", "last", "days"]

  public func encodedTraffic() -> String {
    Table(kind: Self.trafficKind, version: 1, columns: Self.trafficColumns, rows: points.keys.sorted().compactMap { key in
      guard let p = points[key] else { return nil }
      return [key.date.description, key.metric.rawValue, String(p.value.count), String(p.value.uniques), p.complete ? "complete" : "provisional", p.snapshot.description]
    }).encoded()
  }

  public func encodedWindows() -> String {
    Table(kind: Self.windowsKind, version: 1, columns: Self.windowColumns, rows: windows.keys.sorted().compactMap { key in
      guard let w = windows[key] else { return nil }
      return [w.snapshot.description, w.metric.rawValue, w.first.description, w.last.description, String(w.total.count), w.uniques.map { String($0) } ?? "", w.outage ? "outage" : "ok"]
    }).encoded()
  }

  public func encodedCoverage() -> String {
    Table(kind: Self.coverageKind, version: 1, columns: Self.coverageColumns, rows: holes.map { h in
      [h.lowerBound.description, h.upperBound.description, String(h.upperBound - h.lowerBound + 1)]
    }).encoded()
  }

  /// Reads `traffic.csv` and `traffic-windows.csv` (either may be absent: nil).
  public static func decode(traffic: String?, trafficPath: String, windows: String?, windowsPath: String) throws(FormatError) -> TrafficHistory {
    var history = TrafficHistory()
    if let traffic {
      for r in try RowReader.rows(traffic, path: trafficPath, kind: trafficKind, columns: trafficColumns) {
        guard let metric = Metric(rawValue: try r.oneOf("metric", Metric.allCases.map(\.rawValue))) else { continue }
        let key = Key(date: try r.day("date"), metric: metric)
        let point = Point(
          value: Count(count: try r.count("count"), uniques: try r.count("uniques")),
          complete: try r.oneOf("state", ["complete", "provisional"]) == "complete", snapshot: try r.day("snapshot"))
        guard history.points.updateValue(point, forKey: key) == nil else { throw r.fail("repeats \(metric.rawValue) on \(key.date)") }
      }
    }
    if let windows {
      for r in try RowReader.rows(windows, path: windowsPath, kind: windowsKind, columns: windowColumns) {
        guard let metric = Metric(rawValue: try r.oneOf("metric", Metric.allCases.map(\.rawValue))) else { continue }
        let known = !r.field("uniques").isEmpty
        let w = Window(
          snapshot: try r.day("snapshot"), metric: metric,
          total: Count(count: try r.count("count"), uniques: known ? try r.count("uniques") : 0),
          outage: try r.oneOf("status", ["ok", "outage"]) == "outage", uniquesKnown: known)
        history.windows[Key(date: w.snapshot, metric: metric)] = w
      }
    }
    return history
  }
}
