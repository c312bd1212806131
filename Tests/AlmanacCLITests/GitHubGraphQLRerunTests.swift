import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// GraphQL pages share one URL: a same-day re-run (which goes on from the saved cursor) must not
/// replace the first run's pages in the raw snapshot, or a rebuild from raw loses those stars.
@Suite struct GraphQLRerunKeepsTheDaysPages {
  @Test func aSameDayRerunKeepsEveryPageOfTheFirstRun() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo(stars: 250)])
    let dir = TempDirectory("graphql-rerun")
    var config = Config()
    var github = Config.GitHubSource()
    github.repos = ["o/r"]
    github.baseURL = server.baseURL
    github.stars = "graphql"
    config.github = github
    func night() async throws -> SourceResult {
      let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: ghDay)
      return try await GitHubNightly(environment: ["ALMANAC_GITHUB_TOKEN": "ghp_graphql_token_1"]).night(Night(config: config, client: client(attempts: 1), stages: stages))
    }
    #expect(try await night().status == .complete)
    #expect(try await night().status == .complete)
    let raw = try RawSnapshot.decode(try #require(dir.read("stats/raw/github/\(ghDay).json")), path: "raw")
    var data: [String: GitHubRepoData] = [:]
    _ = GitHubNormalize.apply(raw, to: &data, path: "raw")
    #expect(data["o/r"]?.stargazers.rows.count == 250)
    let stored = try #require(dir.read("stats/series/github/o/r/stargazers.csv"))
    #expect(stored.split(separator: "\n").count == 250 + 1)
  }
}
