import Testing

@testable import AlmanacKit

/// Rules replayed over synthetic daily series with a weekly rhythm (weekdays 1,000, weekends
/// 600), with planted drops, spikes and release days.
@Suite struct AlertEngineTests {
  static let name = MetricName(source: "pypistats", subject: "demo-pkg", measure: "downloads")
  static let start = day("2026-01-05")  // a Monday

  static func rhythm(_ days: Int, change: [Int: Double] = [:], excluded: [Int: String] = [:]) -> Metric {
    var daily: [Day: Double] = [:]
    for i in 0..<days {
      let d = start.adding(days: i)
      daily[d] = (d.isWeekend ? 600 : 1000) * (change[i] ?? 1)
    }
    var flags: [Day: String] = [:]
    for (i, reason) in excluded { flags[start.adding(days: i)] = reason }
    return Metric(name: name, about: "test downloads", daily: daily, excluded: flags)
  }

  static func rule(_ condition: AlertRule.Condition, _ threshold: Double) -> AlertRule {
    AlertRule(id: "r", metric: name, condition: condition, threshold: threshold)
  }

  @Test func aOneDayDropOpensOneAlertThatClosesAfterTheClearDays() throws {
    let metric = Self.rhythm(60, change: [40: 0.5])
    let state = AlertEngine.evaluate([Self.rule(.dropPercent, 40)], catalog: MetricCatalog([metric]), asOf: Self.start.adding(days: 59))
    #expect(state.alerts.count == 1)
    let alert = try #require(state.alerts.first)
    #expect(alert.opened == Self.start.adding(days: 40))
    #expect(alert.opening.score == -50)
    #expect(alert.opening.reference == 600)
    // Day 41 is back to normal, day 42 too: two clear days close it on day 42. Day 47 compares
    // with the drop day a week earlier and is a +100% rise, not a drop: nothing reopens.
    #expect(alert.closed == Self.start.adding(days: 42))
    #expect(alert.message == "pypistats.demo-pkg.downloads fell 50% (300 on 2026-02-14 against 600 on 2026-02-07; the rule asks for 40%)")
  }

  @Test func anAlertStaysOpenWithoutRepeatingWhileTheConditionHolds() {
    // Ten days at half: the first seven compare with normal days and fire; the next three
    // compare with the halved week (no change) and count as clear, closing it after two.
    let halved = Dictionary(uniqueKeysWithValues: (40..<50).map { ($0, 0.5) })
    let metric = Self.rhythm(70, change: halved)
    let asOfs = (40..<48).map { Self.start.adding(days: $0) }
    for asOf in asOfs {
      let state = AlertEngine.evaluate([Self.rule(.dropPercent, 40)], catalog: MetricCatalog([metric]), asOf: asOf)
      #expect(state.alerts.count == 1, "\(asOf)")
      #expect(state.alerts.first?.opened == Self.start.adding(days: 40))
      #expect(state.alerts.first?.isOpen == (asOf < Self.start.adding(days: 48)), "\(asOf)")
    }
    let later = AlertEngine.evaluate([Self.rule(.dropPercent, 40)], catalog: MetricCatalog([metric]), asOf: Self.start.adding(days: 69))
    #expect(later.alerts.filter { $0.condition == .dropPercent }.count == 1)
    #expect(later.alerts.first?.closed == Self.start.adding(days: 48))
  }

  @Test func releaseAndOutageDaysNeitherFireNorServeAsBaseline() {
    // A tripled release day: no rise alarm on it, and no drop alarm a week later when the
    // comparison would land on it.
    let metric = Self.rhythm(60, change: [40: 3], excluded: [40: "release 2.0 (2026-02-14)"])
    let rules = [Self.rule(.risePercent, 50), { var r = Self.rule(.dropPercent, 40); r.id = "drop"; return r }(), { var r = Self.rule(.anomaly, 3.5); r.id = "odd"; return r }()]
    let state = AlertEngine.evaluate(rules, catalog: MetricCatalog([metric]), asOf: Self.start.adding(days: 59))
    #expect(state.alerts.isEmpty, "\(state.alerts.map(\.message))")
    // The same spike without the release flag alarms all three ways.
    let unflagged = AlertEngine.evaluate(rules, catalog: MetricCatalog([Self.rhythm(60, change: [40: 3])]), asOf: Self.start.adding(days: 59))
    #expect(Set(unflagged.alerts.map(\.rule)) == ["r", "drop", "odd"])
  }

  @Test func anomalyIsWeekdayAwareAndQuietBelowTheMinimumVolume() {
    // Weekends at 600 are ordinary; a weekday at 600 is not.
    let quietWeekday = Self.rhythm(60, change: [44: 0.6])  // day 44 is a Friday
    #expect(!Self.start.adding(days: 44).isWeekend)
    let state = AlertEngine.evaluate([Self.rule(.anomaly, 3.5)], catalog: MetricCatalog([quietWeekday]), asOf: Self.start.adding(days: 59))
    #expect(state.alerts.count == 1)
    #expect(state.alerts.first?.opened == Self.start.adding(days: 44))
    #expect((state.alerts.first?.opening.score ?? 0) < -3.5)
    #expect(state.alerts.first?.opening.reference == 1000)
    // A tiny package: 3 a day, one day at 30. Under min_volume (10 a day) nothing fires.
    var daily: [Day: Double] = [:]
    for i in 0..<60 { daily[Self.start.adding(days: i)] = i == 50 ? 30 : 3 }
    let tiny = Metric(name: Self.name, about: "", daily: daily)
    #expect(AlertEngine.evaluate([Self.rule(.anomaly, 3.5)], catalog: MetricCatalog([tiny]), asOf: Self.start.adding(days: 59)).alerts.isEmpty)
    var loud = Self.rule(.anomaly, 3.5)
    loud.minVolume = 1
    #expect(AlertEngine.evaluate([loud], catalog: MetricCatalog([tiny]), asOf: Self.start.adding(days: 59)).alerts.count == 1)
  }

