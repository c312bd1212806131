/// A daily count as charts see it: the days whose value is known, the days still counting
/// (provisional: drawn lighter), and the days nobody observed (holes: drawn as gaps, never as
/// zeros). A day between the first and last known day that has no value is unknown too.
public struct DailySeries: Equatable, Sendable {
  public var values: [Day: Int64]
  public var provisional: Set<Day>
  /// Coverage holes: days inside them are unknown even where a partial value was stored.
  public var holes: [ClosedRange<Day>]

  public init(values: [Day: Int64], provisional: Set<Day> = [], holes: [ClosedRange<Day>] = []) {
    self.values = values
    self.provisional = provisional
    self.holes = holes
  }

  public var first: Day? { values.keys.min() }
  public var last: Day? { values.keys.max() }

  /// The value of a day, nil when it is unknown.
  public func value(_ d: Day) -> Int64? {
    if holes.contains(where: { $0.contains(d) }) { return nil }
    return values[d]
  }

  /// The trailing 7-day mean ending at `d`, only when all seven days are known: a mean never
  /// reaches across a gap.
  public func mean7(_ d: Day) -> Double? {
    var sum: Int64 = 0
    for i in 0..<7 {
      guard let v = value(d.adding(days: -i)) else { return nil }
      sum += v
    }
    return Double(sum) / 7
  }
}

/// A dated mark on a chart: a release (`v1.2.0`) or, with a range, an upstream outage.
public struct ChartMarker: Equatable, Sendable {
  public var first: Day
  public var last: Day
  public var label: String

  public init(_ day: Day, _ label: String) { self.init(day, day, label) }

  public init(_ first: Day, _ last: Day, _ label: String) {
    self.first = first
    self.last = last
    self.label = label
  }

  /// The outage calendar's windows for a source that touch `range`.
  public static func outages(source: String, in range: ClosedRange<Day>, calendar: [OutageCalendar.Window] = OutageCalendar.known) -> [ChartMarker] {
    calendar.filter { $0.sources.contains(source) && $0.first <= range.upperBound && range.lowerBound <= $0.last }
      .map { ChartMarker(max($0.first, range.lowerBound), min($0.last, range.upperBound), $0.note) }
  }
}
