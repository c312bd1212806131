import AlmanacKit
import Foundation

/// A usage-event collector as a pure function of the request: `GET path` answers the NDJSON it
/// holds (`application/x-ndjson`); with a token set, a request without `Authorization: Bearer
/// <token>` gets 401. Anything else is 404.
public struct UsageEventsFake: Sendable {
  public var path: String
  public var lines: [String]
  public var token: String?
  /// Answer this body instead (an HTML error page from a proxy, say).
  public var body: String?

  public init(path: String, lines: [String], token: String? = nil) {
    self.path = path
    self.lines = lines
    self.token = token
  }

  public func respond(to r: FakeRequest) -> FakeResponse {
    if let token, r.header("authorization") != "Bearer \(token)" { return .text(401, "unauthorized\n") }
    guard r.method == "GET", r.path == path else { return .text(404, "not found\n") }
    if let body { return .html(200, body) }
    return FakeResponse(status: 200, headers: [(name: "Content-Type", value: "application/x-ndjson")], body: Array(lines.map { $0 + "\n" }.joined().utf8))
  }
}
