import Testing

@testable import AlmanacKit

/// Builds series the way aggregate leaves them.
func series(_ values: [(dimension: String, category: String, date: Day, downloads: Int64)], package: String = "demo-pkg") -> Series {
  var s = Series(package: package, source: "pypistats")
  for v in values {
    s.points[Series.Key(dimension: v.dimension, category: v.category, date: v.date)] = .init(downloads: v.downloads, snapshot: v.date.adding(days: 1))
  }
  return s
}

@Suite struct PackageStatsTests {
  static let newest = day("2026-11-19")

  /// 80 days ending 2026-11-19: 10 downloads a day without mirrors (25 on the newest), 12 with.
  static let eightyDays: Series = {
    let days = (newest.adding(days: -79)...newest).days
    return series(days.flatMap { d in
      [("overall", "without_mirrors", d, Int64(d == newest ? 25 : 10)), ("overall", "with_mirrors", d, Int64(d == newest ? 30 : 12))]
    })
  }()

  @Test func totalsTheDownloadsWithoutMirrors() {
    let stats = PackageStats(series: Self.eightyDays, asOf: day("2026-11-20"))
    #expect(stats.package == "demo-pkg")
    #expect(stats.days == 80)
    #expect(stats.firstDay == day("2026-09-01"))
    #expect(stats.lastDay == Self.newest)
    #expect(stats.totalDownloads == 79 * 10 + 25)
    #expect(stats.totalWithMirrors == 79 * 12 + 30)
    #expect(stats.averageDaily == 10.19)
    #expect(stats.mirrorPercent == 16.7)
    #expect(stats.daily.count == 80)
    #expect(stats.daily.last.map { [$0.downloads, $0.mirror] } == [25, 5])
  }

  @Test func countsTheLastWeekAndMonthBackFromTheNewestDay() {
    // The as-of date is five days after the newest day the source has: the windows still end at the newest day.
    let stats = PackageStats(series: Self.eightyDays, asOf: day("2026-11-24"))
    #expect(stats.lastDayDownloads == 25)
    #expect(stats.lastWeek == 6 * 10 + 25)
    #expect(stats.lastMonth == 29 * 10 + 25)
    #expect(stats.previousMonth == 30 * 10)
  }

  @Test func ignoresDaysAfterTheAsOfDate() {
    let stats = PackageStats(series: Self.eightyDays, asOf: day("2026-11-09"))
    #expect(stats.days == 70)
    #expect(stats.lastDay == day("2026-11-09"))
    #expect(stats.totalDownloads == 700)
    #expect(stats.lastWeek == 70)
    #expect(stats.lastMonth == 300)
    #expect(stats.lastDayDownloads == 10)
  }

  @Test func hasNothingToSayBeforeTheFirstDay() {
    let stats = PackageStats(series: Self.eightyDays, asOf: day("2026-01-01"))
    #expect(stats.days == 0)
    #expect(stats.firstDay == nil)
    #expect(stats.totalDownloads == 0)
    #expect(stats.averageDaily == 0)
    #expect(stats.mirrorPercent == 0)
    #expect(stats.lastWeek == 0)
    #expect(stats.topVersions.isEmpty)
  }

  @Test(arguments: [
    (100 as Int64, 3, 33.33), (200, 3, 66.67), (5, 2, 2.5), (7, 7, 1), (1, 8, 0.13), (2, 3, 0.67), (27_234_697_969, 181, 150_467_944.58),
  ])
  func roundsTheDailyAverageToCents(_ total: Int64, _ days: Int, _ average: Double) {
    let start = day("2026-01-01")
    let s = series((0..<days).map { ("overall", "without_mirrors", start.adding(days: $0), $0 == 0 ? total : 0) })
    #expect(PackageStats(series: s, asOf: day("2027-01-01")).averageDaily == average)
  }

  @Test func ranksVersionsAndSystemsByDownloadsThenName() {
    let d1 = day("2026-11-18"), d2 = day("2026-11-19")
    let s = series([
      ("python_minor", "3.12", d1, 60), ("python_minor", "3.12", d2, 40), ("python_minor", "3.9", d1, 40),
      ("python_minor", "3.10", d2, 40), ("python_minor", "2.7", d1, 0), ("python_minor", "null", d2, 5),
      ("system", "Linux", d2, 90), ("system", "Windows", d2, 9), ("system", "Darwin", d2, 9),
    ])
    let stats = PackageStats(series: s, asOf: d2)
    #expect(stats.topVersions.map(\.name) == ["3.12", "3.10", "3.9", "null"])
    #expect(stats.topVersions.map(\.downloads) == [100, 40, 40, 5])
    #expect(stats.topSystems.map(\.name) == ["Linux", "Darwin", "Windows"])
    #expect(PackageStats(series: s, asOf: d1).topVersions.map(\.name) == ["3.12", "3.9"])
  }

