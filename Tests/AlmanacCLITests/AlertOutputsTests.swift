import Foundation
import Testing

@testable import AlmanacCLI
@testable import AlmanacKit
import AlmanacTestSupport

/// The step's alert outputs (`$GITHUB_OUTPUT`, declared in action.yml): open, opened and closed
/// counts night by night as an error-rate alert opens, stays open and closes; none without rules.
@Suite struct AlertOutputsTests {
  static func outputs(_ text: String) -> [String: String] {
    var out: [String: String] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("alerts-") {
      let parts = line.split(separator: "=", maxSplits: 1)
      out[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
    }
    return out
  }

  @Test func openedOpenAndClosedCountsFollowTheNights() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    AlertNightTests.serve(server, issues: GitHubFakeIssues())
    let dir = TempDirectory("alert-outputs")
    let config = try AlertNightTests.config(server, slackOrigin: server.baseURL)
    var seen: [String: [String: String]] = [:]
    for day in ["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"] {
      let output = dir.file("output-\(day)")
      FileManager.default.createFile(atPath: output, contents: Data())
      let env = ["SLACK_URL": server.baseURL + "/hooks/slack", "ALMANAC_GITHUB_TOKEN": "ghp_outputs_token", "GITHUB_OUTPUT": output]
      _ = try await AlertNightTests.night(dir, server, Day(day)!, config: config, env: env)
      seen[day] = Self.outputs(dir.read("output-\(day)") ?? "")
    }
    #expect(seen["2026-11-21"] == ["alerts-open": "0", "alerts-opened": "0", "alerts-closed": "0"])
    #expect(seen["2026-11-22"] == ["alerts-open": "1", "alerts-opened": "1", "alerts-closed": "0"])
    #expect(seen["2026-11-23"] == ["alerts-open": "1", "alerts-opened": "0", "alerts-closed": "0"])
    #expect(seen["2026-11-24"] == ["alerts-open": "0", "alerts-opened": "0", "alerts-closed": "1"])
  }

  @Test func withoutRulesThereAreNoAlertOutputs() {
    let summary = RunSummary(date: Day("2026-11-22")!, outcome: .complete, results: [], renderings: [], changedFiles: [])
    #expect(!summary.githubOutput.contains("alerts-"))
    let state = AlertState(asOf: Day("2026-11-22")!, alerts: [])
    let with = RunSummary(
      date: Day("2026-11-22")!, outcome: .complete, results: [], renderings: [], changedFiles: [],
      alertOutputs: AlertReport.outputs(state, events: []))
    #expect(with.githubOutput.contains("alerts-open=0\nalerts-opened=0\nalerts-closed=0\n"))
  }
}
