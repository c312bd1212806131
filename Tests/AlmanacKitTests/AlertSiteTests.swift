import Testing

@testable import AlmanacKit

/// The alerts panel of the HTML report: open alerts and the recent history (opened, closed,
/// peak), every name escaped, placed by the page in the alerts slot; pinned as a golden file.
@Suite struct AlertSiteTests {
  static let name = MetricName(source: "pypistats", subject: "demo-pkg", measure: "downloads")

  /// A drop that closed, a drop still open (its rule named with markup) and a rise that closed.
  static func state() -> AlertState {
    var daily: [Day: Double] = [:]
    let start = day("2026-09-07")
    for i in 0..<70 {
      let d = start.adding(days: i)
      let v: Double = d.isWeekend ? 600 : 1000
      daily[d] = i == 30 ? v * 0.4 : i == 45 ? v * 2.5 : i >= 68 ? v * 0.5 : v
    }
    let metric = Metric(name: name, about: "", daily: daily)
    var drop = AlertRule(id: "downloads <b>fell</b> & \"more\"", metric: name, condition: .dropPercent, threshold: 40)
    drop.clearDays = 2
    let rise = AlertRule(id: "rise", metric: name, condition: .risePercent, threshold: 80)
    return AlertEngine.evaluate([drop, rise], catalog: MetricCatalog([metric]), asOf: start.adding(days: 69))
  }

  @Test func thePanelListsOpenAlertsAndTheRecentHistoryEscaped() throws {
    let state = Self.state()
    #expect(state.open.count == 1)
    #expect(state.alerts.count >= 3)
    let section = AlertReport.siteSection(state, rules: 2)
    let html = try #require(section.panels.first { $0.kind == .alerts }?.html)
    #expect(!html.contains("<b>fell</b>"))
    #expect(html.contains("downloads &lt;b&gt;fell&lt;/b&gt; &amp; &quot;more&quot;"))
    #expect(html.contains("<h3>Recently closed</h3>"))
    try Fixtures.expect(html, matches: "render/alerts/panel.html")
  }

  @Test func thePageShowsThePanelInItsSlotAndNothingWithoutRules() throws {
    let page = try #require(Site.page(asOf: day("2026-11-15"), sections: [AlertReport.siteSection(Self.state(), rules: 2)]).first?.contents)
    #expect(page.contains("<section class=\"panel\" id=\"alerts\" aria-labelledby=\"alerts-h\">\n<h2 id=\"alerts-h\">Alerts</h2>\n<p>1 alert is open"))
    #expect(page.contains("<a href=\"#alerts\">Alerts</a>"))
    #expect(AlertReport.siteSection(Self.state(), rules: 0).isEmpty)
    let quiet = AlertReport.siteSection(AlertState(asOf: day("2026-11-15"), alerts: []), rules: 3)
    #expect(quiet.panels.map(\.html) == ["<p>No alert is open (3 rules replayed over the stored history as of <time datetime=\"2026-11-15\">2026-11-15</time>).</p>\n"])
  }
}
