/// The only usage data that reaches `stats/`: per day and cell, counts, the success rate's
/// parts and exact duration percentiles (`series/usage/daily.csv`,
/// `schemas/usage-daily.row.schema.json`).
///
/// Cells are the day as a whole (`all`/`all`) and one per value of `feature`, `error_type`,
/// `sdk_version`, `python_version` and `os` (a missing value is `unknown`). A cell seen from
/// fewer than `minGroupSize` distinct installations is merged into that dimension's `other`
/// (k-anonymity), so a rare feature, error or version never points at one installation.
/// `other` itself may hold fewer; it names nothing. Durations are exact: p50 and p95 are the
/// nearest-rank percentiles of the cell's sorted durations (events without `duration_ms` are
/// left out; empty when none has one). Percentiles do not add up over days, so the report shows
/// them per day only.
public struct UsageDaily: Equatable, Sendable {
  public struct Row: Equatable, Sendable {
    public var date: Day
    public var dimension: String
    public var category: String
    public var events: Int
    public var installations: Int
    public var successes: Int
    public var p50: Int64?
    public var p95: Int64?

    public init(date: Day, dimension: String, category: String, events: Int, installations: Int, successes: Int, p50: Int64?, p95: Int64?) {
      (self.date, self.dimension, self.category, self.events, self.installations, self.successes, self.p50, self.p95) =
        (date, dimension, category, events, installations, successes, p50, p95)
    }
  }

  public var rows: [Row]

  public init(rows: [Row] = []) { self.rows = rows.sorted { ($0.date, $0.dimension, $0.category) < ($1.date, $1.dimension, $1.category) } }

  public static let kind = "usage-daily"
  public static let columns = ["date", "dimension", "category", "events", "installations", "successes", "duration_p50_ms", "duration_p95_ms"]
  public static let dimensions: [(name: String, key: @Sendable (UsageEvent) -> String?)] = [
    ("feature", { $0.feature }), ("error_type", { $0.errorType }), ("sdk_version", { $0.sdkVersion ?? "unknown" }),
    ("python_version", { $0.pythonVersion ?? "unknown" }), ("os", { $0.os ?? "unknown" }),
  ]
  public static let other = "other"

  /// The rows of one day's events (unique by id), with cells below `minGroupSize`
  /// installations merged into `other`.
  public static func day(_ day: Day, events: [UsageEvent], minGroupSize k: Int) -> [Row] {
    guard !events.isEmpty else { return [] }
    var rows = [cell(day, "all", "all", events)]
    for (dimension, key) in dimensions {
      var groups: [String: [UsageEvent]] = [:]
      for e in events { if let k = key(e) { groups[k, default: []].append(e) } }
      var pooled: [UsageEvent] = []
      for (category, members) in groups {
        if Set(members.map(\.installation)).count >= k { rows.append(cell(day, dimension, category, members)) } else { pooled += members }
      }
      if !pooled.isEmpty { rows.append(cell(day, dimension, other, pooled)) }
    }
    return rows
  }

  static func cell(_ day: Day, _ dimension: String, _ category: String, _ events: [UsageEvent]) -> Row {
    let durations = events.compactMap(\.durationMs).sorted()
    return Row(
      date: day, dimension: dimension, category: category, events: events.count, installations: Set(events.map(\.installation)).count,
      successes: events.filter(\.success).count, p50: percentile(durations, 50), p95: percentile(durations, 95))
  }

  /// The nearest-rank percentile of sorted values: the value at rank ⌈p/100 · n⌉.
  public static func percentile(_ sorted: [Int64], _ p: Int) -> Int64? {
    guard !sorted.isEmpty else { return nil }
    let rank = (p * sorted.count + 99) / 100
    return sorted[max(1, rank) - 1]
  }

  /// Every day of `events` recomputed.
  public static func days(_ events: [UsageEvent], minGroupSize k: Int) -> [Day: [Row]] {
    var out: [Day: [Row]] = [:]
    for (d, members) in Dictionary(grouping: events, by: \.day) { out[d] = day(d, events: members, minGroupSize: k) }
    return out
  }

  /// Events of the `all` cell per day.
  public var eventsPerDay: [Day: Int] {
    rows.reduce(into: [:]) { out, r in if r.dimension == "all" { out[r.date] = r.events } }
  }

  /// This table with `recomputed` days in place of the stored ones. A stored day is replaced
  /// only when the recomputed one counts at least as many events, unless `replaceFewer` (after
  /// `almanac usage forget`, or `aggregate --rebuild` from a complete inbox): an inbox that holds
  /// less than was counted (a fresh checkout, a pruned inbox) never lowers what is stored.
  /// Returns the days kept against a smaller recount.
  public func merging(_ recomputed: [Day: [Row]], replaceFewer: Bool) -> (UsageDaily, kept: [Day]) {
    let stored = eventsPerDay
    var kept: [Day] = []
    var replace = Set<Day>()
    for (day, rows) in recomputed {
      let count = rows.first { $0.dimension == "all" }?.events ?? 0
      if replaceFewer || count >= (stored[day] ?? 0) { replace.insert(day) } else { kept.append(day) }
    }
    let out = rows.filter { !replace.contains($0.date) } + replace.flatMap { recomputed[$0] ?? [] }
    return (UsageDaily(rows: out), kept.sorted())
  }

  public func encoded() -> String {
    let n = { (v: Int64?) in v.map(String.init) ?? "" }
    return Table(kind: Self.kind, version: 1, columns: Self.columns, rows: rows.map {
      [$0.date.description, $0.dimension, $0.category, String($0.events), String($0.installations), String($0.successes), n($0.p50), n($0.p95)]
    }).encoded()
  }

  public static func decode(_ text: String, path: String) throws(FormatError) -> UsageDaily {
    let table = try Table.decode(text, path: path, expected: Table(kind: kind, version: 1, columns: columns))
    var rows: [Row] = []
    for (i, f) in table.rows.enumerated() {
      let line = table.rowLines.indices.contains(i) ? table.rowLines[i] : nil
      func int(_ s: String) throws(FormatError) -> Int {
        guard let v = Int(s), v >= 0 else { throw FormatError(path: path, line: line, problem: "expected a count, found `\(s)`") }
        return v
      }
      func ms(_ s: String) throws(FormatError) -> Int64? { s.isEmpty ? nil : Int64(try int(s)) }
      guard let date = Day(f[0]) else { throw FormatError(path: path, line: line, problem: "expected a date, found `\(f[0])`") }
      rows.append(Row(date: date, dimension: f[1], category: f[2], events: try int(f[3]), installations: try int(f[4]), successes: try int(f[5]), p50: try ms(f[6]), p95: try ms(f[7])))
    }
    return UsageDaily(rows: rows)
  }
}
