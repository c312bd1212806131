/// Reads what other traffic tools left behind and merges it by the same rules as live data:
///
/// - github-repo-stats (`<owner>/<repo>/ghrs-data/`): `views_clones_aggregate.csv` (complete
///   daily figures), `snapshots/<date>_<time>_views_clones_series_fragment.csv` (one 14-day
///   window each), `snapshots/…_top_referrers_snapshot.csv` and `…_top_paths_snapshot.csv`
///   (14-day sums), `stargazers.csv` (`time_iso8601,stars_cumulative`); older column names
///   `referrers`, `count_total`, `count_unique` too; empty cells and `2.0` spellings accepted;
/// - the simpler `date,total_views,unique_views` / `date,total_clones,unique_clones` files.
///
/// `forks.csv` (`forks_cumulative`) has no fork identities, so it is reported, not imported.
public enum GitHubRepoStatsImport {
  public struct Report: Equatable, Sendable {
    public var trafficDays = 0
    public var windows = 0
    public var popularRows = 0
    public var starDays = 0
    public var skipped: [String] = []
    public init() {}

    public var lines: [String] {
      ["\(trafficDays) daily traffic figures", "\(windows) traffic windows", "\(popularRows) referrer and path rows", "\(starDays) days of stars"]
        + skipped
    }
  }

  /// `files`: path relative to the `ghrs-data` directory → text. `root` names it in errors.
  public static func apply(files: [String: String], root: String, into data: inout GitHubRepoData) throws(FormatError) -> Report {
    var report = Report()
    for name in files.keys.sorted() {
      guard let text = files[name] else { continue }
      let path = "\(root)/\(name)"
      let file = name.split(separator: "/").last.map(String.init) ?? name
      let table = try Rows(text, path: path)
      if file == "views_clones_aggregate.csv" || file.hasSuffix("_views_clones_series_fragment.csv") {
        let snapshot = file.hasSuffix("fragment.csv") ? Day(file.prefix(10)) : nil
        if file.hasSuffix("fragment.csv"), snapshot == nil { throw FormatError(path: path, problem: "the file name does not start with a date YYYY-MM-DD") }
        report.trafficDays += try traffic(table, snapshot: snapshot, into: &data.traffic, report: &report)
      } else if file.hasSuffix("_top_referrers_snapshot.csv") || file.hasSuffix("_top_paths_snapshot.csv") {
        guard let snapshot = Day(file.prefix(10)) else { throw FormatError(path: path, problem: "the file name does not start with a date YYYY-MM-DD") }
        // Two snapshots of one day (one just after midnight, one just before) stay two.
        let stamp = Self.snapshotStamp(file) ?? snapshot.description
        let kind: PopularItem.Kind = file.hasSuffix("_top_paths_snapshot.csv") ? .path : .referrer
        let nameColumn = try table.column(kind == .path ? ["url_path", "path"] : ["referrer", "referrers"])
        let total = try table.column(["views_total", "count_total"])
        let unique = try table.column(["views_unique", "count_unique"])
        let window = TrafficHistory.window(of: snapshot)
        for r in table.rows.indices {
          data.popular.upsert([
            stamp, kind.rawValue, table.rows[r][nameColumn], window.lowerBound.description, snapshot.description, "",
            String(try table.number(r, total) ?? 0), String(try table.number(r, unique) ?? 0),
          ])
          report.popularRows += 1
        }
      } else if file == "stargazers.csv" {
        let time = try table.column(["time_iso8601"])
        let cumulative = try table.column(["stars_cumulative"])
        var endOfDay: [Day: Int64] = [:]
        for r in table.rows.indices {
          let day = try table.day(r, time)
          endOfDay[day] = max(endOfDay[day] ?? 0, try table.number(r, cumulative) ?? 0)
        }
        var previous: Int64 = 0
        for day in endOfDay.keys.sorted() {
          let total = endOfDay[day] ?? previous
          if data.starsHistory.rows[[day.description]] == nil {
            data.starsHistory.upsert([day.description, String(max(0, total - previous))])
            report.starDays += 1
          }
          previous = total
        }
      } else if table.header == ["date", "total_views", "unique_views"] || table.header == ["date", "total_clones", "unique_clones"] {
        let metric: TrafficWindow.Metric = table.header[1] == "total_views" ? .views : .clones
        for r in table.rows.indices {
          let day = try table.day(r, 0)
          let seen = TrafficWindow.Count(count: try table.number(r, 1) ?? 0, uniques: try table.number(r, 2) ?? 0)
          data.traffic.observe(seen, on: day, metric: metric, snapshot: day.adding(days: 1), complete: true)
          report.trafficDays += 1
        }
      } else if file == "forks.csv" {
        report.skipped.append("\(path): cumulative fork counts without fork identities; not imported (forks.csv fills from GitHub's fork list)")
      } else {
        report.skipped.append("\(path): not a file this import knows; skipped")
      }
    }
    return report
  }

