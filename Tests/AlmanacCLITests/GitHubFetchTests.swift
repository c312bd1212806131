import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

let ghDay = Day("2026-11-21") ?? Day(ordinal: 0)
let ghNow = Date(timeIntervalSince1970: 1_795_000_000)

/// `x-ratelimit-reset` `seconds` after the fixed clock.
func resetIn(_ seconds: Double) -> String { String(Int64(ghNow.timeIntervalSince1970 + seconds)) }

func sampleRepo(_ name: String = "o/r", stars: Int = 5) -> GitHubFakeRepo {
  var repo = GitHubFakeRepo(name, stars: GitHubFakeRepo.stars(stars))
  repo.views = ["2026-11-10": (10, 4), "2026-11-12": (7, 3), "2026-11-21": (1, 1)]
  repo.clones = ["2026-11-11": (3, 2)]
  repo.referrers = [("Google", 4, 3), ("github.com", 2, 2)]
  repo.paths = [("/o/r", "o/r: a repo · GitHub", 9, 5)]
  repo.forks = [(77, "someone/r", "2026-02-01T10:00:00Z")]
  repo.releasesJSON = #"[{"tag_name":"v1.0.0","name":"One","draft":false,"prerelease":false,"published_at":"2026-03-01T10:00:00Z","assets":[{"name":"tool-linux.tar.gz","download_count":42}]}]"#
  return repo
}

func ghFetcher(_ server: FakeAPIServer, token: String? = "ghp_testtoken123", sleeps: Sleeps = Sleeps(), logs: LogLines = LogLines(), options: GitHubFetcher.Options = .init(), maxWait: Double = 60) -> GitHubFetcher {
  var c = client(sleeps: sleeps, logs: logs, secrets: token.map { [$0] } ?? [])
  c.policy.maxWait = maxWait
  c.now = { ghNow }  // a fixed clock: rate-limit waits are exact, however loaded the machine
  return GitHubFetcher(client: c, baseURL: server.baseURL, token: token, options: options)
}

func normalized(_ raw: RawSnapshot, into repos: [String: GitHubRepoData] = [:]) -> ([String: GitHubRepoData], [Diagnostic]) {
  var repos = repos
  let diagnostics = GitHubNormalize.apply(raw, to: &repos, path: "raw.json")
  return (repos, diagnostics)
}

