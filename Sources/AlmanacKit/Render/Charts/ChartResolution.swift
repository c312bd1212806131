/// How finely a dated chart draws its range: a bar per day up to about a year, per calendar
/// week (Monday to Sunday) up to about four years, per calendar month beyond. A week or month
/// bar is the sum of its known days; the table and the legend say which.
public enum ChartResolution: Equatable, Sendable {
  case day, week, month

  /// Daily up to 400 days (the 365-day period stays daily), weekly up to 1,500 days (at most
  /// about 215 bars), monthly beyond.
  public static func of(_ range: ClosedRange<Day>) -> ChartResolution {
    let span = range.upperBound - range.lowerBound + 1
    return span <= 400 ? .day : span <= 1500 ? .week : .month
  }

  /// `per day`, `per week`, `per month`: for titles.
  public var per: String {
    switch self {
    case .day: "per day"
    case .week: "per week"
    case .month: "per month"
    }
  }

  /// `weekly sums`, said in titles and legends of aggregated charts.
  public var sums: String? {
    switch self {
    case .day: nil
    case .week: "weekly sums"
    case .month: "monthly sums"
    }
  }

  /// The calendar period holding `d`: the day, its Monday-to-Sunday week, or its month.
  func period(of d: Day) -> ClosedRange<Day> {
    switch self {
    case .day: return d...d
    case .week:
      let monday = d.adding(days: 1 - d.isoWeekday)
      return monday...monday.adding(days: 6)
    case .month:
      let c = d.components
      let first = d.adding(days: 1 - c.day)
      return first...first.adding(days: Day.daysIn(month: c.month, year: c.year) - 1)
    }
  }

  /// The calendar periods that touch `range`, oldest first.
  func periods(_ range: ClosedRange<Day>) -> [ClosedRange<Day>] {
    var out: [ClosedRange<Day>] = []
    var d = range.lowerBound
    while d <= range.upperBound {
      let p = period(of: d)
      out.append(p)
      d = p.upperBound.adding(days: 1)
    }
    return out
  }

  /// The row label of a period in a table: `2026-11-22`, `week of 2026-11-16`, `2026-11`.
  func label(_ p: ClosedRange<Day>) -> String {
    switch self {
    case .day: return p.lowerBound.description
    case .week: return "week of \(p.lowerBound)"
    case .month: return String(p.lowerBound.description.prefix(7))
    }
  }
}
