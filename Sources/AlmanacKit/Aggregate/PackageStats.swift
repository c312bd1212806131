/// The figures a person asks for first, computed from a package's merged series as of a day.
///
/// Download counts are pypistats.org's `without_mirrors` series (what pypistats.org and shields
/// show; CI and bots included). `last_week` and `last_month` follow pypistats' own `recent`
/// definitions: the 7 and 30 days ending at the newest day the source has.
public struct PackageStats: Equatable, Sendable {
  public struct Share: Equatable, Sendable {
    public var name: String
    public var downloads: Int64
  }

  public var package: String
  public var asOf: Day
  public var firstDay: Day?
  public var lastDay: Day?
  public var days: Int
  public var totalDownloads: Int64
  public var totalWithMirrors: Int64
  public var lastDayDownloads: Int64
  public var lastWeek: Int64
  public var lastMonth: Int64
  public var previousMonth: Int64
  public var topVersions: [Share]
  public var topSystems: [Share]
  public var daily: [(day: Day, downloads: Int64, mirror: Int64)]

  public static func == (a: PackageStats, b: PackageStats) -> Bool {
    a.package == b.package && a.asOf == b.asOf && a.totalDownloads == b.totalDownloads && a.days == b.days
      && a.lastWeek == b.lastWeek && a.lastMonth == b.lastMonth && a.topVersions == b.topVersions
      && a.topSystems == b.topSystems
  }

  public var averageDaily: Double {
    days == 0 ? 0 : (Double(totalDownloads) / Double(days) * 100).rounded() / 100
  }

  /// Share of all downloads (with mirrors) made by the four mirror tools, in percent.
  public var mirrorPercent: Double {
    totalWithMirrors == 0 ? 0 : (Double(totalWithMirrors - totalDownloads) / Double(totalWithMirrors) * 1000).rounded() / 10
  }

  public static let topCount = 10

  public init(series: Series, asOf: Day) {
    package = series.package
    self.asOf = asOf
    let without = series.values(Dimension.overall, "without_mirrors").filter { $0.key <= asOf }
    let with = series.values(Dimension.overall, "with_mirrors").filter { $0.key <= asOf }
    let days = without.keys.sorted()
    firstDay = days.first
    lastDay = days.last
    self.days = days.count
    totalDownloads = without.values.reduce(0, +)
    totalWithMirrors = with.values.reduce(0, +)
    let newest = days.last ?? asOf
    func sum(_ range: ClosedRange<Int>) -> Int64 {
      without.reduce(0) { acc, kv in range.contains(newest - kv.key) ? acc + kv.value : acc }
    }
    lastDayDownloads = without[newest] ?? 0
    lastWeek = sum(0...6)
    lastMonth = sum(0...29)
    previousMonth = sum(30...59)
    daily = days.map { ($0, without[$0] ?? 0, max(0, (with[$0] ?? 0) - (without[$0] ?? 0))) }
    func top(_ dimension: String) -> [Share] {
      var totals: [String: Int64] = [:]
      for (key, point) in series.points where key.dimension == dimension && key.date <= asOf {
        totals[key.category, default: 0] += point.downloads
      }
      return totals.filter { $0.value > 0 }
        .map { Share(name: $0.key, downloads: $0.value) }
        .sorted { $0.downloads != $1.downloads ? $0.downloads > $1.downloads : $0.name < $1.name }
        .prefix(Self.topCount).map { $0 }
    }
    topVersions = top(Dimension.pythonMinor)
    topSystems = top(Dimension.system)
  }
}
