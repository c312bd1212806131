/// A strict JSON parser (RFC 8259) over UTF-8 bytes that reports the line of every error.
///
/// Written for outside bytes: API bodies and files a person may have edited. It never traps;
/// nesting is capped so a hostile body cannot exhaust the stack.
public struct JSONParser {
  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
  }

  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var depth = 0
  private static let maxDepth = 256

  public static func parse(_ bytes: some Collection<UInt8>) throws(Failure) -> JSONValue {
    var parser = JSONParser(bytes: Array(bytes))
    // A UTF-8 byte order mark, as some Windows editors write, is not content (RFC 8259 §8.1).
    if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
    parser.skipWhitespace()
    let value = try parser.parseValue()
    parser.skipWhitespace()
    if parser.index != parser.bytes.count {
      throw parser.failure("unexpected text after the JSON value")
    }
    return value
  }

  public static func parse(_ text: String) throws(Failure) -> JSONValue {
    try parse(Array(text.utf8))
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private func failure(_ message: String) -> Failure { Failure(line: line, message: message) }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x0A: line += 1; index += 1
      case 0x20, 0x09, 0x0D: index += 1
      default: return
      }
    }
  }

  private mutating func parseValue() throws(Failure) -> JSONValue {
    guard index < bytes.count else { throw failure("unexpected end of input (truncated?)") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectWord("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    case UInt8(ascii: "<"): throw failure("found HTML (`<`) where JSON was expected")
    default:
      throw failure("unexpected character `\(scalar(at: index))`")
    }
  }

  /// The character starting at `i`, decoded as UTF-8 (not the lone byte read as Latin-1).
  private func scalar(at i: Int) -> Character {
    String(decoding: bytes[i..<min(i + 4, bytes.count)], as: UTF8.self).first ?? "\u{FFFD}"
  }

  private mutating func expectWord(_ word: StaticString) throws(Failure) {
    let w = word.withUTF8Buffer { Array($0) }
    guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
      throw failure("invalid literal, expected `\(word)`")
    }
    index += w.count
  }

  private mutating func enter() throws(Failure) {
    depth += 1
    if depth > Self.maxDepth { throw failure("nesting deeper than \(Self.maxDepth) levels") }
  }

  private mutating func parseObject() throws(Failure) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count else { throw failure("unexpected end of input inside an object (truncated?)") }
      guard bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key string in an object") }
      let key = try parseString()
      guard members[key] == nil else { throw failure("the key \"\(key)\" appears twice in an object") }
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw failure(index < bytes.count ? "expected `:` after key \"\(key)\"" : "unexpected end of input (truncated?)")
      }
      index += 1
      skipWhitespace()
      members[key] = try parseValue()
      skipWhitespace()
      guard index < bytes.count else { throw failure("unexpected end of input inside an object (truncated?)") }
      if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
      if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
      throw failure("expected `,` or `}` in an object")
    }
  }

  private mutating func parseArray() throws(Failure) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      skipWhitespace()
      guard index < bytes.count else { throw failure("unexpected end of input inside an array (truncated?)") }
      if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
      if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
      throw failure("expected `,` or `]` in an array")
    }
  }

  private mutating func parseString() throws(Failure) -> String {
    index += 1
    // Most strings have no escape: made from the input bytes directly, without a buffer.
    let start = index
    while index < bytes.count, bytes[index] != 0x22, bytes[index] != 0x5C, bytes[index] >= 0x20 { index += 1 }
    if index < bytes.count, bytes[index] == 0x22 {
      index += 1
      guard let s = String(validating: bytes[start..<index - 1], as: UTF8.self) else { throw failure("string is not valid UTF-8") }
      return s
    }
    var out = Array(bytes[start..<index])
    while index < bytes.count {
      let b = bytes[index]
      switch b {
      case UInt8(ascii: "\""):
        index += 1
        guard let s = String(validating: out, as: UTF8.self) else { throw failure("string is not valid UTF-8") }
        return s
      case UInt8(ascii: "\\"):
        index += 1
        guard index < bytes.count else { break }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try parseHex4()
          if (0xD800...0xDBFF).contains(scalar) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
              throw failure("unpaired UTF-16 surrogate in a string escape")
            }
            index += 2
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw failure("unpaired UTF-16 surrogate in a string escape") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else if (0xDC00...0xDFFF).contains(scalar) {
            throw failure("unpaired UTF-16 surrogate in a string escape")
          }
          guard let u = Unicode.Scalar(scalar) else { throw failure("invalid \\u escape") }
          out.append(contentsOf: Array(String(Character(u)).utf8))
        default: throw failure("invalid escape `\\\(Unicode.Scalar(e))` in a string")
        }
      case 0x00..<0x20:
        throw failure(b == 0x0A ? "unterminated string (newline inside quotes)" : "control character inside a string")
      default:
        out.append(b)
        index += 1
      }
    }
    throw failure("unterminated string (truncated?)")
  }

  private mutating func parseHex4() throws(Failure) -> UInt32 {
    guard index + 4 <= bytes.count else { throw failure("truncated \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[index]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
      default: throw failure("invalid hex digit in \\u escape")
      }
      v = v * 16 + d
      index += 1
    }
    return v
  }

  private mutating func parseNumber() throws(Failure) -> JSONValue {
    let start = index
    var isInteger = true
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    func digits(_ p: inout JSONParser) -> Int {
      let s = p.index
      while p.index < p.bytes.count, (48...57).contains(p.bytes[p.index]) { p.index += 1 }
      return p.index - s
    }
    let intDigits = digits(&self)
    guard intDigits > 0 else { throw failure("invalid number") }
    if intDigits > 1, bytes[index - intDigits] == UInt8(ascii: "0") { throw failure("invalid number (leading zero)") }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      guard digits(&self) > 0 else { throw failure("invalid number (no digits after `.`)") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard digits(&self) > 0 else { throw failure("invalid number (no exponent digits)") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if isInteger, let i = Int64(text) { return .int(i) }
    guard let d = Double(text), d.isFinite else { throw failure("number out of range: \(text)") }
    return .double(d)
  }
}
