/// One HTTP response for `FakeAPIServer` to send, with optional fault injection.
///
/// Headers are an ordered list: names keep their case and may repeat (GitHub sends two `Vary`
/// headers). The server adds `Content-Length` and `Connection: close` unless they are present.
public struct FakeResponse: Sendable {
  /// How the server misbehaves while sending this response.
  public enum Fault: Sendable, Equatable {
    /// Send the whole response, then close normally.
    case none
    /// Announce the full `Content-Length`, send only the first `afterBytes` bytes of the body,
    /// then close normally (FIN): the client sees a premature end of the body.
    case truncateBody(afterBytes: Int)
    /// Read the request, then close the socket without sending a byte.
    case dropConnection
    /// Send the head and half of the body, then abort the connection (`SO_LINGER` 0, a TCP RST).
    case resetMidBody
    /// Send the head at once, then the body `bytesPerChunk` bytes at a time, `interval` seconds
    /// apart.
    case slowDrip(bytesPerChunk: Int, interval: Double)
  }

  public var status: Int
  /// The reason phrase; empty means the standard phrase for `status`.
  public var reason: String
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]
  /// Seconds to wait after reading the request, before sending anything (for client timeouts).
  /// The wait ends early when the client hangs up or the server stops.
  public var delay: Double
  public var fault: Fault

  public init(
    status: Int = 200, reason: String = "", headers: [(name: String, value: String)] = [],
    body: [UInt8] = [], delay: Double = 0, fault: Fault = .none
  ) {
    self.status = status
    self.reason = reason
    self.headers = headers
    self.body = body
    self.delay = delay
    self.fault = fault
  }

  /// The first value of the header `name`, compared case-insensitively.
  public func header(_ name: String) -> String? {
    let wanted = name.lowercased()
    return headers.first { $0.name.lowercased() == wanted }?.value
  }

  /// The body as UTF-8 text (invalid bytes repaired).
  public var bodyText: String { String(decoding: body, as: UTF8.self) }

  /// This response sent after `seconds` of silence.
  public func delayed(_ seconds: Double) -> FakeResponse {
    var copy = self
    copy.delay = seconds
    return copy
  }

  /// This response sent with `fault`.
  public func with(_ fault: Fault) -> FakeResponse {
    var copy = self
    copy.fault = fault
    return copy
  }

  /// This response with one more header line (an existing one of the same name is kept).
  public func adding(header name: String, _ value: String) -> FakeResponse {
    var copy = self
    copy.headers.append((name: name, value: value))
    return copy
  }

  /// `status` and head lines exactly as the server writes them, ending with the blank line.
  var head: [UInt8] {
    let phrase = reason.isEmpty ? FakeResponse.standardReason(status) : reason
    var lines = ["HTTP/1.1 \(status) \(phrase)"]
    lines += headers.map { "\($0.name): \($0.value)" }
    let bodyless = (100..<200).contains(status) || status == 204 || status == 304
    if header("content-length") == nil, !bodyless || !body.isEmpty {
      lines.append("Content-Length: \(body.count)")
    }
    if header("connection") == nil { lines.append("Connection: close") }
    return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
  }

  static func standardReason(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 201: "Created"
    case 204: "No Content"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 303: "See Other"
    case 304: "Not Modified"
    case 307: "Temporary Redirect"
    case 308: "Permanent Redirect"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 402: "Payment Required"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 422: "Unprocessable Entity"
    case 429: "Too Many Requests"
    case 451: "Unavailable For Legal Reasons"
    case 500: "Internal Server Error"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    default: "Status \(status)"
    }
  }
}