  /// `2022-01-24T00:05:12Z` for `2022-01-24_000512_…`; nil when the name carries no time.
  static func snapshotStamp(_ file: String) -> String? {
    let u = Array(file.utf8)
    guard u.count > 17, u[10] == UInt8(ascii: "_"), u[17] == UInt8(ascii: "_"), u[11..<17].allSatisfy({ (48...57).contains($0) }) else { return nil }
    let t = String(decoding: u[11..<17], as: UTF8.self)
    let stamp = "\(file.prefix(10))T\(t.prefix(2)):\(t.dropFirst(2).prefix(2)):\(t.suffix(2))Z"
    return KeyedRows.isSnapshotStamp(stamp) ? stamp : nil
  }

  /// Daily rows of views and clones. In a fragment (a snapshot's window), an empty cell or a
  /// missing day is an observed zero; in the aggregate (complete days), only given cells count.
  static func traffic(_ table: Rows, snapshot: Day?, into history: inout TrafficHistory, report: inout Report) throws(FormatError) -> Int {
    let time = try table.column(["time_iso8601"])
    let metrics: [(TrafficWindow.Metric, Int, Int)] = [
      (.clones, try table.column(["clones_total"]), try table.column(["clones_unique"])),
      (.views, try table.column(["views_total"]), try table.column(["views_unique"])),
    ]
    var windows: [TrafficWindow.Metric: [Day: TrafficWindow.Count]] = [:]
    var count = 0
    for r in table.rows.indices {
      let day = try table.day(r, time)
      for (metric, total, unique) in metrics {
        guard let n = try table.number(r, total) else { continue }
        let seen = TrafficWindow.Count(count: n, uniques: try table.number(r, unique) ?? 0)
        if snapshot != nil {
          windows[metric, default: [:]][day] = seen
        } else {
          history.observe(seen, on: day, metric: metric, snapshot: day.adding(days: 1), complete: true)
        }
        count += 1
      }
    }
    if let snapshot {
      for (metric, _, _) in metrics {
        let days = windows[metric] ?? [:]
        // A fragment lists days only: its 14-day uniques (de-duplicated by GitHub) are unknown.
        let total = TrafficWindow.Count(count: days.values.reduce(0) { $0 + $1.count }, uniques: 0)
        history.apply(TrafficWindow(metric: metric, total: total, days: days), snapshot: snapshot, uniquesKnown: false)
        // A fragment may reach past Almanac's window model: those days count as partial.
        for (day, seen) in days where !TrafficHistory.window(of: snapshot).contains(day) {
          history.observe(seen, on: day, metric: metric, snapshot: snapshot, complete: false)
        }
        report.windows += 1
      }
    }
    return count
  }

  /// A headed CSV file of another tool, read strictly: errors name the file and line.
  struct Rows {
    var path: String
    var header: [String]
    var rows: [[String]]
    var lines: [Int]

    init(_ text: String, path: String) throws(FormatError) {
      let parsed: [(line: Int, fields: [String])]
      do { parsed = try CSV.parse(text) } catch { throw FormatError(path: path, line: error.line, problem: error.message) }
      guard let first = parsed.first else { throw FormatError(path: path, line: 1, problem: "is empty (no header row)") }
      self.path = path
      header = first.fields.map { $0.trimmed(of: " \u{FEFF}") }
      rows = []
      lines = []
      for row in parsed.dropFirst() where !(row.fields.count == 1 && row.fields[0].isEmpty) {
        guard row.fields.count == header.count else {
          throw FormatError(path: path, line: row.line, problem: "expected \(header.count) fields, found \(row.fields.count)")
        }
        rows.append(row.fields)
        lines.append(row.line)
      }
    }

    func column(_ names: [String]) throws(FormatError) -> Int {
      guard let i = header.firstIndex(where: { names.contains($0) }) else {
        throw FormatError(path: path, line: 1, problem: "has no column \(names.map { "`\($0)`" }.joined(separator: " or ")) (found `\(header.joined(separator: ","))`)")
      }
      return i
    }

    func day(_ row: Int, _ column: Int) throws(FormatError) -> Day {
      guard let d = Day(isoPrefix: rows[row][column]) else {
        throw FormatError(path: path, line: lines[row], problem: "`\(header[column])`: expected a date or timestamp, found `\(rows[row][column])`")
      }
      return d
    }

    /// A count; empty is nil; `2.0` is 2; anything else is an error.
    func number(_ row: Int, _ column: Int) throws(FormatError) -> Int64? {
      let text = rows[row][column].trimmed(of: " ")
      if text.isEmpty { return nil }
      if let n = Int64(text), n >= 0 { return n }
      if let d = Double(text), d >= 0, d == d.rounded(), d < 9e15 { return Int64(d) }
      throw FormatError(path: path, line: lines[row], problem: "`\(header[column])`: expected a count, found `\(text)`")
    }
  }
}
