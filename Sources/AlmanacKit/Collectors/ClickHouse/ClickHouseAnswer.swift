/// Reading what ClickHouse's HTTP interface answered to a `FORMAT JSONEachRow` query.
///
/// A ClickHouse error can arrive as HTTP 4xx/5xx with `Code: N. DB::Exception: …` text (18.16
/// writes `Code: N, e.displayText() = DB::Exception: …`), as a JSON `{"exception": …}` object,
/// or after a 200 and some rows, when the query fails while streaming. So the whole body is
/// searched for an error before any row is trusted, and an error is never reported as a JSON
/// decoding problem.
public enum ClickHouseAnswer {
  /// The rows of a JSONEachRow body, one object per line.
  public static func rows(
    _ body: String, status: Int, exceptionCode: String? = nil, purpose: String
  ) throws(ClickHouseError) -> [JSONValue] {
    if let found = exception(in: body) {
      throw ClickHouseError(purpose: purpose, status: status, code: found.code, message: found.message)
    }
    if let header = exceptionCode.flatMap({ Int($0.filter { !$0.isWhitespace }) }), header != 0 {
      throw ClickHouseError(purpose: purpose, status: status, code: header, message: firstLine(body) ?? "no message")
    }
    guard status == 200 else {
      throw ClickHouseError(purpose: purpose, status: status, code: nil, message: firstLine(body).map { "`\($0)`" } ?? "empty body")
    }
    var rows: [JSONValue] = []
    var lineNumber = 0
    for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.allSatisfy(\.isWhitespace) { continue }
      guard let value = try? JSONParser.parse(line.utf8), case .object = value else {
        throw ClickHouseError(
          purpose: purpose, status: status, code: nil,
          message: "line \(lineNumber) is not a JSONEachRow object (`\(line.prefix(80))`); the answer was cut or is not JSONEachRow")
      }
      rows.append(value)
    }
    return rows
  }

  /// The first error report in `body`, if any: a JSON line with an `exception` key, or
  /// `Code: N` text followed by `DB::Exception`.
  public static func exception(in body: String) -> (code: Int?, message: String)? {
    for line in body.split(whereSeparator: \.isNewline) {
      let trimmed = line.drop(while: \.isWhitespace)
      if trimmed.first == "{", trimmed.contains("exception"), let value = try? JSONParser.parse(trimmed.utf8),
        let text = value["exception"]?.stringValue ?? value["__exception__"]?.stringValue
      {
        return parse(text) ?? (nil, oneLine(text))
      }
      if trimmed.contains("DB::Exception"), let found = parse(String(trimmed)) { return found }
    }
    return nil
  }

  /// `Code: 158. DB::Exception: Limit … (TOO_MANY_ROWS) (version 24.6 (official build))` or
  /// `Code: 60, e.displayText() = DB::Exception: Table pypi.x doesn't exist., e.what() = DB::Exception`
  /// → (158, "Limit … (TOO_MANY_ROWS)").
  static func parse(_ text: String) -> (code: Int?, message: String)? {
    guard let marker = text.range(of: "DB::Exception: ") else { return nil }
    var code: Int?
    if let codeRange = text.range(of: "Code: ") {
      code = Int(text[codeRange.upperBound...].prefix { $0.isNumber })
    }
    var message = String(text[marker.upperBound...])
    for tail in [", e.what() = DB::Exception", " (version "] {
      if let r = message.range(of: tail) { message = String(message[..<r.lowerBound]) }
    }
    return (code, oneLine(message))
  }

  static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).map { $0.drop(while: \.isWhitespace) }.filter { !$0.isEmpty }
      .joined(separator: " ")
  }

  static func firstLine(_ body: String) -> String? {
    body.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }.map { String($0.prefix(200)) }
  }
}

/// A ClickHouse query that failed, as one line naming what the query was for.
public struct ClickHouseError: Error, Equatable, Sendable, CustomStringConvertible {
  public var purpose: String
  public var status: Int?
  public var code: Int?
  public var message: String

  public init(purpose: String, status: Int?, code: Int?, message: String) {
    self.purpose = purpose
    self.status = status
    self.code = code
    self.message = message
  }

  public var description: String {
    let where_ = [status.map { "HTTP \($0)" }, code.map { "code \($0)" }].compactMap { $0 }.joined(separator: ", ")
    return "ClickHouse query for \(purpose) failed\(where_.isEmpty ? "" : " (\(where_))"): \(message)\(hint)"
  }

  var hint: String {
    if status == 401 || status == 403, code == nil {
      return "; the server refused the credentials: check the ClickHouse user and the password variable (sources.*.user, sources.*.password_env)"
    }
    switch code {
    case 158?, 307?: return "; the query read more rows than the server allows, so it was refused rather than answered partially"
    case 201?: return "; the endpoint's quota is used up, try again later"
    case 60?, 81?: return "; check the endpoint's database and table names (sources.*.endpoint)"
    case 192?, 193?, 516?: return "; check the ClickHouse user and the password variable (sources.*.user, sources.*.password_env)"
    default: return ""
    }
  }
}

extension JSONValue {
  /// A column of a JSONEachRow row as a count: a bare or quoted non-negative integer.
  public func count(_ key: String) -> Int64? {
    guard let n = self[key]?.int64Value, n >= 0 else { return nil }
    return n
  }
}
