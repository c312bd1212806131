import Testing

@testable import AlmanacKit

/// What the charts promise, stated one by one (the golden files pin the bytes).
@Suite struct ChartBehaviourTests {
  @Test func aHoleIsAGapNotAZeroAndTheMeanDoesNotBridgeIt() {
    let series = DailySeries(values: ChartGoldenTests.downloads(hole: 20..<31))
    // Every mean whose 7 days touch the hole is undefined.
    for i in 20..<37 { #expect(series.mean7(day("2026-01-10").adding(days: i)) == nil) }
    #expect(series.mean7(day("2026-01-10").adding(days: 37)) != nil)
    let chart = DailySeriesChart(title: "t", unit: "downloads", series: series).render()
    #expect(chart.svg.contains("class=\"gp\""))
    #expect(chart.svg.contains("no data 2026-01-30 to 2026-02-09"))
    // The mean line is two pieces: it lifts the pen at the gap (a move, `M` then relative `m`).
    let mean = chart.svg.components(separatedBy: "class=\"mn\" d=\"").dropFirst().first?.prefix { $0 != "\"" } ?? ""
    #expect(mean.filter { $0 == "M" || $0 == "m" }.count == 2)
    #expect(chart.table.contains("<td>2026-01-30</td><td class=\"n\">no data</td>"))
  }

  @Test func aStoredValueInsideAHoleIsStillUnknown() {
    let series = DailySeries(values: [day("2026-01-01"): 5, day("2026-01-02"): 0, day("2026-01-03"): 7], holes: [day("2026-01-02")...day("2026-01-02")])
    #expect(series.value(day("2026-01-02")) == nil)
    #expect(series.value(day("2026-01-01")) == 5)
  }

  @Test func provisionalDaysAreLighterAndInTheLegend() {
    let series = DailySeries(values: [day("2026-01-01"): 5, day("2026-01-02"): 6], provisional: [day("2026-01-02")])
    let svg = DailySeriesChart(title: "t", unit: "views", series: series).render().svg
    #expect(svg.contains("<path class=\"bp\""))
    #expect(svg.contains(">provisional</text>"))
  }

  @Test func scaleIsLogOnlyWhenTheRangeCallsForIt() {
    #expect(ValueScale.choose([3, 40, 5000]).isLog)
    #expect(!ValueScale.choose([300, 400, 5000]).isLog)
    #expect(!ValueScale.choose([0, 0, 7]).isLog)
    #expect(ValueScale.choose([3, 5000]) == .log(min: 1, max: 10000))
    #expect(ValueScale.choose([0, 1234]) == .linear(max: 1500))
    // One outlier day among a year does not make the year logarithmic; a twentieth of them does.
    let year = [3.0] + Array(repeating: 2000.0, count: 360)
    #expect(ValueScale.choose(year).isLog && ValueScale.typical(year) == .linear)
    #expect(ValueScale.typical(Array(repeating: 3.0, count: 19) + Array(repeating: 2000.0, count: 342)) == .log)
    var days: [Day: Int64] = [:]
    for i in 0..<361 { days[day("2025-11-26").adding(days: i)] = i == 200 ? 3 : 2000 }
    #expect(!DailySeriesChart(title: "t", unit: "downloads", series: DailySeries(values: days)).render().svg.contains("log scale"))
  }

  @Test func ticksReadWell() {
    #expect(ChartLabels.value(1200) == "1.2k")
    #expect(ChartLabels.value(0) == "0")
    #expect(ChartLabels.month(day("2026-01-15")) == "Jan '26")
    let axis = TimeAxis(first: day("2025-11-20"), last: day("2026-04-02"), left: 0, width: 600)
    #expect(axis.ticks.map(\.label) == ["Dec '25", "Jan '26", "Feb '26", "Mar '26", "Apr '26"])
    let years = TimeAxis(first: day("2016-03-01"), last: day("2026-03-01"), left: 0, width: 600)
    #expect(years.ticks.map(\.label) == ["2018", "2020", "2022", "2024", "2026"])
  }

  @Test func unknownCategoriesAreWords() {
    for raw in ["null", "", "None", "unknown"] { #expect(ChartLabels.category(raw) == "unknown") }
    let chart = ShareChart(title: "t", unit: "downloads", shares: [("null", 5), ("", 5), ("3.12", 20)]).render()
    #expect(chart.table.contains("<td>unknown</td><td class=\"n\">10</td>"))
    #expect(!chart.svg.contains("null"))
  }

  @Test func injectedTextStaysText() {
    let evil = "<img src=x onerror=alert(1)><svg onload=alert(2)>"
    let charts = [
      DailySeriesChart(title: evil, unit: evil, series: DailySeries(values: [day("2026-01-01"): 1]), releases: [ChartMarker(day("2026-01-01"), evil)]).render(),
      ShareChart(title: evil, unit: "d", shares: [(evil, 3)], style: .donut).render(),
      ShareChart(title: evil, unit: "d", shares: [(evil, 3)]).render(),
      TileMap(title: evil, unit: evil, values: ["US": 3]).render(),
      GrowthChart(title: evil, unit: evil, lines: [GrowthChart.Line(name: evil, cumulative: [day("2026-01-01"): 3])]).render(),
      StackedAreaChart(title: evil, unit: "d", values: [evil: [day("2026-01-01"): 3]]).render(),
      CalendarHeatmap(title: evil, unit: evil, series: DailySeries(values: [day("2026-01-01"): 1])).render(),
    ]
    for c in charts {
      let html = c.html()
      #expect(!html.contains("<img"), "\(html.prefix(200))")
      #expect(!html.contains("<svg onload"))
      #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }
  }

  @Test func everyChartHasATitleAndAnAriaLabel() {
    let svg = TileMap(title: "Countries", unit: "downloads", values: ["US": 3]).render().svg
    #expect(svg.contains("role=\"img\" aria-label=\"Countries\""))
    #expect(svg.contains("<title>Countries</title>"))
  }

  @Test func theTileGridHasOneCountryPerCell() {
    var seen: [String: String] = [:]
    for (code, pos) in TileMap.layout {
      #expect(code.count == 2)
      #expect(pos.col >= 0 && pos.col < TileMap.columns && pos.row < TileMap.rows)
      let key = "\(pos.col),\(pos.row)"
      #expect(seen[key] == nil, "\(code) and \(seen[key] ?? "") share \(key)")
      seen[key] = code
    }
    #expect(TileMap.layout.count > 130)
  }

  @Test func chartMathAgreesWithKnownValues() {
    #expect(abs(ChartMath.log10(1000) - 3) < 1e-12)
    #expect(abs(ChartMath.log10(2) - 0.30102999566398) < 1e-12)
    let (s, c) = ChartMath.sincos(ChartMath.pi / 6)
    #expect(abs(s - 0.5) < 1e-12 && abs(c - 0.8660254037844386) < 1e-12)
    #expect(abs(ChartMath.sincos(7 * ChartMath.pi / 4).sin + 0.7071067811865476) < 1e-12)
  }
}
