import Testing

@testable import AlmanacKit

/// Ten years on one chart without lying: weekly or monthly sums, partial periods said and drawn
/// apart, gaps kept, releases kept, and path data that stays small (issue 12 §2's page budget).
@Suite struct LongRangeChartTests {
  /// The `d` of the first `<path class="cls" …>`.
  static func path(_ svg: String, _ cls: String) -> String {
    String(svg.components(separatedBy: "<path class=\"\(cls)\" d=\"").dropFirst().first?.prefix { $0 != "\"" } ?? "")
  }

  static func subpaths(_ d: String) -> Int { d.filter { $0 == "M" || $0 == "m" }.count }

  /// 10 a day from 2016-11-24 to 2026-11-21, without the days in `missing`.
  static func tenYears(missing: [ClosedRange<Day>] = []) -> DailySeries {
    var values: [Day: Int64] = [:]
    for d in (day("2016-11-24")...day("2026-11-21")).days where !missing.contains(where: { $0.contains(d) }) { values[d] = 10 }
    return DailySeries(values: values, provisional: [day("2026-11-20"), day("2026-11-21")])
  }

  @Test func theResolutionFollowsTheSpan() {
    func span(_ n: Int) -> ClosedRange<Day> { day("2020-01-01")...day("2020-01-01").adding(days: n - 1) }
    #expect([7, 90, 365, 400].map { ChartResolution.of(span($0)) } == [.day, .day, .day, .day])
    #expect([401, 1500].map { ChartResolution.of(span($0)) } == [.week, .week])
    #expect([1501, 3650].map { ChartResolution.of(span($0)) } == [.month, .month])
  }

  @Test func tenYearsAreMonthlySumsAndAPartialMonthIsOutlinedNotADip() {
    let series = Self.tenYears(missing: [day("2020-03-15")...day("2020-09-10"), day("2023-05-17")...day("2023-05-17")])
    let chart = DailySeriesChart(title: "t", unit: "downloads", series: series, dailySource: "stats/series/pypistats/t.csv").render()
    #expect(chart.svg.contains(">downloads per month (monthly sums)</text>"))
    #expect(chart.svg.contains(">partial: not every day known</text>"))
    #expect(!chart.svg.contains("7-day mean"))  // a daily mean on monthly sums would be a different scale
    // Whole months are sums; a month cut by a hole, an unknown day or either end says how much is known.
    for row in [
      "<td>2016-11</td><td class=\"n\">70</td><td>7 of 30</td><td></td>",
      "<td>2020-03</td><td class=\"n\">140</td><td>14 of 31</td><td></td>",
      "<td>2020-04</td><td class=\"n\">no data</td><td>0 of 30</td><td>no data</td>",
      "<td>2023-05</td><td class=\"n\">300</td><td>30 of 31</td><td></td>",
      "<td>2024-02</td><td class=\"n\">290</td><td>29 of 29</td><td></td>",
      "<td>2026-11</td><td class=\"n\">210</td><td>21 of 30</td><td>provisional</td>",
    ] {
      #expect(chart.table.contains(row), "\(row)")
    }
    #expect(chart.table.contains("Every day: stats/series/pypistats/t.csv."))
    #expect(chart.svg.contains("<title>no data 2020-04-01 to 2020-08-31</title>"))
    // 121 months: 5 partial (outlined, closed), 5 unknown (the gap), 111 whole bars.
    #expect(Self.path(chart.svg, "bq").filter { $0 == "z" }.count == 5)
    #expect(Self.subpaths(Self.path(chart.svg, "b")) == 111)
    #expect(!chart.svg.contains("class=\"bp\""))  // the provisional days are in the partial month
    let rows = chart.table.components(separatedBy: "<tr>").count - 2
    #expect(rows == 121)
  }

  @Test func weeksRunMondayToSundayAndAreLabelledByTheirMonday() {
    var values: [Day: Int64] = [:]
    for d in (day("2024-01-03")...day("2025-12-31")).days { values[d] = 1 }
    let chart = DailySeriesChart(title: "t", unit: "views", series: DailySeries(values: values)).render()
    #expect(chart.svg.contains(">views per week (weekly sums)</text>"))
    #expect(chart.table.contains("<tr><td>week of 2024-01-01</td><td class=\"n\">5</td><td>5 of 7</td><td></td></tr>"))
    #expect(chart.table.contains("<tr><td>week of 2024-01-08</td><td class=\"n\">7</td><td>7 of 7</td><td></td></tr>"))
  }