@Suite struct GitHubFetchOverHTTP {
  @Test func aNightFetchesCountsTrafficStarsForksAndReleasesAndNormalizesThem() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo()])
    let result = await ghFetcher(server).fetch(repos: ["o/r"], date: ghDay)
    #expect(result.snapshot.failures.isEmpty)
    #expect(result.snapshot.exchanges.map(\.endpoint) == ["repo", "views", "clones", "referrers", "paths", "stargazers", "forks", "releases"])
    let sent = server.requests
    #expect(sent.allSatisfy { $0.header("x-github-api-version") == GitHub.apiVersion && $0.header("authorization") == "Bearer ghp_testtoken123" })
    #expect(sent.first { $0.path.hasSuffix("/stargazers") }?.header("accept") == GitHub.starMediaType)
    let (repos, diagnostics) = normalized(result.snapshot)
    #expect(diagnostics.isEmpty)
    let data = try #require(repos["o/r"])
    #expect(data.counts.sortedRows == [["2026-11-21", "5", "1", "2", "4", "120", "2026-11-20T10:00:00Z"]])
    #expect(data.traffic.values(.views)[try #require(Day("2026-11-10"))] == .init(count: 10, uniques: 4))
    #expect(data.traffic.values(.views)[try #require(Day("2026-11-11"))] == .zero)  // absent: an observed zero
    #expect(data.traffic.values(.clones)[try #require(Day("2026-11-11"))] == .init(count: 3, uniques: 2))
    #expect(data.stargazers.rows.count == 5)
    #expect(data.forks.sortedRows == [["2026-02-01T10:00:00Z", "77", "someone/r"]])
    #expect(data.releaseDownloads.sortedRows == [["2026-11-21", "v1.0.0", "tool-linux.tar.gz", "42"]])
    #expect(data.popular.sortedRows.contains(["2026-11-21", "path", "/o/r", "2026-11-07", "2026-11-21", "o/r: a repo · GitHub", "9", "5"]))
    // Raw bodies keep what Almanac reads, not GitHub's dozen URLs per user or whole fork repos.
    let bodies = Dictionary(result.snapshot.exchanges.map { ($0.endpoint, $0.body) }, uniquingKeysWith: { a, _ in a })
    #expect(bodies["stargazers"]?.hasPrefix(#"[{"starred_at":"2026-01-01T10:00:00Z","user":{"id":1000,"login":"user1000"}}"#) == true)
    #expect(bodies["repo"]?.contains("topics") == false)
    #expect(bodies["forks"] == #"[{"created_at":"2026-02-01T10:00:00Z","full_name":"someone/r","id":77}]"#)
    // The token never lands in what is stored.
    #expect(!result.snapshot.encoded().contains("ghp_testtoken123"))
  }

  @Test func withoutPushAccessTrafficIsSkippedWithAWarningAndNo403() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    var repo = sampleRepo()
    repo.canPush = false
    server.serveGitHub([repo])
    let result = await ghFetcher(server).fetch(repos: ["o/r"], date: ghDay)
    #expect(!server.requests.contains { $0.path.contains("/traffic/") })
    #expect(result.snapshot.failures.isEmpty)
    #expect(result.diagnostics.map(\.description) == [
      "github o/r: warning: traffic skipped: the token in ALMANAC_GITHUB_TOKEN has no push access to o/r (permissions.push is false). Use a classic token with `repo` scope from an account with push access, or a fine-grained token with Administration: read; the Actions GITHUB_TOKEN cannot read traffic",
    ])
    let anonymous = await ghFetcher(server, token: nil).fetch(repos: ["o/r"], date: ghDay)
    #expect(anonymous.diagnostics.first?.message.hasPrefix("traffic skipped: no token in ALMANAC_GITHUB_TOKEN") == true)
  }

  // Catalogue 1–3: traffic refused although the token has push (the three bodies seen in the wild).
  @Test(arguments: [
    ("Must have push access to repository", "needs push access to the repository"),
    ("Resource not accessible by integration", "the Actions GITHUB_TOKEN cannot read this"),
    ("Resource not accessible by personal access token", "grant it Administration: read-only"),
  ])
  func aTraffic403NamesWhatTheTokenLacksAndTheRestIsKept(message: String, advice: String) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    var repo = sampleRepo()
    repo.trafficDenied = message
    server.serveGitHub([repo])
    let result = await ghFetcher(server).fetch(repos: ["o/r"], date: ghDay)
    #expect(result.snapshot.failures.count == 1)
    let failure = try #require(result.snapshot.failures.first)
    #expect(failure.endpoint == "views")
    #expect(failure.message.contains("GitHub said \"\(message)\""))
    #expect(failure.message.contains(advice))
    #expect(server.requests.filter { $0.path.contains("/traffic/") }.count == 1)  // no retry, no more 403s
    #expect(result.snapshot.exchanges.map(\.endpoint) == ["repo", "stargazers", "forks", "releases"])
  }

  // Catalogue 4: a bad token stops the night at the first repository.
  @Test func badCredentialsStopTheNightWithAClearMessage() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo(), sampleRepo("o/other")]) { $0.tokens = ["ghp_good"] }
    let result = await ghFetcher(server, token: "ghp_expired99").fetch(repos: ["o/r", "o/other"], date: ghDay)
    #expect(server.requests.count == 1)
    #expect(result.snapshot.failures.map(\.message) == [
      "HTTP 401: \"Bad credentials\": the token in ALMANAC_GITHUB_TOKEN is invalid or expired; create a new token and update the secret",
      "not fetched: the token in ALMANAC_GITHUB_TOKEN was refused (HTTP 401 Bad credentials)",
    ])
  }

  // Catalogue 5 and 28: missing repository, legal block.
  @Test func aMissingOrBlockedRepositoryIsAFailureThatSaysWhy() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo()])
    server.route("/repos/o/blocked", .json(451, #"{"message":"Repository access blocked","block":{"reason":"dmca","created_at":"2026-01-01T00:00:00Z"}}"#))
    let result = await ghFetcher(server).fetch(repos: ["o/gone", "o/blocked", "o/r"], date: ghDay)
    #expect(result.snapshot.failures.map(\.message) == [
      "HTTP 404: \"Not Found\": o/gone does not exist, or the token in ALMANAC_GITHUB_TOKEN cannot see it (a private repository needs a token with access)",
      "HTTP 451: \"Repository access blocked\": access to o/blocked is blocked for legal reasons; remove it from almanac.yml",
    ])
    #expect(result.snapshot.exchanges.contains { $0.target == "o/r" && $0.endpoint == "repo" })
  }

  // Catalogue 6: a renamed repository answers 301 to /repositories/{id}; followed, and reported.
  @Test func aRenamedRepositoryIsFollowedAndTheNewNameReported() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo("o/new-name")]) { $0.renamed = ["o/old-name": "o/new-name"] }
    let result = await ghFetcher(server).fetch(repos: ["o/old-name"], date: ghDay)
    #expect(result.snapshot.failures.isEmpty)
    #expect(result.diagnostics.contains { $0.message.hasPrefix("GitHub redirected o/old-name to o/new-name (renamed or transferred)") })
    let (repos, _) = normalized(result.snapshot)
    #expect(repos["o/old-name"]?.counts.rows.count == 1)
  }

  // Catalogue 16: Link pages on /repositories/{id}, last page with only prev/first; one page, no Link.
  @Test func stargazerPagesFollowLinkHeadersVerbatim() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo(stars: 250), sampleRepo("o/small", stars: 3)])
    var options = GitHubFetcher.Options()
    options.forks = false
    options.releases = false
    options.traffic = false
    let result = await ghFetcher(server, options: options).fetch(repos: ["o/r", "o/small"], date: ghDay)
    let starPaths = server.requests.filter { $0.path.contains("stargazers") }.map(\.target)
    #expect(starPaths == [
      "/repos/o/r/stargazers?per_page=100", "/repositories/515435940/stargazers?per_page=100&page=2",
      "/repositories/515435940/stargazers?per_page=100&page=3", "/repos/o/small/stargazers?per_page=100",
    ])
    let (repos, _) = normalized(result.snapshot)
    #expect(repos["o/r"]?.stargazers.rows.count == 250)
    #expect(result.state.repos["o/r"]?.starsResume?.hasSuffix("page=3") == true)
  }

  // Catalogue 17: the REST cap answers 422; the crawl stops cleanly and GraphQL reads on.
  @Test func theListCapStopsCleanlyAndGraphQLReadsOn() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo(stars: 250)]) { $0.capPages = 2 }
    var options = GitHubFetcher.Options()
    options.traffic = false
    let result = await ghFetcher(server, options: options).fetch(repos: ["o/r"], date: ghDay)
    #expect(result.snapshot.failures.isEmpty)
    #expect(result.diagnostics.map(\.message).contains("GitHub lists at most 40000 stargazers over REST (HTTP 422 past page 400); the rest are read over GraphQL"))
    #expect(result.snapshot.exchanges.filter { $0.endpoint == "stargazers_graphql" }.count == 3)
    let (repos, _) = normalized(result.snapshot)
    #expect(repos["o/r"]?.stargazers.rows.count == 250)
    #expect(result.state.repos["o/r"]?.starsCursor != nil)
  }

  // Catalogue 19: without the star media type the items have no dates; fail loudly.
  @Test func starsWithoutDatesFailLoudly() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo()]) { $0.dropsStarMediaType = true }
    let result = await ghFetcher(server).fetch(repos: ["o/r"], date: ghDay)
    #expect(result.snapshot.failures.map(\.endpoint) == ["stargazers"])
    #expect(result.diagnostics.contains { $0.severity == .error && $0.message.contains("GitHub sent plain users, not stars with dates") })
  }

  // Reported 2026: the list needs admin/collaborator access; the history endpoint stands in,
  // and when it is missing too the run says so loudly.
  @Test func aRefusedStarListFallsBackToTheHistoryEndpointThenToCounts() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    var repo = sampleRepo(stars: 9)
    repo.starListDenied = "Must have admin or collaborator access to list stargazers"
    repo.hasStarHistory = true
    server.serveGitHub([repo])
    let result = await ghFetcher(server).fetch(repos: ["o/r"], date: ghDay)
    #expect(result.snapshot.exchanges.contains { $0.endpoint == "stargazers_history" })
    let (repos, _) = normalized(result.snapshot)
    #expect(repos["o/r"]?.starsHistory.sortedRows.filter { $0[1] != "0" }.map { $0[1] } == ["3", "3", "3"])
    repo.hasStarHistory = false
    server.serveGitHub([repo])
    let without = await ghFetcher(server).fetch(repos: ["o/r"], date: ghDay)
    #expect(without.snapshot.failures.map(\.endpoint) == ["stargazers_history"])
    #expect(without.diagnostics.contains { $0.message.hasPrefix("star dates for o/r are unavailable: listing stargazers was refused") })
  }
}
