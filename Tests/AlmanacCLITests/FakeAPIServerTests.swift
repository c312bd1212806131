import AlmanacTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite struct FakeAPIServerTests {
  let client = FakeHTTPClient()

  @Test func routesByPathAndRecordsTheRequestWithItsHeaders() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.route("/repos/o/r") { request in .json(#"{"path":"\#(request.path)"}"#) }

    let reply = try await client.send(
      server.baseURL + "/repos/o/r?&per_page=100&q=a+b%21",
      headers: ["Authorization": "Bearer secret", "X-GitHub-Api-Version": "2022-11-28"])

    #expect(reply.status == 200)
    #expect(reply.text == #"{"path":"/repos/o/r"}"#)
    #expect(reply.header("content-type") == "application/json")
    let request = try #require(server.requests.first)
    #expect(request.method == "GET")
    #expect(request.path == "/repos/o/r")
    #expect(request.rawQuery == "&per_page=100&q=a+b%21")
    #expect(request.query.map(\.name) == ["per_page", "q"])
    #expect(request.query("q") == "a b!")
    #expect(request.header("authorization") == "Bearer secret")
    #expect(request.header("X-GITHUB-API-VERSION") == "2022-11-28")
  }

  @Test func receivesARequestBody() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.route("POST", "/query") { request in .text("got \(request.body.count) bytes") }

    let reply = try await client.send(
      server.baseURL + "/query", method: "POST", body: Data("SELECT 1".utf8))

    #expect(reply.text == "got 8 bytes")
    #expect(server.requests.first?.bodyText == "SELECT 1")
  }

  @Test func answersUnroutedPathsWithTheFallback() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.route("/api/*") { _ in .text("prefix") }

    let unrouted = try await client.send(server.baseURL + "/elsewhere")
    #expect(unrouted.status == 404)
    #expect(unrouted.text == #"{"message":"Not Found"}"#)
    #expect(try await client.send(server.baseURL + "/api/anything/below").text == "prefix")

    server.fallback { request in .text(418, "teapot for \(request.path)") }
    let custom = try await client.send(server.baseURL + "/x")
    #expect(custom.status == 418)
    #expect(custom.text == "teapot for /x")
  }

  @Test func playsAScriptedQueueBeforeTheRoute() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.route("/stats") { _ in .json(#"{"ok":true}"#) }
    server.enqueue(
      "/stats",
      [.html(503, "<h1>Service Unavailable</h1>"), .json(500, #"{"message":"Server Error"}"#)])
    server.enqueue("/only-script", [.text(429, "slow down"), .text("fine")])

    #expect(try await client.send(server.baseURL + "/stats").status == 503)
    #expect(try await client.send(server.baseURL + "/stats?page=2").status == 500)
    #expect(try await client.send(server.baseURL + "/stats").text == #"{"ok":true}"#)
    #expect(try await client.send(server.baseURL + "/only-script").status == 429)
    #expect(try await client.send(server.baseURL + "/only-script").text == "fine")
    #expect(try await client.send(server.baseURL + "/only-script").text == "fine")
    #expect(server.requests.count == 6)
  }

  @Test func deliversDuplicateAndMixedCaseHeaders() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.route(
      "/dup",
      .json(
        "{}",
        headers: [("Vary", "Accept"), ("Vary", "Accept-Encoding"), ("X-RateLimit-Remaining", "0")]))

    let reply = try await client.send(server.baseURL + "/dup")

    #expect(reply.header("vary") == "Accept, Accept-Encoding")
    #expect(reply.header("x-ratelimit-remaining") == "0")
  }

  @Test func startsManyServersInParallelOnDistinctPorts() async throws {
    let servers = try (0..<8).map { _ in try FakeAPIServer() }
    defer { for server in servers { server.stop() } }
    for (index, server) in servers.enumerated() { server.route("/id", .text("\(index)")) }

    let answers = try await withThrowingTaskGroup(of: String.self) { group in
      for server in servers { group.addTask { try await client.send(server.baseURL + "/id").text } }
      return try await group.reduce(into: []) { $0.append($1) }
    }

    #expect(Set(servers.map(\.port)).count == 8)
    #expect(answers.sorted() == (0..<8).map(String.init))
  }

  @Test func refusesConnectionsOnceStopped() async throws {
    let server = try FakeAPIServer()
    server.route("/x", .text("up"))
    #expect(try await client.send(server.baseURL + "/x").text == "up")

    server.stop()
    server.stop()

    #expect(await client.failure(server.baseURL + "/x") == .cannotConnectToHost)
  }
}
