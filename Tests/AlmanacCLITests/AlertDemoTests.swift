import Foundation
import Testing

@testable import AlmanacCLI
@testable import AlmanacKit
import AlmanacTestSupport

/// Rules over the demo's stored history (a copy of `almanac demo`), with days injected into
/// pypistats.org's series: night after night through the same code `almanac run` uses.
@Suite(.serialized) struct AlertDemoTests {
  static let metric = "pypistats.tidewater.downloads"

  static func demo(_ name: String) async throws -> TempDirectory {
    let dir = TempDirectory(name)
    let result = try await DemoCache.shared.copy(to: dir.file("out"))
    try #require(result.status == 0, "\(result.stderr)")
    // The demo's own rules (DemoCommand.alertRules) wrote an alerts.json; these tests replay
    // other rules, whose first evening would otherwise withdraw the demo's open alerts.
    #expect(dir.read("out/alerts.json")?.contains("\"rule\": \"error spike\"") == true)
    try FileManager.default.removeItem(atPath: dir.file("out/alerts.json"))
    return dir
  }

  /// Multiplies one day's `overall,without_mirrors` value in the stored pypistats series.
  static func inject(_ dir: TempDirectory, _ day: String, times factor: Double) throws {
    let path = "out/series/pypistats/tidewater.csv"
    var lines = try #require(dir.read(path)).components(separatedBy: "\n")
    let prefix = "tidewater,pypistats,\(day),overall,without_mirrors,"
    let i = try #require(lines.firstIndex { $0.hasPrefix(prefix) })
    var cells = lines[i].components(separatedBy: ",")
    cells[5] = String(Int((Double(cells[5]) ?? 0) * factor))
    lines[i] = cells.joined(separator: ",")
    try dir.write(path, lines.joined(separator: "\n"))
  }

  static func rules(_ yaml: String) throws -> AlertsConfig {
    try ConfigParser.parse("targets: {packages: [tidewater]}\nalerts:\n  rules:\n" + yaml, path: "almanac.yml").alerts
  }

  /// One evening's alerts as of `day`: the state written and tonight's events.
  static func evening(_ dir: TempDirectory, _ day: String, _ alerts: AlertsConfig) throws -> AlertsOutcome {
    var config = DemoCommand.config(out: dir.file("out"))
    config.alerts = alerts
    let stages = Stages(store: Store(root: dir.file("out")), console: Console(environment: [:], quiet: true), date: Day(day)!)
    let night = Night(config: config, client: HTTPClient(transport: .unavailable), stages: stages)
    return try stages.writeAlerts(alerts, catalog: try stages.metricCatalog(night))
  }

  @Test func aHalvedDayOpensExactlyOneAlertThatStaysQuietAndClosesWhenTheSeriesRecovers() async throws {
    let rules = try Self.rules("    - {metric: \(Self.metric), condition: drop_percent, threshold: 40}\n")
    // Control: the untouched demo raises nothing on these days.
    let control = try await Self.demo("alert-demo-control")
    for day in ["2026-11-10", "2026-11-12", "2026-11-19"] {
      #expect(try Self.evening(control, day, rules).events.isEmpty, "\(day)")
    }
    // 2026-11-10 (a Tuesday, 2,290) halved: 1,145 against 2,392 on Tuesday the 3rd.
    let dir = try await Self.demo("alert-demo-drop")
    try Self.inject(dir, "2026-11-10", times: 0.5)
    #expect(try Self.evening(dir, "2026-11-09", rules).events.isEmpty)
    let opened = try Self.evening(dir, "2026-11-10", rules)
    #expect(opened.events.map(\.kind) == [.opened])
    #expect(opened.events.first?.alert.message == "pypistats.tidewater.downloads fell 52.1% (1,145 on 2026-11-10 against 2,392 on 2026-11-03; the rule asks for 40%)")
    #expect(opened.state?.open.count == 1)
    // The next evening it is still open and nothing is announced; a re-run of it changes no byte.
    let still = try Self.evening(dir, "2026-11-11", rules)
    #expect(still.events.isEmpty && still.state?.open.count == 1)
    let bytes = dir.read("out/alerts.json")
    #expect(try Self.evening(dir, "2026-11-11", rules).events.isEmpty)
    #expect(dir.read("out/alerts.json") == bytes)
    // Two clear days (the 11th and the 12th) close it.
    let closed = try Self.evening(dir, "2026-11-12", rules)
    #expect(closed.events.map(\.kind) == [.closed])
    #expect(closed.events.first?.alert.closed == Day("2026-11-12"))
    // A week later the halved day is the comparison: a rise, not a drop; nothing reopens.
    let later = try Self.evening(dir, "2026-11-19", rules)
    #expect(later.events.isEmpty)
    // The demo's own history holds older drops (its outage day); this month holds exactly one.
    #expect(later.state?.alerts.filter { $0.opened >= Day("2026-11-01")! }.map(\.opened) == [Day("2026-11-10")!])
  }

  @Test func aSpikeOnAReleaseDayDoesNotAlarmWhileTheSameSpikeOnAnOrdinaryDayDoes() async throws {
    let rules = try Self.rules(
      """
          - {name: rise, metric: \(Self.metric), condition: rise_percent, threshold: 50}
          - {name: odd, metric: \(Self.metric), condition: anomaly}

      """)
    let dir = try await Self.demo("alert-demo-release")
    // 2.0.0 first appears in PyPI's log on 2026-10-14: pypistats' day shares the release window.
    var config = DemoCommand.config(out: dir.file("out"))
    config.alerts = rules
    let stages = Stages(store: Store(root: dir.file("out")), console: Console(environment: [:], quiet: true), date: Day("2026-11-22")!)
    let catalog = try stages.metricCatalog(Night(config: config, client: HTTPClient(transport: .unavailable), stages: stages))
    let metric = try #require(catalog[MetricName(Self.metric)!])
    #expect(metric.excluded[Day("2026-10-14")!] == "release 2.0.0 (2026-10-14)")
    #expect(metric.excluded[Day("2026-10-28")!] == nil)
    try Self.inject(dir, "2026-10-14", times: 3)
    try Self.inject(dir, "2026-10-28", times: 3)
    let state = try #require(try Self.evening(dir, "2026-11-22", rules).state)
    let near = state.alerts.filter { $0.opened >= Day("2026-10-10")! && $0.opened <= Day("2026-11-01")! }
    let onRelease = near.filter { $0.opened == Day("2026-10-14")! }
    #expect(onRelease.isEmpty, "\(onRelease.map(\.message))")
    #expect(Set(near.filter { $0.opened == Day("2026-10-28")! }.map(\.rule)) == ["rise", "odd"], "\(near.map(\.message))")
  }
}
