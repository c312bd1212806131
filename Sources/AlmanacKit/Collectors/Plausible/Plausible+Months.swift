extension Plausible {
  /// A calendar month from daily figures. Counts add up (visitors are the sum of daily
  /// visitors, not unique visitors over the month); duration and bounce rate are rates per
  /// visit, so the month's figure is their average weighted by each day's visits, never the
  /// mean of the daily figures (a quiet day with a 100% bounce rate must not count like a busy
  /// one).
  public struct Month: Equatable, Sendable {
    public var month: String
    public var days: Int
    public var sumOfDailyVisitors: Int64
    public var visits: Int64
    public var pageviews: Int64
    public var visitDuration: Double
    public var bounceRate: Double
  }

  public static func months(_ days: [Day]) -> [Month] {
    let byMonth = Dictionary(grouping: days) { String($0.date.description.prefix(7)) }
    return byMonth.keys.sorted().map { key in
      let mine = byMonth[key] ?? []
      let visits = mine.reduce(Int64(0)) { $0 + $1.visits }
      func weighted(_ value: (Day) -> Double) -> Double {
        guard visits > 0 else { return 0 }
        return mine.reduce(0.0) { $0 + value($1) * Double($1.visits) } / Double(visits)
      }
      return Month(
        month: key, days: mine.count, sumOfDailyVisitors: mine.reduce(0) { $0 + $1.visitors }, visits: visits,
        pageviews: mine.reduce(0) { $0 + $1.pageviews }, visitDuration: weighted(\.visitDuration), bounceRate: weighted(\.bounceRate))
    }
  }
}
