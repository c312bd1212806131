import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Catalogue 14, 15, 18, 20 and the incremental stargazer crawl across nights.
@Suite struct GitHubAcrossNights {
  static func known(_ data: GitHubRepoData?) -> GitHubFetcher.Known {
    let stars = data?.stars ?? []
    return GitHubFetcher.Known(starUserIDs: Set(stars.compactMap(\.userID)), ghostStars: stars.filter { $0.userID == nil }.count)
  }

  // 14, 15: unchanged list pages cost a 304; the weak ETag goes back verbatim.
  @Test func unchangedListPagesAnswer304WithTheWeakETagEchoedVerbatim() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo()])
    let first = await ghFetcher(server).fetch(repos: ["o/r"], date: ghDay)
    let (repos, _) = normalized(first.snapshot)
    let etag = try #require(first.state.repos["o/r"]?.pages.values.first?.etag)
    #expect(etag.hasPrefix("W/\""))
    let before = server.requests.count
    let second = await ghFetcher(server).fetch(repos: ["o/r"], date: ghDay.adding(days: 1), state: first.state, known: ["o/r": Self.known(repos["o/r"])])
    let night2 = server.requests.dropFirst(before)
    #expect(night2.filter { $0.path.hasSuffix("/forks") || $0.path.hasSuffix("/releases") }.allSatisfy { $0.header("if-none-match")?.hasPrefix("W/\"") == true })
    // The star count did not move: the last star page is asked for with its ETag too.
    #expect(second.snapshot.exchanges.filter { $0.status == 304 }.map(\.endpoint) == ["stargazers", "forks", "releases"])
    #expect(night2.filter { $0.path.contains("stargazers") }.count == 1)
    let (after, diagnostics) = normalized(second.snapshot, into: repos)
    #expect(diagnostics.isEmpty)
    #expect(after["o/r"]?.releaseDownloads == repos["o/r"]?.releaseDownloads)
    #expect(after["o/r"]?.forks == repos["o/r"]?.forks)
  }

  // 18: new stars resume from the last page read; an unstar triggers one full re-read that drops
  // it; a ghost (`user: null`) is kept without an id; a user never appears twice.
  @Test func starsResumeAndUnstarsAreDetected() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    var repo = sampleRepo(stars: 150)
    repo.stars.append(.init(at: "2026-03-01T00:00:00Z", id: nil, login: ""))
    server.serveGitHub([repo])
    var options = GitHubFetcher.Options()
    options.traffic = false
    let n1 = await ghFetcher(server, options: options).fetch(repos: ["o/r"], date: ghDay)
    var (repos, _) = normalized(n1.snapshot)
    #expect(repos["o/r"]?.stargazers.rows.count == 151)

    // Night 2: 30 new stars: read from page 2 (a Link URL) on.
    repo.stars += GitHubFakeRepo.stars(30, from: "2026-04-01", startID: 5000)
    server.serveGitHub([repo])
    var before = server.requests.count
    let n2 = await ghFetcher(server, options: options).fetch(repos: ["o/r"], date: ghDay.adding(days: 1), state: n1.state, known: ["o/r": Self.known(repos["o/r"])])
    #expect(server.requests.dropFirst(before).filter { $0.path.contains("stargazers") }.map(\.target) == ["/repositories/515435940/stargazers?per_page=100&page=2"])
    (repos, _) = normalized(n2.snapshot, into: repos)
    #expect(repos["o/r"]?.stargazers.rows.count == 181)

    // Night 3: user1003 unstarred and one more star came: counts agree (181) but the union does
    // not, so the list is read again in full, and the unstar is dropped.
    repo.stars.removeAll { $0.id == 1003 }
    repo.stars += GitHubFakeRepo.stars(1, from: "2026-05-01", startID: 9000)
    server.serveGitHub([repo])
    before = server.requests.count
    let n3 = await ghFetcher(server, options: options).fetch(repos: ["o/r"], date: ghDay.adding(days: 2), state: n2.state, known: ["o/r": Self.known(repos["o/r"])])
    // The last page (ETag changed: 200), then the full re-read of two pages.
    #expect(server.requests.dropFirst(before).filter { $0.path.contains("stargazers") }.count == 3)
    #expect(server.requests.dropFirst(before).first { $0.path.contains("stargazers") }?.header("if-none-match") != nil)
    let diagnostics: [Diagnostic]
    (repos, diagnostics) = normalized(n3.snapshot, into: repos)
    let stars = try #require(repos["o/r"]?.stars)
    #expect(stars.count == 181)
    #expect(!stars.contains { $0.userID == 1003 })
    #expect(stars.contains { $0.userID == 9000 })
    #expect(stars.filter { $0.userID == nil }.count == 1)
    #expect(diagnostics.map(\.message) == ["1 star(s) of o/r were withdrawn since the last full read; removed from stargazers.csv"])
  }

  // 20: missing days, an all-zero window after real traffic (outage), empty popular lists.
  @Test func trafficFaultsOverHTTP() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    var repo = sampleRepo()
    server.serveGitHub([repo])
    let n1 = await ghFetcher(server).fetch(repos: ["o/r"], date: ghDay)
    var (repos, _) = normalized(n1.snapshot)
    repo.views = [:]
    repo.clones = [:]
    repo.referrers = []
    repo.paths = []
    server.serveGitHub([repo])
    let n2 = await ghFetcher(server).fetch(repos: ["o/r"], date: ghDay.adding(days: 1), state: n1.state)
    let diagnostics: [Diagnostic]
    (repos, diagnostics) = normalized(n2.snapshot, into: repos)
    #expect(diagnostics.map(\.message) == [
      "GitHub answered an all-zero views window where traffic is known (an outage); kept the known values",
      "GitHub answered an all-zero clones window where traffic is known (an outage); kept the known values",
    ])
    #expect(repos["o/r"]?.traffic.values(.views)[try #require(Day("2026-11-10"))] == .init(count: 10, uniques: 4))
    #expect(repos["o/r"]?.popular.rows.keys.contains { $0[0] == "2026-11-22" } == false)
  }

  /// The figure for the issue: 5,000 stargazers, a first full crawl and then a night with 20 new
  /// stars. `ALMANAC_BENCHMARK=1` adds 50 ms latency to every answer and prints the wall times;
  /// without it the test checks the request counts on 1,000 stars (quick on a loaded machine).
  @Test func benchmarkFiveThousandStargazersIncrementally() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let benchmark = ProcessInfo.processInfo.environment["ALMANAC_BENCHMARK"] != nil
    let latency = benchmark ? 0.05 : 0
    let count = benchmark ? 5000 : 1000
    var repo = GitHubFakeRepo("o/r", stars: GitHubFakeRepo.stars(count))
    var fake = GitHubFake([repo], baseURL: server.baseURL)
    server.route("*", "/*") { [fake] in fake.respond(to: $0).delayed(latency) }
    var options = GitHubFetcher.Options()
    options.traffic = false
    options.forks = false
    options.releases = false
    let clock = ContinuousClock()
    var first: GitHubFetcher.Result?
    let fullTime = await clock.measure { first = await ghFetcher(server, options: options).fetch(repos: ["o/r"], date: ghDay) }
    let n1 = try #require(first)
    let (repos, _) = normalized(n1.snapshot)
    #expect(n1.requests == count / 100 + 1)
    repo.stars += GitHubFakeRepo.stars(20, from: "2026-10-01", startID: 90_000)
    fake = GitHubFake([repo], baseURL: server.baseURL)
    server.route("*", "/*") { [fake] in fake.respond(to: $0).delayed(latency) }
    var second: GitHubFetcher.Result?
    let incrementalTime = await clock.measure {
      second = await ghFetcher(server, options: options).fetch(repos: ["o/r"], date: ghDay.adding(days: 1), state: n1.state, known: ["o/r": Self.known(repos["o/r"])])
    }
    let n2 = try #require(second)
    #expect(n2.requests == 3)  // the repository, the last page read (full, so unchanged), the new page
    let (after, _) = normalized(n2.snapshot, into: repos)
    #expect(after["o/r"]?.stargazers.rows.count == count + 20)
    if latency > 0 { print("benchmark: \(count) stargazers, 50 ms latency: first night \(n1.requests) requests in \(fullTime); next night (+20 stars) \(n2.requests) requests in \(incrementalTime)") }
  }
}

