import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// `stats/alerts.json` through the real executables on the demo's store: explained by
/// `config check`, written by render, unchanged by a re-run, valid against its schema, and given
/// back byte for byte by a rebuild from the raw snapshots.
@Suite(.serialized) struct AlertsEndToEnd {
  static func config(statsDir: String) -> String {
    """
    stats_dir: \(statsDir)
    targets: {packages: [tidewater]}
    alerts:
      rules:
        - {metric: pypistats.tidewater.downloads, condition: drop_percent, threshold: 40}
        - {name: error spike, metric: sentry.tidewater.errors, condition: anomaly}
        - {metric: "github.*.views", condition: anomaly, baseline_days: 14}
        - {metric: "pypi.*.could_be_human", condition: drop_percent, threshold: 30, window: 7, min_days: 2}

    """
  }

  @Test func configCheckExplainsEveryRuleInWords() async throws {
    let dir = TempDirectory("alerts-check")
    try dir.write("almanac.yml", Self.config(statsDir: "stats"))
    let r = try await Shell.run("almanac config check", cwd: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    for line in [
      "  alerts: 4 rules over the stored series, replayed into stats/alerts.json\n",
      "    rule `pypistats.tidewater.downloads drop_percent 40`: when the day's value of pypistats.tidewater.downloads falls 40% or more against the same weekday a week earlier (quiet while that is under 10), on the first such day; closes after 2 clear days; release and outage days are never alarmed on nor used as a baseline. Told: annotation, step summary, REPORT.md\n",
      "    rule `error spike`: when a day of sentry.tidewater.errors lies 3.5 or more robust standard deviations from the median of the 28 days before (weekday-adjusted; quiet below a median of 10 a day), on the first such day;",
      "    rule `pypi.*.could_be_human drop_percent 30`: when the sum of 7 days of pypi.<every subject>.could_be_human falls 30% or more against the same weekdays a week earlier (quiet while that is under 70), after 2 such days in a row;",
    ] {
      #expect(r.stdout.contains(line), "config check lacks \(line)\n\(r.stdout)")
    }
  }

  @Test func aBadRuleIsAClearErrorNamingItsLine() async throws {
    let dir = TempDirectory("alerts-bad")
    try dir.write("almanac.yml", "targets: {packages: [tidewater]}\nalerts:\n  rules:\n    - {metric: pypistats.tidewater.downloads, condition: drop, threshold: 40}\n")
    let r = try await Shell.run("almanac config check", cwd: dir.path)
    #expect(r.status != 0)
    #expect(r.stderr.contains("almanac.yml:4: alerts.rules[0].condition: unknown condition `drop`"), "\(r.stderr)")
    #expect(r.stderr.contains("conditions: above, below, drop_percent, rise_percent, anomaly"))
    try dir.write("almanac.yml", "targets: {packages: [tidewater]}\nalerts:\n  rules:\n    - {metric: pypistats.tidewater.downloads, condition: above}\n")
    let missing = try await Shell.run("almanac config check", cwd: dir.path)
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("alerts.rules[0].threshold: is required for `above`: a count (the window's sum)"), "\(missing.stderr)")
  }

  @Test func renderWritesAlertsThatARerunKeepsAndARebuildGivesBackByteForByte() async throws {
    let dir = TempDirectory("alerts-e2e")
    let demo = try await DemoCache.shared.copy(to: dir.file("out"))
    #expect(demo.status == 0, "\(demo.stderr)")
    try dir.write("almanac.yml", Self.config(statsDir: dir.file("out")))
    let render = try await Shell.run("almanac render --config almanac.yml --date 2026-11-22", cwd: dir.path)
    #expect(render.status == 0, "\(render.stderr)")
    let alerts = try #require(dir.read("out/alerts.json"))
    let state = try AlertState.decode(alerts, path: "alerts.json")
    // The demo's Sentry errors jump on 2026-11-18: still open as of the 22nd.
    #expect(state.open.map(\.rule) == ["error spike"])
    #expect(state.open.first?.opened == Day("2026-11-18"))
    // pypistats.org's outage day in June is the demo's one halved-and-worse day.
    #expect(state.alerts.contains { $0.rule.hasPrefix("pypistats.tidewater.downloads") && $0.opened == Day("2026-06-19") && $0.closed != nil })
    let report = try #require(dir.read("out/REPORT.md"))
    #expect(report.contains("## Alerts\n\n| open since | rule | metric | what happened | peak |\n|---|---|---|---|---:|\n| 2026-11-18 | error spike | sentry.tidewater.errors |"))
    let summary = try JSONParser.parse(try #require(dir.read("out/summary.json")))
    #expect(summary["windows"]?["metrics"]?["sentry.tidewater.errors"]?["last_day"] == "2026-11-21")
    #expect(summary["windows"]?["top"]?["pypistats.downloads"]?["7d"]?.arrayValue?.first?["subject"] == "tidewater")

    let again = try await Shell.run("almanac render --config almanac.yml --date 2026-11-22", cwd: dir.path)
    #expect(again.stderr.contains("unchanged \(dir.file("out"))/alerts.json"), "\(again.stderr)")
    #expect(dir.read("out/alerts.json") == alerts)

    let checker = try Validators.checkJSONSchema()
    let valid = try await Shell.run("'\(Paths.packageRoot)/scripts/validate-store' '\(dir.file("out"))'", environment: ["CHECK_JSONSCHEMA": checker])
    #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")

    let rebuild = try await Shell.run(
      """
      set -e
      rm -rf series records classified state/github.json alerts.json
      almanac normalize --all --stats-dir .
      almanac classify --all --stats-dir .
      almanac classify --all --source pypi --stats-dir .
      almanac aggregate --rebuild --config ../almanac.yml --stats-dir . --date 2026-11-22
      """, cwd: dir.file("out"))
    #expect(rebuild.status == 0, "\(rebuild.stderr)")
    #expect(dir.read("out/alerts.json") == alerts)
  }
}
