import Foundation

/// Header fields with case-insensitive names; duplicates are kept in order.
public struct HTTPHeaders: Sendable, Equatable, Sequence {
  public private(set) var fields: [(name: String, value: String)] = []

  public init(_ fields: [(String, String)] = []) {
    self.fields = fields.map { (name: $0.0, value: $0.1) }
  }

  public subscript(name: String) -> String? {
    let lower = name.lowercased()
    return fields.first { $0.name.lowercased() == lower }?.value
  }

  public func all(_ name: String) -> [String] {
    let lower = name.lowercased()
    return fields.filter { $0.name.lowercased() == lower }.map(\.value)
  }

  public mutating func set(_ name: String, _ value: String) {
    remove(name)
    fields.append((name: name, value: value))
  }

  public mutating func remove(_ name: String) {
    let lower = name.lowercased()
    fields.removeAll { $0.name.lowercased() == lower }
  }

  public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

  public static func == (a: HTTPHeaders, b: HTTPHeaders) -> Bool {
    a.fields.map { "\($0.name.lowercased()): \($0.value)" } == b.fields.map { "\($0.name.lowercased()): \($0.value)" }
  }
}

public struct HTTPRequest: Sendable {
  public var method: String
  public var url: String
  public var headers: HTTPHeaders
  public var body: Data?
  /// What the request is for, in words, for error messages: "pypistats overall for tidewater".
  public var purpose: String
  /// Says an error status is an answer, not worth a retry (a ClickHouse query the server
  /// refused: asking again gets the same refusal and spends the endpoint's quota).
  public var isFinal: (@Sendable (HTTPResponse) -> Bool)?
  /// The secret this request carries, bound to its origin; `HTTPClient.send` adds its headers
  /// only where it may go (see `HTTPCredential`).
  public var credential: HTTPCredential?

  public init(
    method: String = "GET", url: String, headers: HTTPHeaders = HTTPHeaders(), body: Data? = nil, purpose: String,
    isFinal: (@Sendable (HTTPResponse) -> Bool)? = nil, credential: HTTPCredential? = nil
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.purpose = purpose
    self.isFinal = isFinal
    self.credential = credential
  }
}

public struct HTTPResponse: Sendable {
  public var status: Int
  public var headers: HTTPHeaders
  public var body: Data
  /// The URL that answered (after redirects).
  public var url: String

  public init(status: Int, headers: HTTPHeaders, body: Data, url: String) {
    self.status = status
    self.headers = headers
    self.body = body
    self.url = url
  }

  public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why a request finally failed, after retries. The message never holds a secret: URLs are
/// redacted before they get here.
public struct HTTPFailure: Error, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    case timeout, network, status, deadline, rateLimited, notRecorded, invalidURL
    /// A credential would have gone to an origin it is not bound to; nothing was sent.
    case credential
  }

  public var kind: Kind
  public var purpose: String
  public var url: String
  public var status: Int?
  public var detail: String
  public var attempts: Int

  public var description: String {
    let tries = attempts > 1 ? " after \(attempts) attempts" : ""
    let code = status.map { "HTTP \($0)" } ?? kind.rawValue
    return "\(purpose): \(code)\(tries) from \(url): \(detail)"
  }
}
