import Testing

@testable import AlmanacKit

/// Every chart kind against a golden file in `Tests/Fixtures/render/charts/` (SVG and table
/// fallback together). `ALMANAC_RECORD_FIXTURES=1` rewrites them and fails the run.
@Suite struct ChartGoldenTests {
  /// 60 days from 2026-01-10 with a weekly rhythm; `hole` days are left out.
  static func downloads(from start: String = "2026-01-10", days: Int = 60, hole: Range<Int>? = nil) -> [Day: Int64] {
    var out: [Day: Int64] = [:]
    for i in 0..<days where !(hole?.contains(i) ?? false) {
      let d = day(start).adding(days: i)
      out[d] = Int64(120 + i * 3 + (d.isWeekend ? -60 : 0))
    }
    return out
  }

  @Test func dailyWithHoleProvisionalEdgeReleaseAndOutage() throws {
    var series = DailySeries(values: Self.downloads(hole: 20..<31))
    series.provisional = [day("2026-03-10"), day("2026-03-09")]
    let chart = DailySeriesChart(
      title: "tidewater: downloads per day", unit: "downloads", series: series,
      releases: [ChartMarker(day("2026-01-20"), "1.4.0"), ChartMarker(day("2026-02-25"), "1.5.0")],
      outages: [ChartMarker(day("2026-02-14"), day("2026-02-16"), "pypistats.org two days behind")])
    try Fixtures.expect(chart.render().html(), matches: "render/charts/daily-hole.html")
  }

  @Test func dailyOnALogScale() throws {
    var values: [Day: Int64] = [:]
    for i in 0..<90 { values[day("2025-10-01").adding(days: i)] = Int64(2 + i * i * i / 100) }
    let chart = DailySeriesChart(title: "rocket: downloads per day", unit: "downloads", series: DailySeries(values: values))
    try Fixtures.expect(chart.render().html(), matches: "render/charts/daily-log.html")
  }

  @Test func dailyOverYearsIsBucketed() throws {
    let chart = DailySeriesChart(title: "three years", unit: "views", series: DailySeries(values: Self.downloads(from: "2023-06-01", days: 1100, hole: 400..<580)))
    try Fixtures.expect(chart.render().html(), matches: "render/charts/daily-years.html")
  }

  @Test func emptySeries() throws {
    let chart = DailySeriesChart(title: "nothing yet", unit: "downloads", series: DailySeries(values: [:]))
    try Fixtures.expect(chart.render().html(), matches: "render/charts/daily-empty.html")
  }

  @Test func stackedAreaOfInstallerClassesWithAGap() throws {
    var values: [String: [Day: Int64]] = [:]
    for i in 0..<45 where !(15..<20).contains(i) {
      let d = day("2026-10-01").adding(days: i)
      values["pip", default: [:]][d] = Int64(400 + i * 5)
      values["uv", default: [:]][d] = Int64(50 + i * 4)
      values["bandersnatch", default: [:]][d] = Int64(300)
      values["null", default: [:]][d] = Int64(20)
    }
    let chart = StackedAreaChart(title: "who downloads", unit: "downloads", values: values, order: ["pip", "uv", "bandersnatch"])
    try Fixtures.expect(chart.render().html(), matches: "render/charts/area-classes.html")
  }

  static let versions: [(label: String, value: Int64)] = [
    ("3.12", 5000), ("3.11", 4200), ("3.10", 2100), ("null", 900), ("3.9", 800), ("3.13", 700), ("3.8", 300), ("3.7", 90), ("2.7", 40), ("3.6", 20), ("3.14", 10),
  ]

  @Test func shareBarsWithTopEightAndOther() throws {
    let chart = ShareChart(title: "Python versions", unit: "downloads", shares: Self.versions)
    try Fixtures.expect(chart.render().html(), matches: "render/charts/share-bars.html")
  }

  @Test func donut() throws {
    let chart = ShareChart(title: "Systems", unit: "downloads", shares: [("Linux", 8000), ("Windows", 1500), ("Darwin", 1200), ("", 300)], style: .donut)
    try Fixtures.expect(chart.render().html(), matches: "render/charts/share-donut.html")
  }

  @Test func calendarHeatmapWithAHole() throws {
    var values: [Day: Int64] = [:]
    for i in 0..<371 where !(100..<130).contains(i) { values[day("2025-11-01").adding(days: i)] = Int64((i * 7919) % 23) }
    let chart = CalendarHeatmap(title: "GitHub activity per day", unit: "events", series: DailySeries(values: values))
    try Fixtures.expect(chart.render().html(), matches: "render/charts/heatmap.html")
  }

  @Test func tileMapWithUnknownAndOffGridCountries() throws {
    let chart = TileMap(title: "Downloads by country", unit: "downloads", values: ["US": 9000, "DE": 2500, "GB": 2000, "CN": 1800, "IN": 1500, "FR": 900, "JP": 700, "BR": 300, "": 400, "VA": 5])
    try Fixtures.expect(chart.render().html(), matches: "render/charts/tilemap.html")
  }

  @Test func starGrowthWithReleases() throws {
    var perDay: [Day: Int64] = [:]
    for i in stride(from: 0, to: 200, by: 3) { perDay[day("2026-01-01").adding(days: i)] = Int64(1 + i % 5) }
    let chart = GrowthChart(title: "o/r: stars", unit: "stars", lines: [GrowthChart.Line(name: "o/r", perDay: perDay)],
                            releases: [ChartMarker(day("2026-03-01"), "v1.0"), ChartMarker(day("2026-06-01"), "v1.1")])
    try Fixtures.expect(chart.render().html(), matches: "render/charts/growth-stars.html")
  }

  @Test func repositoriesComparedOnALogScale() throws {
    func line(_ name: String, _ per: Int64) -> GrowthChart.Line {
      var perDay: [Day: Int64] = [:]
      for i in stride(from: 0, to: 400, by: 10) { perDay[day("2025-06-01").adding(days: i)] = per }
      return GrowthChart.Line(name: name, perDay: perDay)
    }
    let chart = GrowthChart(title: "stars, compared", unit: "stars", lines: [line("big/one", 900), line("mid/two", 40), line("small/three", 1)])
    try Fixtures.expect(chart.render().html(), matches: "render/charts/growth-compare.html")
  }
}
