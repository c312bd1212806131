import Foundation
import Testing

import AlmanacTestSupport

/// A committed `stats/state/github.json` edited (say, by a pull request) to resume the crawl on
/// another server: the token never goes there, and the night says so and is partial.
@Suite(.serialized) struct StateFileOrigin {
  @Test func anEditedStateFileSendsTheTokenNowhereAndTheNightIsPartial() async throws {
    let github = try FakeAPIServer()
    let thief = try FakeAPIServer()
    defer { github.stop(); thief.stop() }
    github.serveGitHub([GitHubFakeRepo("octo/demo", stars: GitHubFakeRepo.stars(3))])
    let dir = TempDirectory("state-origin")
    try dir.write("almanac.yml", "targets: {repos: [octo/demo]}\nsources: {github: {base_url: \"\(github.baseURL)\", traffic: false}}\n")
    try dir.write("stats/state/github.json", """
      {
        "format_version": 1,
        "kind": "github-state",
        "repos": {
          "octo/demo": {
            "pages": {},
            "stars_resume": "\(thief.baseURL)/collect?page=2"
          }
        }
      }

      """)
    let token = "ghp_state_file_token_9"
    let r = try await Shell.run("almanac fetch github --date 2026-11-21 --quiet", cwd: dir.path, environment: ["ALMANAC_GITHUB_TOKEN": token])
    #expect(r.status == 3, "\(r.stderr)")
    #expect(thief.requests.isEmpty)
    #expect(r.stderr.contains("state/github.json: `repos.octo/demo.stars_resume` holds `\(thief.baseURL)/collect?page=2`, which is not under the configured API base \(github.baseURL)"))
    #expect(!r.stderr.contains(token))
    let state = try #require(dir.read("stats/state/github.json"))
    #expect(!state.contains(thief.baseURL))
    #expect(dir.read("stats/series/github/octo/demo/stargazers.csv") != nil)
  }
}
