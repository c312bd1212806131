/// One daily series as alert rules and windows see it: a value per day from `first` on (NaN
/// where the source holds nothing for the day), and the days no baseline may use and no rule
/// may alarm on (release windows and the outage calendar, DESIGN point 18).
public struct Metric: Sendable {
  public var name: MetricName
  /// What the numbers are, in words, for explanations: "downloads without mirrors (pypistats.org)".
  public var about: String
  public var first: Day
  /// Dense from `first`; `.nan` marks an unknown day.
  public var values: [Double]
  /// Why a day is left out (`release 2.1.0 (2026-11-20)`, an outage window's note).
  public var excluded: [Day: String]

  public init(name: MetricName, about: String, daily: [Day: Double], excluded: [Day: String] = [:]) {
    self.name = name
    self.about = about
    let days = daily.keys
    let first = days.min() ?? Day(ordinal: 0)
    let last = days.max() ?? first.adding(days: -1)
    var values = [Double](repeating: .nan, count: max(0, last - first + 1))
    for (day, value) in daily { values[day - first] = value }
    self.first = first
    self.values = values
    self.excluded = excluded
  }

  /// Integer daily counts, with every day from the first to `through` that has no count taken as
  /// zero (events such as stars or forks: a day without one is a zero, not a gap).
  public init(name: MetricName, about: String, counts: [Day: Int64], zeroFilledThrough through: Day, excluded: [Day: String] = [:]) {
    var daily: [Day: Double] = [:]
    if let first = counts.keys.min(), first <= through {
      for day in (first...through).days { daily[day] = Double(counts[day] ?? 0) }
    }
    self.init(name: name, about: about, daily: daily, excluded: excluded)
  }

  public var isEmpty: Bool { values.isEmpty }
  public var last: Day { first.adding(days: values.count - 1) }

  public func value(_ day: Day) -> Double? {
    let i = day - first
    guard i >= 0, i < values.count, !values[i].isNaN else { return nil }
    return values[i]
  }

  public func isExcluded(_ day: Day) -> Bool { excluded[day] != nil }

  /// Release-window days of a package from the days each version first appeared
  /// (`Series.inferredReleases` or GitHub's releases), `DayFlag.releaseWindowDays` long.
  public static func releaseDays(_ releases: [String: Day]) -> [Day: String] {
    var out: [Day: String] = [:]
    for (version, day) in releases.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
      for offset in 0...DayFlag.releaseWindowDays where out[day.adding(days: offset)] == nil {
        out[day.adding(days: offset)] = "release \(version) (\(day))"
      }
    }
    return out
  }

  /// The outage-calendar days of `source` between `first` and `last`.
  public static func outageDays(source: String, from first: Day, through last: Day, calendar: [OutageCalendar.Window] = OutageCalendar.known) -> [Day: String] {
    var out: [Day: String] = [:]
    for window in calendar where window.sources.contains(source) && window.last >= first && window.first <= last {
      for day in (max(first, window.first)...min(last, window.last)).days where out[day] == nil { out[day] = window.note }
    }
    return out
  }
}

/// Every metric of every source, by name: what rules are matched against and windows are
/// computed over. Release days of a subject are shared by all its metrics (a release spikes
/// pypistats' downloads as much as the download log's).
public struct MetricCatalog: Sendable {
  public private(set) var metrics: [MetricName: Metric] = [:]

  public init(_ metrics: [Metric] = []) {
    for m in metrics { add(m) }
  }

  public mutating func add(_ metric: Metric) {
    guard !metric.isEmpty else { return }
    metrics[metric.name] = metric
  }

  public var names: [MetricName] { metrics.keys.sorted() }

  public subscript(name: MetricName) -> Metric? { metrics[name] }

  /// The metrics a rule's name or pattern picks, by name.
  public func matching(_ pattern: MetricName) -> [Metric] {
    if !pattern.isPattern { return metrics[pattern].map { [$0] } ?? [] }
    return metrics.values.filter { pattern.matches($0.name) }.sorted { $0.name < $1.name }
  }

  /// Gives every metric of a subject the release days any metric of that subject knows.
  public mutating func shareReleaseDays() {
    var releases: [String: [Day: String]] = [:]
    for m in metrics.values {
      for (day, reason) in m.excluded where reason.hasPrefix("release ") {
        if let held = releases[m.name.subject]?[day], held <= reason { continue }
        releases[m.name.subject, default: [:]][day] = reason
      }
    }
    for (name, var m) in metrics {
      for (day, reason) in releases[name.subject] ?? [:] where m.excluded[day] == nil { m.excluded[day] = reason }
      metrics[name] = m
    }
  }
}
