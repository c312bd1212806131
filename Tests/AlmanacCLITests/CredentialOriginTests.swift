import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// "A credential goes only to the host it was configured for", over real loopback servers: a
/// second server (another port, so another origin) stands for the thief and must see nothing.
@Suite struct CredentialsStayOnTheirOrigin {
  static let token = "ghp_bound_to_its_origin_42"

  var starsOnly: GitHubFetcher.Options {
    var o = GitHubFetcher.Options()
    o.traffic = false
    o.forks = false
    o.releases = false
    return o
  }

  @Test func aStateFileEditedToPointAtAnotherServerSendsItNothing() async throws {
    let github = try FakeAPIServer()
    let thief = try FakeAPIServer()
    defer { github.stop(); thief.stop() }
    github.serveGitHub([sampleRepo(stars: 250)])
    var state = GitHubState()
    var repo = GitHubState.Repo()
    repo.starsResume = thief.baseURL + "/repositories/515435940/stargazers?per_page=100&page=3"
    repo.pages[thief.baseURL + "/x"] = GitHubState.Page(etag: "W/\"1\"", next: thief.baseURL + "/y")
    repo.pages["/repos/o/r/forks?sort=oldest&per_page=100"] = GitHubState.Page(etag: "W/\"2\"", next: thief.baseURL + "/z")
    state.repos["o/r"] = repo
    let result = await ghFetcher(github, token: Self.token, options: starsOnly).fetch(
      repos: ["o/r"], date: ghDay, state: state, known: ["o/r": GitHubFetcher.Known(starUserIDs: Set(1000..<1250))])
    #expect(thief.requests.isEmpty)
    let refused = result.snapshot.failures.filter { $0.endpoint == "state" }
    #expect(refused.count == 3)
    #expect(refused.allSatisfy { $0.message.hasPrefix("state/github.json: `repos.o/r.") && $0.message.contains("not under the configured API base \(github.baseURL)") })
    #expect(!result.snapshot.failures.map(\.message).joined().contains(Self.token))
    // The crawl started over on the configured server, and the state written back is relative.
    #expect(github.requests.contains { $0.target == "/repos/o/r/stargazers?per_page=100" })
    let written = result.state.encoded()
    #expect(!written.contains("127.0.0.1"))
    #expect(result.state.repos["o/r"]?.starsResume == "/repositories/515435940/stargazers?per_page=100&page=3")
  }

  @Test func anAbsoluteResumeURLUnderTheBaseFromAnOlderFileStillResumes() async throws {
    let github = try FakeAPIServer()
    defer { github.stop() }
    github.serveGitHub([sampleRepo(stars: 250)])
    var state = GitHubState()
    var repo = GitHubState.Repo()
    repo.starsResume = github.baseURL + "/repositories/515435940/stargazers?per_page=100&page=3"
    state.repos["o/r"] = repo
    let result = await ghFetcher(github, token: Self.token, options: starsOnly).fetch(
      repos: ["o/r"], date: ghDay, state: state, known: ["o/r": GitHubFetcher.Known(starUserIDs: Set(1000..<1250))])
    #expect(result.snapshot.failures.isEmpty)
    #expect(github.requests.filter { $0.path.contains("stargazers") }.map(\.target) == ["/repositories/515435940/stargazers?per_page=100&page=3"])
    #expect(result.state.repos["o/r"]?.starsResume == "/repositories/515435940/stargazers?per_page=100&page=3")
  }

  @Test func aLinkHeaderToAnotherOriginIsRefused() async throws {
    let github = try FakeAPIServer()
    let thief = try FakeAPIServer()
    defer { github.stop(); thief.stop() }
    github.serveGitHub([sampleRepo(stars: 2)])
    let link = "<\(thief.baseURL)/repositories/515435940/stargazers?page=2>; rel=\"next\""
    github.route("/repos/o/r/stargazers", FakeResponse.json(200, #"[{"starred_at":"2026-01-01T00:00:00Z","user":{"login":"a","id":1}}]"#).adding(header: "Link", link))
    github.route("/repos/o/r/forks", FakeResponse.json(200, "[]").adding(header: "Link", link.replacingOccurrences(of: "stargazers", with: "forks")))
    var options = starsOnly
    options.forks = true
    let result = await ghFetcher(github, token: Self.token, options: options).fetch(repos: ["o/r"], date: ghDay)
    #expect(thief.requests.isEmpty)
    let messages = result.snapshot.failures.map { "\($0.endpoint): \($0.message)" }
    #expect(messages.filter { $0.contains("`Link` header points the next page at `\(thief.baseURL)/repositories/") }.count == 2)
    #expect(messages.contains { $0.hasPrefix("stargazers: ") } && messages.contains { $0.hasPrefix("forks: ") })
    #expect(!result.state.encoded().contains(thief.baseURL))
  }

  @Test func clickHouseCredentialsDoNotFollowARedirectToAnotherOrigin() async throws {
    let clickhouse = try FakeAPIServer()
    let thief = try FakeAPIServer()
    defer { clickhouse.stop(); thief.stop() }
    clickhouse.route("POST", "/", .redirect(307, thief.baseURL + "/"))
    thief.route("POST", "/", .text("{\"x\":1}\n"))
    let c = ClickHouseClient(http: client(), endpoint: clickhouse.baseURL + "/", user: "demo", password: "pw-secret-777")
    _ = try? await c.query("SELECT 1", purpose: "test")
    #expect(clickhouse.requests.first?.header("X-ClickHouse-Key") == "pw-secret-777")
    let stolen = thief.requests.map { ($0.header("X-ClickHouse-Key"), $0.header("X-ClickHouse-User")) }
    #expect(stolen.allSatisfy { $0.0 == nil && $0.1 == nil })
  }

  @Test func aGitHubRedirectToAnotherPortDropsTheToken() async throws {
    let github = try FakeAPIServer()
    let thief = try FakeAPIServer()
    defer { github.stop(); thief.stop() }
    github.serveGitHub([sampleRepo(stars: 2)])
    github.route("/repos/o/r", .redirect(301, thief.baseURL + "/repos/o/r"))
    thief.route("/repos/o/r", .json(200, "{}"))
    _ = await ghFetcher(github, token: Self.token, options: starsOnly).fetch(repos: ["o/r"], date: ghDay)
    #expect(github.requests.first?.header("authorization") == "Bearer \(Self.token)")
    #expect(thief.requests.count == 1)
    #expect(thief.requests.allSatisfy { $0.header("authorization") == nil })
  }
}
