/// One HTTP request as `FakeAPIServer` received it.
///
/// The query is parsed leniently, the way Werkzeug does: empty items are skipped (so the
/// `pypistats` client's `?&period=day` works), an item without `=` has the value `""`, and
/// `%XX` and `+` are decoded.
public struct FakeRequest: Sendable {
  /// The method as sent, e.g. `GET`.
  public var method: String
  /// The request target as sent, path and query, e.g. `/api/packages/pip/recent?&period=day`.
  public var target: String
  /// The path without the query, percent-decoding not applied.
  public var path: String
  /// The raw query after `?`, or `nil` when the target has no `?`.
  public var rawQuery: String?
  /// The decoded query items, in order; a name may repeat.
  public var query: [(name: String, value: String)]
  /// The header fields in the order received, names as sent.
  public var headers: [(name: String, value: String)]
  /// The body (read when the request has a `Content-Length`).
  public var body: [UInt8]

  public init(
    method: String, target: String, headers: [(name: String, value: String)] = [],
    body: [UInt8] = []
  ) {
    self.method = method
    self.target = target
    self.headers = headers
    self.body = body
    if let mark = target.firstIndex(of: "?") {
      let raw = String(target[target.index(after: mark)...])
      path = String(target[..<mark])
      rawQuery = raw
      query = FakeRequest.parseQuery(raw)
    } else {
      path = target
      rawQuery = nil
      query = []
    }
  }

  /// The first value of the query parameter `name` (as Flask's `request.args.get`), or `nil`.
  public func query(_ name: String) -> String? {
    query.first { $0.name == name }?.value
  }

  /// The first value of the header `name`, compared case-insensitively, or `nil`.
  public func header(_ name: String) -> String? {
    headerValues(name).first
  }

  /// Every value of the header `name`, compared case-insensitively, in the order received.
  public func headerValues(_ name: String) -> [String] {
    let wanted = name.lowercased()
    return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
  }

  /// The body as UTF-8 text (invalid bytes repaired).
  public var bodyText: String { String(decoding: body, as: UTF8.self) }

  static func parseQuery(_ raw: String) -> [(name: String, value: String)] {
    raw.split(separator: "&", omittingEmptySubsequences: true).map { item in
      let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let value = pair.count > 1 ? formDecode(pair[1]) : ""
      return (name: formDecode(pair[0]), value: value)
    }
  }

  /// Decodes `application/x-www-form-urlencoded` text; a malformed `%` escape is kept as is.
  static func formDecode(_ text: Substring) -> String {
    var bytes: [UInt8] = []
    var input = Array(text.utf8)[...]
    while let byte = input.popFirst() {
      if byte == UInt8(ascii: "+") {
        bytes.append(UInt8(ascii: " "))
      } else if byte == UInt8(ascii: "%"), input.count >= 2,
        let high = hexValue(input[input.startIndex]),
        let low = hexValue(input[input.startIndex + 1])
      {
        bytes.append(high << 4 | low)
        input = input.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
