/// Every day of views and clones ever seen for one repository, merged from overlapping 14-day
/// windows (DESIGN.md, "Where the code moved on": the traffic merge rule).
///
/// A snapshot taken on day S shows the window S−14 … S. Both edges are partial: today (S) is
/// still counting, and the oldest day is cut at the window's sub-day boundary; S−13 … S−1 are
/// complete. So, per date and metric:
///
/// - the value is the maximum over every snapshot that showed the date (count and uniques each);
/// - it is `provisional` until a snapshot showed the date as a complete day;
/// - inside a window a day GitHub left out is an observed zero, which never lowers a known value
///   (the maximum) and never touches the other metric; the oldest day, S−14, is the exception:
///   GitHub's window may start after it, so leaving it out says nothing;
/// - days that rolled out of the window stay forever (nothing is ever removed);
/// - a window that is all zero while a day inside it is known to have traffic is GitHub's
///   outage, not data: it is recorded as an outage and changes nothing;
/// - the 14-day totals (uniques de-duplicated by GitHub) are kept per snapshot as their own
///   series; a sum of daily uniques is only ever called that.
///
/// `snapshot` on a point names the earliest snapshot that gave its current value, so a night
/// that repeats a value changes no byte. Applying snapshots in any order, or twice, gives the
/// same history.
public struct TrafficHistory: Equatable, Sendable {
  public typealias Metric = TrafficWindow.Metric
  public typealias Count = TrafficWindow.Count

  public struct Key: Hashable, Comparable, Sendable {
    public var date: Day
    public var metric: Metric
    public init(date: Day, metric: Metric) {
      self.date = date
      self.metric = metric
    }
    public static func < (a: Key, b: Key) -> Bool { (a.date, a.metric) < (b.date, b.metric) }
  }

  public struct Point: Equatable, Sendable {
    public var value: Count
    /// A complete day showed this date (false: only today's or the cut oldest day's value).
    public var complete: Bool
    public var snapshot: Day
    public init(value: Count, complete: Bool, snapshot: Day) {
      self.value = value
      self.complete = complete
      self.snapshot = snapshot
    }
  }

  /// GitHub's own 14-day figures from one snapshot.
  public struct Window: Equatable, Sendable {
    public var snapshot: Day
    public var metric: Metric
    public var total: Count
    /// All zero while known days inside had traffic: GitHub's outage, not applied.
    public var outage: Bool
    /// False when the window came from a file that had no 14-day unique figure (an imported
    /// github-repo-stats fragment): `total.uniques` is then 0 but means "unknown", and is
    /// stored as an empty cell and shown as unknown, never as 0 visitors.
    public var uniquesKnown: Bool
    public init(snapshot: Day, metric: Metric, total: Count, outage: Bool, uniquesKnown: Bool = true) {
      self.snapshot = snapshot
      self.metric = metric
      self.total = total
      self.outage = outage
      self.uniquesKnown = uniquesKnown
    }
    /// GitHub's de-duplicated 14-day uniques, nil when the source did not give them.
    public var uniques: Int64? { uniquesKnown ? total.uniques : nil }
    public var first: Day { TrafficHistory.window(of: snapshot).lowerBound }
    public var last: Day { snapshot }
  }

  public var points: [Key: Point]
  /// Keyed by snapshot and metric; one window per night and metric.
  public var windows: [Key: Window]

  public init(points: [Key: Point] = [:], windows: [Key: Window] = [:]) {
    self.points = points
    self.windows = windows
  }

  /// The days a snapshot taken on `snapshot` shows.
  public static func window(of snapshot: Day) -> ClosedRange<Day> { snapshot.adding(days: -14)...snapshot }
  /// The days it shows completely.
  public static func completeDays(of snapshot: Day) -> ClosedRange<Day> { snapshot.adding(days: -13)...snapshot.adding(days: -1) }

  public enum Applied: Equatable, Sendable {
    /// Applied; `changed` points were added or raised.
    case merged(changed: Int)
    /// All zero where known days had traffic: recorded as an outage, nothing overwritten.
    case outage
  }

  /// `uniquesKnown`: false when the window's total has no unique figure (see `Window`); such a
  /// window never replaces a stored one of the same night that has it (a worse answer).
  @discardableResult
  public mutating func apply(_ window: TrafficWindow, snapshot: Day, uniquesKnown: Bool = true) -> Applied {
    let metric = window.metric
    let key = Key(date: snapshot, metric: metric)
    let keepStored = !uniquesKnown && windows[key]?.uniquesKnown == true
    let complete = Self.completeDays(of: snapshot)
    if window.isAllZero, complete.days.contains(where: { (points[Key(date: $0, metric: metric)]?.value.count ?? 0) > 0 }) {
      if !keepStored { windows[key] = Window(snapshot: snapshot, metric: metric, total: window.total, outage: true, uniquesKnown: uniquesKnown) }
      return .outage
    }
    if !keepStored { windows[key] = Window(snapshot: snapshot, metric: metric, total: window.total, outage: false, uniquesKnown: uniquesKnown) }
    var changed = 0
    let oldest = snapshot.adding(days: -14)
    for day in Self.window(of: snapshot).days {
      // GitHub's window may start at S−13 (its oldest edge moves with the time of day), so an
      // S−14 it did not list is not known to be inside it: no zero is inferred for that day.
      guard let seen = window.days[day] ?? (day == oldest ? nil : .zero) else { continue }
      if observe(seen, on: day, metric: metric, snapshot: snapshot, complete: complete.contains(day)) { changed += 1 }
    }
    return .merged(changed: changed)
  }

  /// One observation of a day: the maximum rule, `complete` once any observation was. True
  /// when the stored point changed. (Imports of other tools' files use it directly.)
  @discardableResult
  public mutating func observe(_ seen: Count, on day: Day, metric: Metric, snapshot: Day, complete isComplete: Bool) -> Bool {
    let key = Key(date: day, metric: metric)
    guard var point = points[key] else {
      points[key] = Point(value: seen, complete: isComplete, snapshot: snapshot)
      return true
    }
    let before = point
    let merged = Count(count: max(point.value.count, seen.count), uniques: max(point.value.uniques, seen.uniques))
    if merged != point.value {
      point.value = merged
      // The snapshot that gave the maximum; an equal value from an older one keeps the older.
      point.snapshot = snapshot
    } else if seen == merged, snapshot < point.snapshot {
      point.snapshot = snapshot
    }
    if isComplete { point.complete = true }
    points[key] = point
    return point.value != before.value || point.complete != before.complete
  }

  /// Dates between the first and last complete day that no snapshot showed completely: the
  /// nights that did not run for 14 days or more. Oldest first, as closed ranges.
  public var holes: [ClosedRange<Day>] {
    var covered = Set<Day>()
    for w in windows.values where !w.outage { covered.formUnion(Self.completeDays(of: w.snapshot).days) }
    guard let first = covered.min(), let last = covered.max() else { return [] }
    var out: [ClosedRange<Day>] = []
    var start: Day?
    for day in (first...last).days {
      if covered.contains(day) {
        if let s = start { out.append(s...day.adding(days: -1)); start = nil }
      } else if start == nil {
        start = day
      }
    }
    return out
  }

  public func values(_ metric: Metric) -> [Day: Count] {
    var out: [Day: Count] = [:]
    for (key, point) in points where key.metric == metric { out[key.date] = point.value }
    return out
  }
}
