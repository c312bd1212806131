import AlmanacKit
import Foundation

/// A secret together with the one origin it may be sent to: the only way a credential reaches a
/// request, and the seam every source with a secret uses (the GitHub token, ClickHouse's user
/// and password headers, and future Plausible/Reddit/Sentry tokens alike).
///
/// Make one from the base URL the configuration names and attach it to each request as
/// `HTTPRequest.credential`; never put `Authorization` or another credential header in
/// `HTTPRequest.headers` (the client refuses such a request). `HTTPClient.send` is the one place
/// that decides:
///
/// - the credential's headers are added only when the request's scheme, host and port equal
///   the origin it was bound to (`Origin`, parsed strictly, and Foundation must read the URL the
///   same way);
/// - a request to any other origin is refused before anything is sent (`HTTPFailure.Kind.credential`,
///   naming both origins, never the secret);
/// - a redirect to another origin is followed without the credential.
///
/// ```swift
/// let token = HTTPCredential.bearer(secret, for: config.baseURL, name: "the token in GITHUB_TOKEN")
/// let request = HTTPRequest(url: config.baseURL + "/repos/o/r", purpose: "github repo", credential: token)
/// ```
public struct HTTPCredential: Sendable {
  /// Where it may go; nil when the base URL has no clear origin (then it goes nowhere).
  public let origin: Origin?
  public let headers: [(name: String, value: String)]
  /// What it is, in words, for messages: "the token in GITHUB_TOKEN".
  public let name: String

  public init(for baseURL: String, headers: [(String, String)], name: String) {
    self.origin = Self.origin(of: baseURL)
    self.headers = headers.map { (name: $0.0, value: $0.1) }
    self.name = name
  }

  /// `Authorization: Bearer <token>`.
  public static func bearer(_ token: String, for baseURL: String, name: String) -> HTTPCredential {
    HTTPCredential(for: baseURL, headers: [("Authorization", "Bearer \(token)")], name: name)
  }

  /// Whether this credential may be sent to `url`.
  public func allows(_ url: String) -> Bool {
    guard let origin else { return false }
    return Self.origin(of: url) == origin
  }

  /// Header names that carry secrets: a request may hold them only through a credential.
  public static let secretHeaders: Set<String> = [
    "authorization", "proxy-authorization", "cookie", "x-clickhouse-user", "x-clickhouse-key", "x-api-key", "x-auth-token",
  ]

  /// The origin of `url` when the strict parser and Foundation agree on it, else nil.
  static func origin(of url: String) -> Origin? {
    guard let strict = Origin(url), let c = URLComponents(string: url), let host = c.host?.lowercased(),
      c.scheme?.lowercased() == strict.scheme, c.user == nil, c.password == nil
    else { return nil }
    let port = c.port ?? (strict.scheme == "https" ? 443 : 80)
    let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    return bracketed == strict.host && port == strict.port ? strict : nil
  }
}