  @Test func aboveBelowWindowsMinDaysAndPatterns() {
    let metric = Self.rhythm(30)
    var above = Self.rule(.above, 5_500)
    above.window = 7  // a week sums to 5 × 1,000 + 2 × 600 = 6,200
    let s = AlertEngine.evaluate([above], catalog: MetricCatalog([metric]), asOf: Self.start.adding(days: 29))
    #expect(s.alerts.count == 1)
    #expect(s.alerts.first?.opened == Self.start.adding(days: 6))
    #expect(s.alerts.first?.opening.value == 6_200)
    var below = AlertRule(id: "b", metric: MetricName(source: "pypistats", subject: "*", measure: "downloads"), condition: .below, threshold: 700)
    below.minDays = 2  // weekends come in twos: each opens on the Sunday
    let other = Metric(name: MetricName(source: "pypistats", subject: "other", measure: "downloads"), about: "", daily: [Self.start: 1])
    let w = AlertEngine.evaluate([below], catalog: MetricCatalog([metric, other]), asOf: Self.start.adding(days: 29))
    #expect(w.alerts.filter { $0.metric == Self.name }.map(\.opened) == [6, 13, 20, 27].map { Self.start.adding(days: $0) })
    #expect(w.alerts.filter { $0.metric == Self.name }.allSatisfy { $0.opened.isoWeekday == 7 })
    // `other` has a single day: minDays 2 never reached.
    #expect(w.alerts.allSatisfy { $0.metric == Self.name })
  }

  @Test func unknownDaysAreSkippedNotCountedAsClear() {
    var metric = Self.rhythm(60, change: [40: 0.5])
    metric.values[41] = .nan
    metric.values[42] = .nan
    let state = AlertEngine.evaluate([Self.rule(.dropPercent, 40)], catalog: MetricCatalog([metric]), asOf: Self.start.adding(days: 59))
    #expect(state.alerts.first?.closed == Self.start.adding(days: 44))
  }

  @Test func theStateIsCanonicalRoundTripsAndReportsChanges() throws {
    let metric = Self.rhythm(60, change: [40: 0.5, 55: 0.4])
    let rules = [Self.rule(.dropPercent, 40)]
    let early = AlertEngine.evaluate(rules, catalog: MetricCatalog([metric]), asOf: Self.start.adding(days: 40))
    let late = AlertEngine.evaluate(rules, catalog: MetricCatalog([metric]), asOf: Self.start.adding(days: 56))
    let text = late.encoded()
    #expect(text == AlertEngine.evaluate(rules, catalog: MetricCatalog([metric]), asOf: Self.start.adding(days: 56)).encoded())
    let decoded = try AlertState.decode(text, path: "stats/alerts.json")
    #expect(decoded.encoded() == text)
    #expect(AlertEvent.changes(from: nil, to: early).map(\.kind) == [.opened])
    #expect(AlertEvent.changes(from: early, to: early).isEmpty)
    #expect(AlertEvent.changes(from: early, to: late).map(\.kind) == [.closed, .opened])
    #expect(AlertEvent.changes(from: late, to: late).isEmpty)
    // Revised away: the drop day's value is corrected to normal.
    let revised = AlertEngine.evaluate(rules, catalog: MetricCatalog([Self.rhythm(41)]), asOf: Self.start.adding(days: 40))
    #expect(AlertEvent.changes(from: early, to: revised).map(\.kind) == [.withdrawn])
    #expect(text.contains("\"format_version\": 1") && text.hasSuffix("}\n"))
  }

  @Test func aDamagedStateFileIsAClearError() {
    #expect(throws: FormatError.self) { try AlertState.decode("{\"format_version\": 2}", path: "stats/alerts.json") }
    do {
      _ = try AlertState.decode("{\"format_version\": 1, \"as_of\": \"2026-11-22\", \"alerts\": [{\"rule\": \"x\"}]}", path: "stats/alerts.json")
      Issue.record("decoded a truncated alert")
    } catch {
      #expect(error.description.contains("stats/alerts.json"))
      #expect(error.description.contains("alerts[0] lacks a field"))
    }
  }

  @Test func windowsSumMeanAndSameWeekdayChanges() throws {
    let metric = Self.rhythm(70, change: Dictionary(uniqueKeysWithValues: (63..<70).map { ($0, 1.1) }))
    let w = try #require(MetricWindows(metric, asOf: Self.start.adding(days: 100)))
    #expect(w.lastDay == Self.start.adding(days: 69))
    #expect(w.span(7)?.sum == 6_820)
    #expect(w.weekOverWeekPercent == 10)
    #expect(w.monthOverMonthPercent == 2.5)
    #expect(w.span(90)?.known == 70)
    #expect(w.allTimeDays == 70)
    let summary = MetricWindows.summary(MetricCatalog([metric]), asOf: Self.start.adding(days: 69))
    #expect(summary["metrics"]?["pypistats.demo-pkg.downloads"]?["sum_7d"] == 6820)
    #expect(summary["top"]?["pypistats.downloads"]?["7d"]?.arrayValue?.first?["subject"] == "demo-pkg")
  }

  @Test func metricNamesSplitAtTheFirstAndLastDot() throws {
    let n = try #require(MetricName("github.octo-org/demo.py.views"))
    #expect(n.source == "github" && n.subject == "octo-org/demo.py" && n.measure == "views")
    #expect(MetricName("pypistats.downloads") == nil)
    #expect(MetricName("pypistats.a b.downloads") == nil)
    #expect(MetricName("github.*.stars")?.isPattern == true)
  }
}
