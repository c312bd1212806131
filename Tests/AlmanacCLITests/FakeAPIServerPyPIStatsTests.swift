import AlmanacTestSupport
import Foundation
import Testing

/// The pypistats.org emulation: exact bodies from a small truth model (pypi-notes.md §1).
@Suite struct FakeAPIServerPyPIStatsTests {
  /// The `overall` example of pypi-notes.md §1.3.
  static let pip = PyPIStatsData(
    package: "pip",
    days: [
      .init("2020-05-01", withMirrors: 2_100_139, withoutMirrors: 2_083_472),
      .init("2020-05-02", withMirrors: 1_487_218, withoutMirrors: 1_475_979),
    ])

  /// D = 2026-11-20: week is date > 11-13, month is date > 10-21; 11-19 has no
  /// without-mirrors row, Windows has no row at all.
  static let demo = PyPIStatsData(
    package: "typing-extensions",
    days: [
      .init("2026-10-21", withMirrors: 1000, withoutMirrors: 1000),
      .init("2026-10-22", withMirrors: 100, withoutMirrors: 100),
      .init("2026-11-13", withMirrors: 10, withoutMirrors: 10),
      .init("2026-11-14", withMirrors: 1, withoutMirrors: 1),
      .init("2026-11-19", withMirrors: 5, withoutMirrors: 0),
      .init("2026-11-20", withMirrors: 9, withoutMirrors: 7),
    ],
    pythonMinor: [
      .init("2026-11-20", "3.9", 2), .init("2026-11-20", "3.12", 4), .init("2026-11-20", "3.10", 1),
    ],
    system: [
      .init("2026-11-20", "Linux", 5), .init("2026-11-19", "Linux", 3),
      .init("2026-11-20", "Windows", 0),
      .init("2026-11-20", "other", 1), .init("2026-11-20", "Darwin", 2),
    ])

  static let fake = PyPIStatsFake([pip, demo])

