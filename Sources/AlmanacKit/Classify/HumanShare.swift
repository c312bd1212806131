/// The daily share of downloads that could have been a person (`audience/could_be_human` over
/// all downloads), in percent: an **upper bound**, because pip and uv also run in CI and the
/// ClickHouse data has no CI flag. "Typically ~97% of downloads are bots" is `100 − typical`.
public enum HumanShare {
  public struct Point: Equatable, Sendable {
    public var day: Day
    public var couldBeHuman: Int64
    public var total: Int64
    /// Rounded to 0.1.
    public var percent: Double
    /// In a release window or a known outage: shown, but not part of baselines.
    public var excluded: Bool
  }

  /// One point per day that has `audience` rows in `series`.
  public static func daily(_ series: Series, flags: [DayFlag] = []) -> [Point] {
    let human = series.values(Dimension.audience, Audience.couldBeHuman)
    let bot = series.values(Dimension.audience, Audience.bot)
    let flagged = DayFlag.excludedDays(flags, package: series.package)
    return Set(human.keys).union(bot.keys).sorted().map { day in
      let h = human[day] ?? 0
      let total = h + (bot[day] ?? 0)
      return Point(day: day, couldBeHuman: h, total: total, percent: percent(h, of: total), excluded: flagged.contains(day))
    }
  }

  /// The median share over the baseline days (not excluded, with downloads) among the last
  /// `lastDays` days of `points`; nil when there are none.
  public static func typical(_ points: [Point], lastDays: Int = 30) -> Double? {
    guard let newest = points.last?.day else { return nil }
    let shares = points.filter { !$0.excluded && $0.total > 0 && newest - $0.day < lastDays }.map(\.percent).sorted()
    guard !shares.isEmpty else { return nil }
    let mid = shares.count / 2
    let median = shares.count % 2 == 1 ? shares[mid] : (shares[mid - 1] + shares[mid]) / 2
    return (median * 10).rounded() / 10
  }

  static func percent(_ part: Int64, of total: Int64) -> Double {
    guard total > 0 else { return 0 }
    return (Double(part) / Double(total) * 1000).rounded() / 10
  }
}

extension Series {
  /// A classified record set as a series (every point from its snapshot), for the summary
  /// builders when no merged series exists yet.
  public init(classified: RecordSet, package: String) {
    var points: [Key: Point] = [:]
    var source = ""
    for r in classified.records where r.package == package {
      source = r.source
      points[Key(dimension: r.dimension, category: r.category, date: r.date)] = Point(downloads: r.downloads, snapshot: classified.snapshot)
    }
    self.init(package: package, source: source, points: points)
  }

  /// Release days inferred from the per-version dimensions: the first day each version has
  /// downloads, except versions already present on the series' first day.
  public var inferredReleases: [String: Day] {
    var first: [String: Day] = [:]
    var start: Day?
    for (key, point) in points where key.dimension.hasPrefix(Dimension.versionClassPrefix) && point.downloads > 0 {
      if first[key.category].map({ key.date < $0 }) ?? true { first[key.category] = key.date }
      if start.map({ key.date < $0 }) ?? true { start = key.date }
    }
    return first.filter { $0.value != start }
  }
}
