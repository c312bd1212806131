import Testing

@testable import AlmanacKit

@Suite struct SiteTests {
  let day = Day("2026-11-22")!

  @Test func chartStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    #expect(Chart.niceStep(0.3) == 1)
    #expect(Chart.niceStep(3) == 5)
    #expect(Chart.niceStep(12) == 20)
    #expect(Chart.niceStep(450) == 500)
    #expect(Chart.niceStep(1000) == 1000)
    #expect(Chart.niceStep(1001) == 2000)
  }

  @Test func coordinatesHaveAtMostOneDecimal() {
    #expect(Chart.f(12) == "12")
    #expect(Chart.f(12.34) == "12.3")
    #expect(Chart.f(-0.05) == "-0.1")
    #expect(Chart.f(0.04) == "0")
  }

  @Test func aChartIsDeterministicAndOrdersItsPoints() {
    let points = (0..<30).map { (day.adding(days: -$0), Int64($0 * 7 % 11)) }
    let a = Chart(title: "t", points: points).svg()
    #expect(a == Chart(title: "t", points: points.reversed()).svg())
    #expect(a.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"260\""))
    #expect(a.hasSuffix("</svg>\n"))
    // 30 days give a 7-day mean line of 24 points.
    #expect(a.components(separatedBy: "L").count - 1 >= 23)
  }

  @Test func anEmptyChartSaysSo() {
    #expect(Chart(title: "x", points: []).svg().contains(">no data yet</text>"))
  }

  @Test func namesAreEscapedInThePageAndTheChart() {
    #expect(HTML.escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;")
    let chart = Chart(title: "a<b", points: [(day, 1)]).svg()
    #expect(chart.contains("<title>a&lt;b</title>"))
    #expect(!chart.contains("a<b"))
  }

  @Test func aPageWithoutDataSaysHowToGetSome() {
    let files = Site.page(asOf: day, sections: [Site.Section()])
    #expect(files.map(\.path) == ["index.html"])
    #expect(files[0].contents.contains("<p>No data yet. Run <code>almanac run</code> to collect some.</p>"))
    #expect(files[0].contents.hasPrefix("<!doctype html>\n<html lang=\"en\">"))
  }
}