  @Test func keepsTheTopTen() {
    let d = day("2026-11-19")
    let s = series((1...12).map { ("python_minor", "3.\($0)", d, Int64($0)) })
    let stats = PackageStats(series: s, asOf: d)
    #expect(stats.topVersions.count == 10)
    #expect(stats.topVersions.first?.name == "3.12")
    #expect(stats.topVersions.last?.name == "3.3")
  }
}

@Suite struct SummaryFilesTests {
  static let stats: PackageStats = {
    let d1 = day("2026-11-18"), d2 = day("2026-11-19")
    let s = series([
      ("overall", "without_mirrors", d1, 40), ("overall", "without_mirrors", d2, 60), ("overall", "with_mirrors", d2, 70),
      ("python_minor", "3.10", d2, 35), ("python_minor", "3.9", d2, 25), ("system", "Linux", d1, 40), ("system", "Windows", d2, 60),
    ])
    return PackageStats(series: s, asOf: day("2026-11-20"))
  }()

  @Test func theSeedSummaryHasExactlyTheSeedKeys() throws {
    let summary = SummaryFiles.seedSummary(Self.stats)
    let keys = try #require(summary.objectValue).keys.sorted()
    #expect(keys == ["average_daily", "package", "timestamp", "top_systems", "top_versions", "total_downloads"])
    #expect(summary["top_versions"]?.arrayValue?.compactMap { $0.objectValue?.keys.sorted() } == [["downloads", "version"], ["downloads", "version"]])
    #expect(summary["top_systems"]?.arrayValue?.compactMap { $0.objectValue?.keys.sorted() } == [["downloads", "system"], ["downloads", "system"]])
  }

  @Test func theTimestampIsTheAsOfDateAtMidnightUTC() {
    #expect(SummaryFiles.seedSummary(Self.stats)["timestamp"] == "2026-11-20T00:00:00Z")
  }

  @Test func writesTheSeedSummaryCanonically() {
    #expect(CanonicalJSON.encode(SummaryFiles.seedSummary(Self.stats)) == """
      {
        "average_daily": 50,
        "package": "demo-pkg",
        "timestamp": "2026-11-20T00:00:00Z",
        "top_systems": [
          {
            "downloads": 60,
            "system": "Windows"
          },
          {
            "downloads": 40,
            "system": "Linux"
          }
        ],
        "top_versions": [
          {
            "downloads": 35,
            "version": "3.10"
          },
          {
            "downloads": 25,
            "version": "3.9"
          }
        ],
        "total_downloads": 100
      }

      """)
  }

  @Test func writesAFractionalAverageAsADecimal() {
    let s = series([("overall", "without_mirrors", day("2026-11-17"), 1), ("overall", "without_mirrors", day("2026-11-18"), 1),
                    ("overall", "without_mirrors", day("2026-11-19"), 0)])
    #expect(CanonicalJSON.encodeCompact(SummaryFiles.seedSummary(PackageStats(series: s, asOf: day("2026-11-20")))["average_daily"] ?? .null) == "0.67")
  }

  static let snapshot = RecordSet(snapshot: day("2026-11-20"), records: [
    record("2026-11-19", "overall", "without_mirrors", 52), record("2026-11-17", "overall", "with_mirrors", 50),
    record("2026-11-19", "overall", "with_mirrors", 60), record("2026-11-17", "overall", "without_mirrors", 40),
    record("2026-11-19", "system", "Linux", 48), record("2026-11-20", "recent", "last_day", 52),
    record("2026-11-19", "overall", "with_mirrors", 1, package: "other"),
  ])

  @Test func theDailyCSVListsTheOverallSeriesLikePypistats() {
    #expect(SummaryFiles.dailyCSV(Self.snapshot, package: "demo-pkg") == """
      date,downloads,category
      2026-11-17,50,with_mirrors
      2026-11-19,60,with_mirrors
      2026-11-17,40,without_mirrors
      2026-11-19,52,without_mirrors

      """)
  }

  @Test func theDailyJSONTotalsEachCategory() {
    let classified = MirrorSplit.classify(Self.snapshot).0
    #expect(CanonicalJSON.encode(SummaryFiles.dailyJSON(records: Self.snapshot, classified: classified, package: "demo-pkg")) == """
      {
        "classes": {
          "mirror": 18,
          "non_mirror": 92
        },
        "date": "2026-11-20",
        "format_version": 1,
        "kind": "daily_statistics",
        "overall": {
          "with_mirrors": 110,
          "without_mirrors": 92
        },
        "package": "demo-pkg",
        "python_minor": {},
        "recent": {
          "last_day": 52
        },
        "source": "pypistats",
        "system": {
          "Linux": 48
        },
        "window": {
          "days": 3,
          "first": "2026-11-17",
          "last": "2026-11-19"
        }
      }

      """)
    #expect(SummaryFiles.dailyJSON(records: RecordSet(snapshot: day("2026-11-20"), records: []), classified: nil, package: "x")["window"] == .null)
  }
}