  /// Request target → status and exact body.
  static let answers: [String: (Int, String)] = [
    "/api/packages/typing-extensions/recent":
      (
        200,
        #"{"data":{"last_day":7,"last_month":118,"last_week":8},"package":"typing-extensions","type":"recent_downloads"}"#
      ),
    "/api/packages/typing_extensions/recent?&period=week":
      (200, #"{"data":{"last_week":8},"package":"typing-extensions","type":"recent_downloads"}"#),
    "/api/packages/typing-extensions/recent?period=year": (404, "404"),
    "/api/packages/pip/overall?mirrors=true":
      (
        200,
        #"{"data":[{"category":"with_mirrors","date":"2020-05-01","downloads":2100139},{"category":"with_mirrors","date":"2020-05-02","downloads":1487218}],"package":"pip","type":"overall_downloads"}"#
      ),
    "/api/packages/typing-extensions/python_minor":
      (
        200,
        #"{"data":[{"category":"3.10","date":"2026-11-20","downloads":1},{"category":"3.12","date":"2026-11-20","downloads":4},{"category":"3.9","date":"2026-11-20","downloads":2}],"package":"typing-extensions","type":"python_minor_downloads"}"#
      ),
    "/api/packages/typing-extensions/python_major":
      (
        200,
        #"{"data":[{"category":"3","date":"2026-11-20","downloads":7}],"package":"typing-extensions","type":"python_major_downloads"}"#
      ),
    "/api/packages/typing-extensions/system":
      (
        200,
        #"{"data":[{"category":"Darwin","date":"2026-11-20","downloads":2},{"category":"Linux","date":"2026-11-19","downloads":3},{"category":"Linux","date":"2026-11-20","downloads":5},{"category":"other","date":"2026-11-20","downloads":1}],"package":"typing-extensions","type":"system_downloads"}"#
      ),
    "/api/packages/typing-extensions/system?os=linux":
      (
        200,
        #"{"data":[{"category":"Linux","date":"2026-11-19","downloads":3},{"category":"Linux","date":"2026-11-20","downloads":5}],"package":"typing-extensions","type":"system_downloads"}"#
      ),
    "/api/packages/typing-extensions/system?os=other":
      (200, #"{"data":[],"package":"typing-extensions","type":"system_downloads"}"#),
    "/api/packages/Django/recent": (404, "404"),
    "/api/packages/Django/overall": (404, "404"),
    "/api/packages/Django/python_minor": (
      200, #"{"data":[],"package":"Django","type":"python_minor_downloads"}"#
    ),
    "/api/packages/Django/system": (
      200, #"{"data":[],"package":"Django","type":"system_downloads"}"#
    ),
    "/api/packages/pip/downloads": (404, "404"),
  ]

  @Test(arguments: answers.keys.sorted())
  func answersLikePyPIStatsOrg(_ target: String) throws {
    let (status, body) = try #require(Self.answers[target])
    let response = Self.fake.respond(to: FakeRequest(method: "GET", target: target))

    #expect(response.status == status)
    #expect(response.bodyText == (status == 200 ? body + "\n" : body))
    #expect(
      response.header("content-type")
        == (status == 200 ? "application/json" : "text/html; charset=utf-8"))
  }

  @Test func servesTheOverallSeriesAsFlasksCompactSortedJSON() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.servePyPIStats(Self.fake)

    let reply = try await FakeHTTPClient().send(server.baseURL + "/api/packages/pip/overall")

    #expect(reply.status == 200)
    #expect(reply.header("content-type") == "application/json")
    #expect(
      reply.text
        == #"{"data":[{"category":"with_mirrors","date":"2020-05-01","downloads":2100139},{"category":"with_mirrors","date":"2020-05-02","downloads":1487218},{"category":"without_mirrors","date":"2020-05-01","downloads":2083472},{"category":"without_mirrors","date":"2020-05-02","downloads":1475979}],"package":"pip","type":"overall_downloads"}"#
        + "\n")
  }

  @Test func acceptsThePyPIStatsClientsQueryForm() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.servePyPIStats(Self.fake)

    let reply = try await FakeHTTPClient().send(
      server.baseURL + "/api/packages/typing-extensions/recent?&period=day")

    #expect(
      reply.text
        == #"{"data":{"last_day":7},"package":"typing-extensions","type":"recent_downloads"}"#
        + "\n")
    #expect(server.requests.first?.query("period") == "day")
  }

  @Test func answersAnUnknownPackageWith404OrEmptyDataByEndpoint() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.servePyPIStats(Self.pip)
    let client = FakeHTTPClient()

    let recent = try await client.send(server.baseURL + "/api/packages/nope/recent")
    let system = try await client.send(server.baseURL + "/api/packages/nope/system")

    #expect(recent.status == 404)
    #expect(recent.text == "404")
    #expect(system.status == 200)
    #expect(system.text == #"{"data":[],"package":"nope","type":"system_downloads"}"# + "\n")
  }

  @Test func zeroFillsMissingRecentKeysButNotAFilteredPeriod() {
    // D = 11-21: nothing that day; week is date > 11-14, month is date > 10-22.
    let later = PyPIStatsFake([Self.demo], loadedThrough: "2026-11-21")

    let all = later.respond(
      to: FakeRequest(method: "GET", target: "/api/packages/typing-extensions/recent"))
    let day = later.respond(
      to: FakeRequest(method: "GET", target: "/api/packages/typing-extensions/recent?period=day"))

    #expect(all.bodyText.hasPrefix(#"{"data":{"last_day":0,"last_month":18,"last_week":7}"#))
    #expect(day.status == 404)
  }

  @Test func rateLimitsTheNextRequestsWithTheHTMLPageAndNoHeaders() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.servePyPIStats(Self.fake)
    server.rateLimitNext(2)
    let client = FakeHTTPClient()
    let url = server.baseURL + "/api/packages/pip/overall"

    let first = try await client.send(url)
    let second = try await client.send(url)
    let third = try await client.send(url)

    #expect([first.status, second.status, third.status] == [429, 429, 200] as [Int])
    #expect(first.text == #"<a href="/api/#etiquette">429 RATE LIMIT EXCEEDED</a>"#)
    #expect(first.header("content-type") == "text/html; charset=utf-8")
    #expect(first.header("retry-after") == nil)
    #expect(
      first.response.allHeaderFields.keys.contains { "\($0)".lowercased().hasPrefix("x-ratelimit") }
        == false)
  }
}
