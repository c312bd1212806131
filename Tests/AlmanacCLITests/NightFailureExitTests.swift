import AlmanacKit
import ArgumentParser
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Issue 9 point 10: a store that cannot be written ends the night with exit 1 (the nightly job
/// must not commit half a night), while a stargazer crawl cut by the network is a partial night.
@Suite struct NightFailureExits {
  @Test func aStoreWriteFailureExitsOneNotThree() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.servePyPIStats(.sample())
    // github-events writes no series, so without the fix it would succeed and the night would
    // read as partial (exit 3).
    _ = ClickPyStandIn(on: server)
    let dir = TempDirectory("write-failure")
    try dir.write("almanac.yml", """
      targets:
        packages: [tidewater]
        repos: [octo/demo]
      sources:
        pypistats:
          base_url: \(server.baseURL)/api
          request_interval: 0
        github-events:
          endpoint: \(server.baseURL)
      """)
    // A file where the series directory belongs: every series write fails, as on a full disk.
    try dir.write("stats/series", "not a directory\n")
    let command = try RunCommand.parse([
      "--config", dir.file("almanac.yml"), "--stats-dir", dir.file("stats"), "--date", "2026-11-21", "--quiet",
    ])
    await #expect(throws: ExitCode.failure) { try await command.run() }
    #expect(dir.read("stats/REPORT.md") == nil)
  }

  static func githubNight(_ dir: TempDirectory, _ server: FakeAPIServer) async throws -> SourceResult {
    var config = Config()
    var github = Config.GitHubSource()
    github.repos = ["o/r"]
    github.baseURL = server.baseURL
    config.github = github
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: ghDay)
    return try await GitHubNightly(environment: ["ALMANAC_GITHUB_TOKEN": "ghp_crawl_token_1"]).night(Night(config: config, client: client(attempts: 1), stages: stages))
  }

  @Test func aStargazerCrawlCutByTheNetworkIsAPartialNight() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo(stars: 7)])
    let dir = TempDirectory("crawl-cut")
    server.enqueue("/repos/o/r/stargazers", [FakeResponse.json(200, "[]").with(.dropConnection)])
    #expect(try await Self.githubNight(dir, server).status == .partial)

    // The next run of the day reads them; a third, cut again, is partial too even though the
    // day's snapshot holds the second run's pages.
    #expect(try await Self.githubNight(dir, server).status == .complete)
    let stars = try #require(dir.read("stats/series/github/o/r/stargazers.csv"))
    try FileManager.default.removeItem(atPath: dir.file("stats/state/github.json"))
    server.enqueue("/repos/o/r/stargazers", [FakeResponse.json(200, "[]").with(.dropConnection)])
    #expect(try await Self.githubNight(dir, server).status == .partial)
    #expect(dir.read("stats/series/github/o/r/stargazers.csv") == stars)
    let raw = try RawSnapshot.decode(try #require(dir.read("stats/raw/github/\(ghDay).json")), path: "raw")
    #expect(raw.failures.map(\.endpoint) == ["stargazers"])
  }
}
