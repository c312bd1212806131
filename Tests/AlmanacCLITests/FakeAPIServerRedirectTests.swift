import AlmanacTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// How URLSession handles redirects, pinned against the fake server: the HTTP transport must
/// strip `Authorization` itself when a redirect changes host. `127.0.0.1` and `localhost` are
/// two hosts to URLSession, so two servers give a cross-host redirect.
@Suite struct FakeAPIServerRedirectTests {
  let origin: FakeAPIServer
  let other: FakeAPIServer

  init() throws {
    origin = try FakeAPIServer()
    other = try FakeAPIServer()
    origin.route("/moved", .redirect(301, "http://localhost:\(other.port)/new"))
    origin.route("/here", .redirect(302, "/new"))
    origin.route("/new", .text("origin"))
    other.route("/new", .text("other"))
  }

  func stop() {
    origin.stop()
    other.stop()
  }

  @Test func followsRedirectsAndCarriesAuthorizationToAnotherHost() async throws {
    defer { stop() }
    let reply = try await FakeHTTPClient().send(
      origin.baseURL + "/moved", headers: ["Authorization": "Bearer s"])

    #expect(reply.status == 200)
    #expect(reply.text == "other")
    #expect(other.requests.first?.header("authorization") == "Bearer s")
  }

  @Test func asksTheSessionDelegateDuringAsyncDataAndSendsTheRequestItReturns() async throws {
    defer { stop() }
    let recorder = RedirectRecorder(.stripAuthorization)
    let client = FakeHTTPClient(delegate: recorder)

    let reply = try await client.send(
      origin.baseURL + "/moved", headers: ["Authorization": "Bearer s"])

    #expect(reply.text == "other")
    #expect(recorder.redirects == ["301 http://localhost:\(other.port)/new"])
    let followed = try #require(other.requests.first)
    #expect(followed.header("authorization") == nil)
  }

  @Test func deliversTheRedirectItselfWhenTheDelegateRefusesIt() async throws {
    defer { stop() }
    let reply = try await FakeHTTPClient(delegate: RedirectRecorder(.refuse)).send(
      origin.baseURL + "/here")

    #expect(reply.status == 302)
    #expect(reply.header("location") == "/new")
    #expect(origin.requests.map(\.path) == ["/here"])
  }

  #if os(Linux)
    @Test func ignoresAPerTaskDelegateOnLinux() async throws {
      defer { stop() }
      let recorder = RedirectRecorder(.refuse)
      let session = URLSession(configuration: .ephemeral)
      defer { session.finishTasksAndInvalidate() }
      let url = try #require(URL(string: origin.baseURL + "/here"))

      let (data, _) = try await session.data(for: URLRequest(url: url), delegate: recorder)

      #expect(String(decoding: data, as: UTF8.self) == "origin")
      #expect(recorder.redirects.isEmpty)
    }

    @Test func resendsA307PostWithoutItsBodyOnLinux() async throws {
      defer { stop() }
      origin.route("POST", "/submit", .redirect(307, "/echo"))
      origin.route("*", "/echo") { request in .text("\(request.method) \(request.body.count)") }

      let reply = try await FakeHTTPClient().send(
        origin.baseURL + "/submit", method: "POST", body: Data("hello".utf8))

      #expect(reply.text == "POST 0")
    }
  #endif
}