/// Catalogue 22 and 23 over HTTP: drafts, empty asset lists, counts beyond Int32; a repository
/// payload without `has_downloads` and with unknown keys (the fake never sends `has_downloads`).
@Suite struct GitHubReleasesOverHTTP {
  @Test func releaseDownloadsAreAChangeOnlyCumulativeSeries() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    var repo = sampleRepo()
    let releases = { (n: Int64) in
      #"[{"tag_name":"v2.0.0-rc","name":null,"draft":true,"prerelease":true,"published_at":null,"assets":[]},{"tag_name":"v1.0.0","name":"One","draft":false,"prerelease":false,"published_at":"2026-03-01T10:00:00Z","assets":[{"name":"tool-linux.tar.gz","download_count":\#(n)},{"name":"tool-macos.zip","download_count":7}]}]"#
    }
    repo.releasesJSON = releases(4_000_000_000)
    server.serveGitHub([repo])
    let n1 = await ghFetcher(server).fetch(repos: ["o/r"], date: ghDay)
    var (repos, diagnostics) = normalized(n1.snapshot)
    #expect(diagnostics.isEmpty)
    repo.releasesJSON = releases(4_000_000_123)
    server.serveGitHub([repo])
    let n2 = await ghFetcher(server).fetch(repos: ["o/r"], date: ghDay.adding(days: 1), state: n1.state)
    (repos, diagnostics) = normalized(n2.snapshot, into: repos)
    let data = try #require(repos["o/r"])
    #expect(data.releases.sortedRows == [["v1.0.0", "One", "2026-03-01T10:00:00Z", "false", "false"], ["v2.0.0-rc", "", "", "true", "true"]])
    #expect(data.releaseDownloads.sortedRows == [
      ["2026-11-21", "v1.0.0", "tool-linux.tar.gz", "4000000000"], ["2026-11-21", "v1.0.0", "tool-macos.zip", "7"],
      ["2026-11-22", "v1.0.0", "tool-linux.tar.gz", "4000000123"],
    ])
    #expect(data.assetDownloads(asOf: ghDay.adding(days: 1))[["v1.0.0", "tool-macos.zip"]] == 7)
  }
}