  @Test func aYearIsDrawnDayByDayAndTabledByWeek() {
    var values: [Day: Int64] = [:]
    for d in (day("2024-11-22")...day("2026-11-21")).days { values[d] = Int64(10 + d.ordinal % 7) }
    let series = DailySeries(values: values, provisional: [day("2026-11-20"), day("2026-11-21")])
    let year = DailySeriesChart(title: "t", unit: "downloads", series: series, range: day("2025-11-22")...day("2026-11-21"), dailySource: "f.csv").render()
    #expect(year.svg.contains(">downloads per day</text>") && year.svg.contains(">7-day mean</text>"))
    // One bar a day (each day's value differs from the day before): a step outline of the
    // complete days, the two provisional ones lighter.
    #expect(Self.path(year.svg, "b").filter { $0 == "h" }.count == 363)
    #expect(Self.path(year.svg, "bp").filter { $0 == "h" }.count == 2)
    #expect(year.table.contains("<th>week</th>") && year.table.contains("Every day: f.csv."))
    let quarter = DailySeriesChart(title: "t", unit: "downloads", series: series, range: day("2026-08-24")...day("2026-11-21")).render()
    #expect(quarter.table.contains("<th>date</th>"))
    #expect(quarter.table.components(separatedBy: "<tr>").count - 2 == 90)
  }

  @Test func releasesStayMarkedOnTenYears() {
    let releases = (0..<20).map { ChartMarker(day("2016-12-01").adding(days: $0 * 180), "v\($0).0") }
    let chart = DailySeriesChart(title: "t", unit: "downloads", series: Self.tenYears(), releases: releases).render()
    #expect(chart.svg.components(separatedBy: "<g class=\"rl\">").count - 1 == 20)
    #expect(chart.svg.contains("<title>release v19.0 (\(day("2016-12-01").adding(days: 19 * 180)))</title>"))
    for r in releases { #expect(chart.table.contains("release \(r.label)")) }
  }

  @Test func pathDataIsRelativeShortAndDoesNotDrift() {
    var pen = PathPen()
    pen.move(10.04, 20.4)
    pen.line(10.55, 25.6)
    pen.vertical(20)
    #expect(pen.d == "M10,20l.6,6v-6")
    #expect(PathPen.number(-5) == "-.5" && PathPen.number(123) == "12.3" && PathPen.number(-40) == "-4")
    // A hundred steps of 0.33 (each followed by a step up or down) end where one step of 33
    // would: each is measured from the rounded point, never from the unrounded one.
    var steps = PathPen()
    steps.move(0, 0)
    for i in 1...100 {
      steps.horizontal(Double(i) * 0.33)
      steps.vertical(Double(i % 2))
    }
    var tokens: [String] = []
    for c in steps.d { if c.isLetter { tokens.append(String(c)) } else { tokens[tokens.count - 1].append(c) } }
    let total = tokens.filter { $0.hasPrefix("h") }.compactMap { Double($0.dropFirst()) }.reduce(0, +)
    #expect(tokens.filter { $0.hasPrefix("h") }.count == 100)
    #expect(abs(total - 33) < 1e-9)
    // Steps one way in a row are one step.
    var run = PathPen()
    run.move(0, 0)
    for i in 1...5 { run.horizontal(Double(i)) }
    run.vertical(-3)
    run.vertical(-4)
    run.horizontal(2)
    #expect(run.d == "M0,0h5v-4h-3")
  }

  @Test func theCalendarOutlinesProvisionalAndUnknownDays() {
    var values: [Day: Int64] = [:]
    for d in (day("2025-11-01")...day("2026-11-21")).days where !(day("2026-03-01")...day("2026-03-10")).contains(d) { values[d] = Int64(d.ordinal % 9) }
    let series = DailySeries(values: values, provisional: [day("2026-11-20"), day("2026-11-21")])
    let svg = CalendarHeatmap(title: "t", unit: "views", series: series).render().svg
    #expect(Self.path(svg, "hp").filter { $0 == "z" }.count == 2)
    #expect(svg.contains(">provisional</text>"))
    let end = day("2026-11-21"), start = end.adding(days: 7 - end.isoWeekday).adding(days: -53 * 7 + 1)
    let unknown = (start...end).days.filter { series.value($0) == nil }.count
    #expect(Self.path(svg, "hu").filter { $0 == "z" }.count == unknown)
    let shaded = (0...5).map { Self.path(svg, "h\($0)").filter { $0 == "z" }.count }.reduce(0, +)
    #expect(shaded + unknown == end - start + 1)
  }

  @Test func growthIsAStepPerPixelAtMostAndEndsOnTheTotal() {
    let perDay = Dictionary(uniqueKeysWithValues: (day("2016-11-24")...day("2026-11-21")).days.map { ($0, Int64(1)) })
    let chart = GrowthChart(title: "t", unit: "stars", lines: [GrowthChart.Line(name: "o/r", perDay: perDay)], scale: .linear).render()
    let d = Self.path(chart.svg, "gl c0")
    #expect(d.filter { $0 == "h" }.count <= 534)  // the plot is 534 units wide
    #expect(chart.svg.contains(">o/r 3.6k</text>"))
    #expect(chart.table.contains("<tr><td>2026-11-21</td><td class=\"n\">3,650</td></tr>"))
  }
}
