import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// `HTTPClient.send` is the one place that decides where a credential goes.
@Suite struct HTTPCredentialPolicy {
  @Test func aCredentialForAnotherOriginIsRefusedAndNothingIsSent() async throws {
    let home = try FakeAPIServer()
    let other = try FakeAPIServer()
    defer { home.stop(); other.stop() }
    other.route("/x", .json(200, "{}"))
    let credential = HTTPCredential.bearer("tok-secret-1", for: home.baseURL + "/api/v3", name: "the token in T")
    let request = HTTPRequest(url: other.baseURL + "/x", purpose: "test", credential: credential)
    do {
      _ = try await client().send(request)
      Issue.record("the request was sent")
    } catch {
      #expect(error.kind == .credential)
      #expect(error.description.contains(
        "refused to send the token in T to http://127.0.0.1:\(other.port): it is bound to http://127.0.0.1:\(home.port), the base URL it was configured for; no request was made"))
      #expect(!error.description.contains("tok-secret-1"))
    }
    #expect(other.requests.isEmpty)
  }

  @Test func theCredentialGoesToItsOwnOriginOnly() async throws {
    let home = try FakeAPIServer()
    defer { home.stop() }
    home.route("/x", .json(200, "{}"))
    let credential = HTTPCredential(for: home.baseURL, headers: [("X-Api-Key", "k-secret-2")], name: "the key")
    _ = try await client().send(HTTPRequest(url: home.baseURL + "/x?page=2", purpose: "t", credential: credential))
    #expect(home.requests.first?.header("x-api-key") == "k-secret-2")
  }

  @Test func aCredentialHeaderSetByHandIsRefused() async throws {
    let home = try FakeAPIServer()
    defer { home.stop() }
    for name in ["Authorization", "x-clickhouse-key", "Cookie"] {
      var request = HTTPRequest(url: home.baseURL + "/x", purpose: "t")
      request.headers.set(name, "s3cret-value")
      await #expect(throws: HTTPFailure.self) { _ = try await client().send(request) }
    }
    #expect(home.requests.isEmpty)
  }

  @Test func aBaseURLWithoutAClearOriginSendsItsCredentialNowhere() {
    let credential = HTTPCredential.bearer("t", for: "not a url", name: "the token")
    #expect(credential.origin == nil)
    #expect(!credential.allows("https://api.github.com/x"))
  }

  @Test func originsAreSchemeHostAndPort() {
    let c = HTTPCredential.bearer("t", for: "https://API.GitHub.com", name: "the token")
    #expect(c.allows("https://api.github.com/repos/o/r"))
    #expect(c.allows("https://api.github.com:443/repos/o/r"))
    #expect(!c.allows("http://api.github.com/repos/o/r"))
    #expect(!c.allows("https://api.github.com:8443/repos/o/r"))
    #expect(!c.allows("https://api.github.com.evil.test/"))
    #expect(!c.allows("https://api.github.com@evil.test/"))
    #expect(!c.allows("https://evil.test\\@api.github.com/"))
    #expect(!c.allows("//api.github.com/x"))
    #expect(!c.allows("/repos/o/r"))
  }
}
