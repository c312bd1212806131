import Testing

@testable import AlmanacKit

/// The page around the panels: one self-contained file, panels in page order, the period
/// switch in CSS, the coverage panel from the sections' rows.
@Suite struct SiteTests {
  let day = Day("2026-11-22")!

  @Test func namesAreEscapedInThePage() {
    #expect(HTML.escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;")
  }

  @Test func aPageWithoutDataSaysHowToGetSome() {
    let files = Site.page(asOf: day, sections: [Site.Section()])
    #expect(files.map(\.path) == ["index.html"])
    #expect(files[0].contents.contains("<p>No data yet. Run <code>almanac run</code> to collect some.</p>"))
    #expect(files[0].contents.hasPrefix("<!doctype html>\n<html lang=\"en\">"))
  }

  @Test func thePageIsOneFileThatForbidsEveryRequest() {
    let section = Site.Section(panels: [Site.Panel(.downloads, "<p>d</p>")], badges: [BadgeSet.Named(name: "x", badge: Badge(label: "a", message: "b", color: "blue"))])
    let files = Site.page(asOf: day, sections: [section])
    #expect(files.map(\.path) == ["index.html"])
    let html = files[0].contents
    #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:;"))
    #expect(!html.contains("src="))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<script"))
    // Every reference is to the SVG namespace or to an anchor in the page.
    let links = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
    #expect(!links.isEmpty)
    #expect(links.allSatisfy { $0.hasPrefix("#") }, "\(links)")
    #expect(html.contains("prefers-color-scheme:dark"))
    #expect(html.contains("@media print{"))
  }

  @Test func inlineBadgesEachClipToTheirOwnShape() {
    let a = Site.Section(badges: [BadgeSet.Named(name: "x", badge: Badge(label: "a", message: "b", color: "blue")), BadgeSet.Named(name: "y", badge: Badge(label: "long label", message: "b", color: "red"))])
    let html = Site.page(asOf: day, sections: [a, Site.Section(panels: [Site.Panel(.github, "g")])])[0].contents
    #expect(html.contains("id=\"b0r\"") && html.contains("url(#b0r)") && html.contains("id=\"b1r\"") && html.contains("url(#b1r)"))
    #expect(!html.contains("id=\"r\""))
  }

  @Test func panelsFollowThePageOrderAndSourcesShareAPanelOfOneKind() {
    let sections = [
      Site.Section(panels: [Site.Panel(.errors, "<p>E</p>")]),
      Site.Section(panels: [Site.Panel(.github, "<p>G1</p>"), Site.Panel(.downloads, "<p>D</p>")]),
      Site.Section(panels: [Site.Panel(.github, "<p>G2</p>"), Site.Panel(.alerts, "<p>A</p>"), Site.Panel(.usage, "<p>U</p>")]),
    ]
    let html = Site.page(asOf: day, sections: sections)[0].contents
    let order = ["id=\"downloads\"", "id=\"github\"", "<p>G1</p><p>G2</p>", "id=\"errors\"", "id=\"usage\"", "id=\"alerts\""].map { html.range(of: $0)?.lowerBound }
    #expect(order.allSatisfy { $0 != nil })
    #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
    #expect(html.contains("<h2 id=\"github-h\">GitHub activity</h2>"))
    #expect(!html.contains("id=\"coverage\""))
  }

  @Test func thePeriodSwitchNestsOneTargetPerPeriodAndDrawsEachDistinctRangeOnce() {
    var ranges: [ClosedRange<Day>] = []
    let first = day.adding(days: -99)
    let html = Site.Period.charts(first: first, last: day) { range, words in
      ranges.append(range)
      return RenderedChart(title: words, svg: "<svg/>", table: "")
    }
    // 100 days held: 365 days and all are the same drawing.
    #expect(ranges == [day.adding(days: -6)...day, day.adding(days: -29)...day, day.adding(days: -89)...day, first...day])
    #expect(html.contains("<div class=\"pv v365 vall\">"))
    #expect(html.contains("Table: all 100 days from \(first)"))
    #expect(html.contains("Table: last 30 days"))
    let page = Site.page(asOf: day, sections: [Site.Section(panels: [Site.Panel(.downloads, html)])])[0].contents
    #expect(page.contains("<div id=\"p7\"><div id=\"p30\"><div id=\"p90\"><div id=\"p365\"><div id=\"pall\">"))
    #expect(page.contains(".pv{display:none}.pv.v365{display:block}"))
    #expect(page.contains("#p30:target .pv.v30"))
    #expect(page.contains("<a href=\"#p30\">30 days</a>"))
  }

  @Test func coverageRowsFindTheirHolesAndThePanelDrawsThemAsGaps() throws {
    let d = { (n: Int) in Day("2026-01-01")!.adding(days: n) }
    let row = try #require(Site.Coverage(source: "github", subject: "o/r traffic", days: [0, 1, 2, 10, 11, 30].map(d)))
    #expect(row.holes == [d(3)...d(9), d(12)...d(29)])
    #expect(row.knownDays == 6)
    let html = Site.page(asOf: d(30), sections: [Site.Section(coverage: [row])])[0].contents
    #expect(html.contains("<h2 id=\"coverage-h\">Data coverage</h2>"))
    #expect(html.contains("o/r traffic: no data 2026-01-04 to 2026-01-10"))
    #expect(html.contains("<td>2026-01-04 to 2026-01-10, 2026-01-13 to 2026-01-30</td>"))
  }

  @Test func headlineFiguresAreEscapedText() {
    let s = Site.Section(figures: [Site.Figure("<b>x</b>", "1.2k", note: "+8%")])
    let html = Site.page(asOf: day, sections: [s])[0].contents
    #expect(html.contains("<dt>&lt;b&gt;x&lt;/b&gt;</dt><dd>1.2k</dd><dd class=\"muted\">+8%</dd>"))
  }
}
