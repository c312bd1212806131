import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

extension PyPIStatsData {
  /// Ten days of a small package, with a sparse python_minor and system breakdown.
  static func sample(_ package: String = "tidewater") -> PyPIStatsData {
    let days = (11...20).map { d in
      PyPIStatsData.DailyTotal("2026-11-\(d)", withMirrors: 120 + d, withoutMirrors: 100 + d)
    }
    let python = (11...20).flatMap { d in
      [PyPIStatsData.CategoryCount("2026-11-\(d)", "3.12", 60 + d), .init("2026-11-\(d)", "3.10", d % 3 == 0 ? 0 : 40)]
    }
    let system = (11...20).map { d in PyPIStatsData.CategoryCount("2026-11-\(d)", "Linux", 100 + d) }
    return PyPIStatsData(package: package, days: days, pythonMinor: python, system: system)
  }
}

@Suite struct PyPIStatsOverHTTP {
  func fetcher(_ server: FakeAPIServer, sleeps: Sleeps = Sleeps()) -> PyPIStatsFetcher {
    PyPIStatsFetcher(client: client(sleeps: sleeps), baseURL: server.baseURL + "/api", interval: 2.5)
  }

  @Test func fetchesFourEndpointsSpacedAndNormalizesThem() async throws {
    let server = try FakeAPIServer()
    server.servePyPIStats(.sample())
    let sleeps = Sleeps()
    let day = try #require(Day("2026-11-21"))
    let raw = await fetcher(server, sleeps: sleeps).fetch(packages: [try #require(PackageName("Tidewater"))], date: day)
    #expect(raw.failures.isEmpty)
    #expect(raw.exchanges.map(\.endpoint) == ["recent", "overall", "python_minor", "system"])
    #expect(server.requests.map(\.path) == ["recent", "overall", "python_minor", "system"].map { "/api/packages/tidewater/\($0)" })
    #expect(sleeps.all == [2.5, 2.5, 2.5])
    let (records, diagnostics) = PyPIStats.normalize(raw, path: "raw.json")
    #expect(diagnostics.isEmpty)
    let python310 = records.records.filter { $0.dimension == "python_minor" && $0.category == "3.10" }
    #expect(python310.count == 7)  // sparse: days with 0 have no row
    #expect(records.records.contains { $0.dimension == "recent" && $0.category == "last_day" && $0.downloads == 120 })
  }

  @Test func anUnknownPackageIsNoDataNotAnError() async throws {
    let server = try FakeAPIServer()
    server.servePyPIStats(.sample())
    let raw = await fetcher(server).fetch(packages: [try #require(PackageName("nosuchpkg"))], date: try #require(Day("2026-11-21")))
    #expect(raw.failures.isEmpty)
    #expect(raw.exchanges.map(\.status) == [404, 404, 200, 200])
    let (records, diagnostics) = PyPIStats.normalize(raw, path: "raw.json")
    #expect(records.records.isEmpty)
    #expect(diagnostics.map(\.description) == [
      "raw.json: warning: pypistats.org has no downloads for `nosuchpkg` (404 from recent); check the package name",
      "raw.json: warning: pypistats.org has no downloads for `nosuchpkg` (404 from overall); check the package name",
    ])
  }

  @Test func rateLimitingIsRetriedAndThenSucceeds() async throws {
    let server = try FakeAPIServer()
    server.servePyPIStats(.sample())
    server.rateLimitNext(2)
    let sleeps = Sleeps()
    let raw = await fetcher(server, sleeps: sleeps).fetch(packages: [try #require(PackageName("tidewater"))], date: try #require(Day("2026-11-21")))
    #expect(raw.failures.isEmpty)
    #expect(sleeps.all.filter { $0 >= 10 }.count == 2)
  }

  @Test func aPersistentFailureIsListedAndTheRestKept() async throws {
    let server = try FakeAPIServer()
    server.servePyPIStats(.sample())
    server.route("/api/packages/tidewater/system", .html(503, "503 TEMPORARILY DISABLED"))
    let raw = await fetcher(server).fetch(packages: [try #require(PackageName("tidewater"))], date: try #require(Day("2026-11-21")))
    #expect(raw.exchanges.count == 3)
    #expect(raw.failures.map(\.endpoint) == ["system"])
    #expect(raw.failures.first?.message.contains("HTTP 503 after 3 attempts") == true)
    #expect(raw.failures.first?.message.contains("503 TEMPORARILY DISABLED") == true)
  }

  @Test func aTruncatedOrHTMLBodyIsAFailureAndOtherEndpointsSurvive() async throws {
    let server = try FakeAPIServer()
    server.servePyPIStats(.sample())
    server.route("/api/packages/tidewater/overall", .json(200, "{\"data\":[{\"category\":\"with_mirrors\",\"date\":\"2026-11-"))
    server.route("/api/packages/tidewater/system", .html(200, "<html><body>Server Error. Please try again in 30 seconds.</body></html>"))
    let raw = await fetcher(server).fetch(packages: [try #require(PackageName("tidewater"))], date: try #require(Day("2026-11-21")))
    #expect(raw.exchanges.map(\.endpoint) == ["recent", "python_minor"])
    #expect(raw.failures.map(\.message) == [
      "HTTP 200 from \(server.baseURL)/api/packages/tidewater/overall with a body that is not pypistats.org's answer (the body is not JSON (unterminated string (truncated?)); pypistats.org may have answered with an error page); the earlier answer, if any, is kept",
      "HTTP 200 from \(server.baseURL)/api/packages/tidewater/system with a body that is not pypistats.org's answer (the body is not JSON (found HTML (`<`) where JSON was expected); pypistats.org may have answered with an error page); the earlier answer, if any, is kept",
    ])
    let (records, _) = PyPIStats.normalize(raw, path: "raw.json")
    #expect(Set(records.records.map(\.dimension)) == ["recent", "python_minor"])
  }

  @Test func aSecondRunThatFailsKeepsTheFirstRunsAnswers() async throws {
    let server = try FakeAPIServer()
    server.servePyPIStats(.sample())
    let day = try #require(Day("2026-11-21"))
    let first = await fetcher(server).fetch(packages: [try #require(PackageName("tidewater"))], date: day)
    server.failNext(100, with: .html(503, "down"))
    let second = await fetcher(server).fetch(packages: [try #require(PackageName("tidewater"))], date: day)
    #expect(second.exchanges.isEmpty)
    let merged = PyPIStatsFetcher.merge(new: second, old: first)
    #expect(merged.exchanges == first.exchanges)
    #expect(merged.failures.isEmpty)
  }
}
