import AlmanacTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Each fault the fake server injects, as URLSession on Linux reports it.
@Suite struct FakeAPIServerFaultTests {
  /// The default timeout (60 s) is out of reach of machine load: a loaded CI machine once let a
  /// 1 s timeout fire before a reset arrived. Only the timeout test sets 1 s.
  let client = FakeHTTPClient()
  static let body = #"{"data":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}"#

  @Test func aDelayBeyondTheRequestTimeoutTimesOut() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.route("/slow", FakeResponse.json("{}").delayed(40))

    // The server would answer 200 after 40 s: a timeout code means the 1 s timeout fired.
    let code = await FakeHTTPClient(timeout: 1).failure(server.baseURL + "/slow")
    #expect(code == .timedOut)
  }

  @Test func aDelayWithinTheTimeoutOnlySlowsTheAnswer() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.route("/late", FakeResponse.json("{}").delayed(0.2))

    #expect(try await client.send(server.baseURL + "/late").text == "{}")
  }

  @Test func aDroppedConnectionIsABadServerResponse() async throws {
    let code = try await failure(of: .dropConnection)
    #expect(code != nil)
    #if os(Linux)
      #expect(code == .badServerResponse)  // curl: "Empty reply from server"
    #endif
  }

  @Test func aTruncatedBodyFails() async throws {
    let code = try await failure(of: .truncateBody(afterBytes: 10))
    #expect(code != nil)
    #if os(Linux)
      #expect(code == .unknown)  // -1, "transfer closed with 52 bytes remaining to read"
    #endif
  }

  @Test func aResetMidBodyIsALostConnection() async throws {
    let code = try await failure(of: .resetMidBody)
    #expect(code != nil)
    #if os(Linux)
      #expect(code == .networkConnectionLost)
    #endif
  }

  @Test func aSlowDripDeliversTheWholeBodyLate() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.route(
      "/drip", FakeResponse.json(Self.body).with(.slowDrip(bytesPerChunk: 16, interval: 0.05)))

    let start = Date()
    let reply = try await client.send(server.baseURL + "/drip")

    #expect(reply.text == Self.body)
    // 61 bytes in four chunks: three pauses.
    #expect(Date().timeIntervalSince(start) >= 0.14)
  }

  private func failure(of fault: FakeResponse.Fault) async throws -> URLError.Code? {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.route("/fault", FakeResponse.json(Self.body).with(fault))
    return await client.failure(server.baseURL + "/fault")
  }
}
