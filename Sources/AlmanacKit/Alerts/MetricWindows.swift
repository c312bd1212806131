/// The figures a person and a rule read off one metric as of a day: 7, 30 and 90-day sums and
/// means, week-over-week and month-over-month change on the same weekday basis (the last 7 days
/// against the 7 before; the last 28 against the 28 before, so both spans hold each weekday
/// equally often), and the all-time sum. Unknown days count in neither sums nor means.
public struct MetricWindows: Equatable, Sendable {
  public struct Span: Equatable, Sendable {
    public var days: Int
    public var sum: Double
    /// Days in the span with a value.
    public var known: Int
    public var mean: Double? { known == 0 ? nil : sum / Double(known) }
  }

  public var name: MetricName
  public var lastDay: Day
  public var lastValue: Double?
  public var spans: [Span]
  public var weekOverWeekPercent: Double?
  public var monthOverMonthPercent: Double?
  public var allTime: Double
  public var allTimeDays: Int

  public static let spanDays = [7, 30, 90]

  /// Windows ending at `asOf` or at the metric's newest day, whichever is earlier; nil when the
  /// metric has no day up to `asOf`.
  public init?(_ metric: Metric, asOf: Day) {
    let last = min(asOf, metric.last)
    guard last >= metric.first else { return nil }
    name = metric.name
    lastDay = last
    lastValue = metric.value(last)
    func span(_ days: Int, endingAt end: Day) -> Span {
      var sum = 0.0
      var known = 0
      for i in 0..<days {
        guard let v = metric.value(end.adding(days: -i)) else { continue }
        sum += v
        known += 1
      }
      return Span(days: days, sum: sum, known: known)
    }
    spans = Self.spanDays.map { span($0, endingAt: last) }
    func change(_ days: Int) -> Double? {
      let now = span(days, endingAt: last), before = span(days, endingAt: last.adding(days: -days))
      // Only whole spans are compared: a week with a gap against a full week is no change.
      guard now.known == days, before.known == days, before.sum > 0 else { return nil }
      return ((now.sum - before.sum) / before.sum * 1000).rounded() / 10
    }
    weekOverWeekPercent = change(7)
    monthOverMonthPercent = change(28)
    var total = 0.0
    var count = 0
    for i in 0...(last - metric.first) where !metric.values[i].isNaN {
      total += metric.values[i]
      count += 1
    }
    allTime = total
    allTimeDays = count
  }

  public func span(_ days: Int) -> Span? { spans.first { $0.days == days } }

  public var json: JSONValue {
    var o: [String: JSONValue] = [
      "last_day": .string(lastDay.description), "last_value": lastValue.map(Self.number) ?? .null,
      "week_over_week_percent": weekOverWeekPercent.map(JSONValue.double) ?? .null,
      "month_over_month_percent": monthOverMonthPercent.map(JSONValue.double) ?? .null,
      "all_time": Self.number(allTime), "all_time_days": .int(Int64(allTimeDays)),
    ]
    for s in spans {
      o["sum_\(s.days)d"] = Self.number(s.sum)
      o["mean_\(s.days)d"] = s.mean.map { Self.number(($0 * 100).rounded() / 100) } ?? .null
      o["known_\(s.days)d"] = .int(Int64(s.known))
    }
    return .object(o)
  }

  /// Integral values as integers, so counts read as counts.
  static func number(_ d: Double) -> JSONValue {
    d == d.rounded() && abs(d) < 9e15 ? .int(Int64(d)) : .double(d)
  }

  public static let topCount = 5

  /// The `windows` object of `summary.json`: every metric's windows, and per source and measure
  /// the subjects with the largest 7, 30 and 90-day sums (top-N per period), largest first.
  public static func summary(_ catalog: MetricCatalog, asOf: Day) -> JSONValue {
    var metrics: [String: JSONValue] = [:]
    var groups: [String: [MetricWindows]] = [:]
    for name in catalog.names {
      guard let metric = catalog[name], let w = MetricWindows(metric, asOf: asOf) else { continue }
      metrics[name.description] = w.json
      groups["\(name.source).\(name.measure)", default: []].append(w)
    }
    var top: [String: JSONValue] = [:]
    for (group, windows) in groups {
      var periods: [String: JSONValue] = [:]
      for days in spanDays {
        let ranked = windows.compactMap { w in w.span(days).map { (w.name.subject, $0.sum) } }
          .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
          .prefix(topCount)
        periods["\(days)d"] = .array(ranked.map { .object(["subject": .string($0.0), "sum": number($0.1)]) })
      }
      top[group] = .object(periods)
    }
    return .object(["as_of": .string(asOf.description), "metrics": .object(metrics), "top": .object(top)])
  }
}
