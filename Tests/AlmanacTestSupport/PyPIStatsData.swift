/// The truth behind the pypistats.org fake: what one package was downloaded, day by day.
///
/// Dates are `YYYY-MM-DD`. Zero counts are allowed here and simply produce no row, as on the
/// real site (series are sparse). Two entries for the same date and category are added up.
public struct PyPIStatsData: Sendable, Equatable {
  /// The `overall` truth for one day.
  public struct DailyTotal: Sendable, Equatable {
    public var date: String
    public var withMirrors: Int
    public var withoutMirrors: Int

    public init(_ date: String, withMirrors: Int, withoutMirrors: Int) {
      self.date = date
      self.withMirrors = withMirrors
      self.withoutMirrors = withoutMirrors
    }
  }

  /// Downloads on one day in one category, such as `("2026-11-20", "3.12", 40)` or
  /// `("2026-11-20", "Linux", 90)`.
  public struct CategoryCount: Sendable, Equatable {
    public var date: String
    public var category: String
    public var downloads: Int

    public init(_ date: String, _ category: String, _ downloads: Int) {
      self.date = date
      self.category = category
      self.downloads = downloads
    }
  }

  /// The name as the site stores it: lowercase, `-` for `.` and `_` (e.g. `typing-extensions`).
  public var package: String
  public var days: [DailyTotal]
  /// Categories such as `3.12`, `2.7`, `null` (strings, never numbers).
  public var pythonMinor: [CategoryCount]
  /// Categories `Darwin`, `Linux`, `Windows`, `other`, `null`, spelt as the site spells them.
  public var system: [CategoryCount]

  public init(
    package: String, days: [DailyTotal], pythonMinor: [CategoryCount] = [],
    system: [CategoryCount] = []
  ) {
    self.package = package
    self.days = days
    self.pythonMinor = pythonMinor
    self.system = system
  }

  /// One row of a pypistats.org series.
  struct Row: Equatable {
    var category: String
    var date: String
    var downloads: Int
  }

  var overallRows: [Row] {
    Self.rows(
      days.map { CategoryCount($0.date, "with_mirrors", $0.withMirrors) }
        + days.map { CategoryCount($0.date, "without_mirrors", $0.withoutMirrors) })
  }

  var pythonMinorRows: [Row] { Self.rows(pythonMinor) }

  /// `python_major` as the site derives it: the part of the minor version before the dot.
  var pythonMajorRows: [Row] {
    Self.rows(
      pythonMinor.map {
        CategoryCount($0.date, String($0.category.prefix { $0 != "." }), $0.downloads)
      })
  }

  var systemRows: [Row] { Self.rows(system) }

  /// Sums duplicates, drops zeros, orders by category then date in byte order, like `ORDER BY`
  /// under the C collation. (The site's Postgres collation is not known; under `en_US` the
  /// system categories would sort `Darwin, Linux, null, other, Windows`.)
  static func rows(_ counts: [CategoryCount]) -> [Row] {
    var totals: [String: [String: Int]] = [:]
    for count in counts {
      totals[count.category, default: [:]][count.date, default: 0] += count.downloads
    }
    let before: (String, String) -> Bool = { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return totals.keys.sorted(by: before).flatMap { category in
      let byDate = totals[category] ?? [:]
      return byDate.keys.sorted(by: before).compactMap { date in
        let downloads = byDate[date] ?? 0
        return downloads == 0 ? nil : Row(category: category, date: date, downloads: downloads)
      }
    }
  }
}
