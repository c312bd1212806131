import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// The real client and the `pypi` fetcher against a real ClickHouse server (Debian's 18.16 or
/// newer) loaded with ClickPy-shaped tables whose roll-ups hold several unmerged parts per key.
@Suite(.enabled(if: ClickHouseTestServer.runnable, Comment(rawValue: ClickHouseTestServer.skipReason)))
struct ClickHouseServerTests {
  func readOnly(_ server: ClickHouseTestServer, password: String = ClickHouseTestServer.password) -> ClickHouseClient {
    ClickHouseClient(http: client(attempts: 2, timeout: 20), endpoint: server.baseURL, user: ClickHouseTestServer.user, password: password)
  }

  @Test func dailyTotalsAreSummedOverUnmergedParts() async throws {
    let server = try await ClickHouseTestServer.shared()
    let parts = try await server.execute(
      "SELECT count() FROM system.parts WHERE database = 'pypi' AND table = 'pypi_downloads_per_day' AND active FORMAT TSV")
    #expect(Int(parts.filter(\.isNumber)) ?? 0 >= 3, "the fixture should leave several parts unmerged")
    let days = ClickPyFixture.days
    let q = PyPIClickHouse.queries(try #require(PackageName(ClickPyFixture.package)), days: days)[0]
    let answer = try await readOnly(server).query(q.sql, purpose: q.purpose)
    let got = Dictionary(uniqueKeysWithValues: answer.rows.compactMap { row in
      row["date"]?.stringValue.flatMap { Day($0) }.flatMap { d in row.count("downloads").map { (d, $0) } }
    })
    #expect(got == ClickPyFixture.perDay())
    #expect(got.count == days.days.count)
  }

  @Test func literalsRoundTripThroughTheServer() async throws {
    let server = try await ClickHouseTestServer.shared()
    for raw in ["it's", #"a\b"#, "two\nlines", "tab\t", "nul\u{0}x", "bell\u{7}", "café ☕", #"\'; DROP TABLE x; --"#] {
      let answer = try await readOnly(server).query("SELECT \(ClickHouseSQL.literal(raw)) AS s", purpose: "literal round trip")
      #expect(answer.rows.first?["s"]?.stringValue == raw)
    }
  }

  @Test func anUnfilteredQueryOverTheReadBudgetFailsInsteadOfAnsweringPartially() async throws {
    let server = try await ClickHouseTestServer.shared()
    do {
      _ = try await readOnly(server).query("SELECT sum(1) AS n FROM pypi.pypi", purpose: "an unfiltered count")
      Issue.record("the read budget did not stop the query")
    } catch {
      #expect(error.code == 158)
      #expect(error.status == 500)
      #expect(error.description.hasPrefix("ClickHouse query for an unfiltered count failed (HTTP 500, code 158): Limit for rows to read exceeded"))
    }
  }

  @Test func aMissingTableAndAWrongPasswordAreClearErrors() async throws {
    let server = try await ClickHouseTestServer.shared()
    do {
      _ = try await readOnly(server).query("SELECT 1 FROM pypi.no_such_table", purpose: "a missing table")
      Issue.record("expected a failure")
    } catch {
      #expect(error.code == 60)
      #expect(error.description.contains("no_such_table"))
      #expect(error.description.contains("check the endpoint's database and table names"))
    }
    do {
      _ = try await readOnly(server, password: "not-the-password").query("SELECT 1", purpose: "a wrong password")
      Issue.record("expected a failure")
    } catch {
      #expect(error.description.contains("check the ClickHouse user and the password variable"))
      #expect(!error.description.contains("not-the-password"))
    }
  }

  @Test func theFetcherGetsEveryFigureTheFixtureHolds() async throws {
    let server = try await ClickHouseTestServer.shared()
    let package = try #require(PackageName(ClickPyFixture.package))
    let fetcher = PyPIClickHouseFetcher(
      client: readOnly(server), reference: try #require(PackageName("requests")), freshness: PyPIFreshness(maxLagDays: 3, minDownloads: 1_000_000))
    let asOf = ClickPyFixture.newest.adding(days: 1)
    let outcome = await fetcher.fetch(packages: [package], asOf: asOf, lookbackDays: 33)
    #expect(outcome.snapshot.failures.isEmpty, "\(outcome.snapshot.failures)")
    #expect(outcome.sourceNewest == ClickPyFixture.newest)
    // Two calendar months, four queries each, plus the gate and the total.
    #expect(outcome.snapshot.exchanges.count == 2 + 2 * 4)
    let (records, detail, diagnostics) = PyPIClickHouse.normalize(outcome.snapshot, path: "raw")
    #expect(diagnostics.isEmpty)
    func series(_ dimension: String) -> [String: Int64] {
      records.records.filter { $0.dimension == dimension && $0.package == package.normalized }
        .reduce(into: [:]) { $0["\($1.date) \($1.category)"] = $1.downloads }
    }
    #expect(series(Dimension.overall) == Dictionary(uniqueKeysWithValues: ClickPyFixture.perDay().map { ("\($0.key) with_mirrors", $0.value) }))
    let nulled = { (m: [String: Int64]) in Dictionary(uniqueKeysWithValues: m.map { ($0.key.hasSuffix(" ") ? $0.key + "unknown" : $0.key, $0.value) }) }
    #expect(series(Dimension.pythonMinor) == nulled(ClickPyFixture.by(\.pythonMinor)))
    #expect(series(Dimension.system) == nulled(ClickPyFixture.by(\.system)))
    #expect(series(PyPIClickHouse.totalDimension) == ["\(asOf) all": ClickPyFixture.total()])
    #expect(detail.rows == ClickPyFixture.detail())
    #expect(PyPIClickHouse.sourceNewest(records) == ClickPyFixture.newest)
    #expect(records.records.first { $0.dimension == PyPIClickHouse.freshnessDimension }?.downloads == ClickPyFixture.referenceTotal)
  }

  @Test func aStaleDataSetFailsTheSourceAndAsksNothingMore() async throws {
    let server = try await ClickHouseTestServer.shared()
    let fetcher = PyPIClickHouseFetcher(client: readOnly(server), reference: try #require(PackageName("requests")))
    let outcome = await fetcher.fetch(packages: [try #require(PackageName(ClickPyFixture.package))], asOf: ClickPyFixture.newest.adding(days: 10))
    #expect(outcome.stale?.message.contains("is stale: its newest day for `requests` is \(ClickPyFixture.newest), 10 days before") == true)
    #expect(outcome.snapshot.exchanges.map(\.endpoint) == ["freshness"])
    #expect(outcome.snapshot.failures.map(\.endpoint) == ["freshness"])
  }
}

@Suite(.enabled(if: ClickHouseTestServer.runnable, Comment(rawValue: ClickHouseTestServer.skipReason)))
struct GitHubEventsServerTests {
  func fetch(personalData: Bool) async throws -> RawSnapshot {
    let server = try await ClickHouseTestServer.shared()
    let c = ClickHouseClient(http: client(attempts: 2, timeout: 20), endpoint: server.baseURL, user: ClickHouseTestServer.user, password: ClickHouseTestServer.password)
    let repo = try #require(RepoName(ClickPyFixture.repo))
    return await GitHubEventsFetcher(client: c, personalData: personalData)
      .fetch(repos: [repo], asOf: Day("2026-11-22")!, until: Day("2026-11-21")!, lookbackDays: 5)
  }

  @Test func countsEventsAndDistinctActorsPerDayWithoutLogins() async throws {
    let raw = try await fetch(personalData: false)
    #expect(raw.failures.isEmpty, "\(raw.failures)")
    #expect(!raw.encoded().contains("alice") && !raw.encoded().contains("dave"))
    let (records, diagnostics) = GitHubEvents.normalize(raw, path: "raw")
    #expect(diagnostics.isEmpty)
    let lines = records.records.map { "\($0.date) \($0.dimension) \($0.category) \($0.downloads)" }
    // alice starred twice (a re-star): two WatchEvents on 11-19/20, three distinct stargazers.
    #expect(lines == [
      "2026-11-20 actors ForkEvent 1",
      "2026-11-21 actors IssuesEvent 1",
      "2026-11-21 actors PullRequestEvent 1",
      "2026-11-20 actors PushEvent 1",
      "2026-11-21 actors PushEvent 1",
      "2026-11-20 actors ReleaseEvent 1",
      "2026-11-19 actors WatchEvent 2",
      "2026-11-20 actors WatchEvent 2",
      "2026-11-20 events ForkEvent 1",
      "2026-11-21 events IssuesEvent 1",
      "2026-11-21 events PullRequestEvent 1",
      "2026-11-20 events PushEvent 1",
      "2026-11-21 events PushEvent 2",
      "2026-11-20 events ReleaseEvent 1",
      "2026-11-19 events WatchEvent 2",
      "2026-11-20 events WatchEvent 2",
      "2026-11-20 releases v2.1.0rc1 1",
      "2026-11-22 stargazers all_time 3",
    ])
  }

  @Test func withPersonalDataOptedInForkersAndReleasersAreNamed() async throws {
    let raw = try await fetch(personalData: true)
    let (records, _) = GitHubEvents.normalize(raw, path: "raw")
    let named = records.records.filter { $0.dimension == GitHubEvents.forkersDimension || $0.dimension == GitHubEvents.releasersDimension }
    #expect(named.map { "\($0.date) \($0.dimension) \($0.category)" } == ["2026-11-20 fork_actor dave", "2026-11-20 release_actor v2.1.0rc1 alice"])
  }

  @Test func anUnknownRepositoryIsAFailureThatSaysSo() async throws {
    let server = try await ClickHouseTestServer.shared()
    let c = ClickHouseClient(http: client(attempts: 1, timeout: 20), endpoint: server.baseURL, user: ClickHouseTestServer.user, password: ClickHouseTestServer.password)
    let raw = await GitHubEventsFetcher(client: c).fetch(repos: [RepoName("nobody/nothing")!], asOf: Day("2026-11-22")!, until: Day("2026-11-21")!)
    #expect(raw.failures.map(\.message) == ["the events data set does not know nobody/nothing (no single id in repo_name_to_id); check the name, or the repository has no public events yet"])
  }
}
