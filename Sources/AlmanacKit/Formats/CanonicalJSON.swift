/// The one JSON spelling Almanac writes: sorted keys, two-space indentation, `": "` after keys,
/// LF line ends, a trailing newline, integers as digits and other numbers in their shortest
/// round-trip form without exponent. Two equal values always encode to the same bytes.
public enum CanonicalJSON {
  public static func encode(_ value: JSONValue) -> String {
    var out = ""
    write(value, indent: 0, into: &out)
    out += "\n"
    return out
  }

  /// One line, no spaces: for JSON Lines and compact request bodies.
  public static func encodeCompact(_ value: JSONValue) -> String {
    var out = ""
    write(value, indent: nil, into: &out)
    return out
  }

  private static func write(_ value: JSONValue, indent: Int?, into out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d): out += number(d)
    case .string(let s): writeString(s, into: &out)
    case .array(let elements):
      if elements.isEmpty { out += "[]"; return }
      out += "["
      for (i, element) in elements.enumerated() {
        if i > 0 { out += "," }
        newline(indent.map { $0 + 1 }, into: &out)
        write(element, indent: indent.map { $0 + 1 }, into: &out)
      }
      newline(indent, into: &out)
      out += "]"
    case .object(let members):
      if members.isEmpty { out += "{}"; return }
      out += "{"
      for (i, key) in members.keys.sorted(by: utf8Less).enumerated() {
        if i > 0 { out += "," }
        newline(indent.map { $0 + 1 }, into: &out)
        writeString(key, into: &out)
        out += indent == nil ? ":" : ": "
        // Force-unwrap free: the key came from the dictionary.
        if let member = members[key] { write(member, indent: indent.map { $0 + 1 }, into: &out) }
      }
      newline(indent, into: &out)
      out += "}"
    }
  }

  private static func newline(_ indent: Int?, into out: inout String) {
    guard let indent else { return }
    out += "\n" + String(repeating: "  ", count: indent)
  }

  /// Keys sort by their UTF-8 bytes, the same order on every platform.
  static func utf8Less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

  /// A finite double in plain decimal notation, integral values without a fraction.
  public static func number(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    let s = "\(d)"
    // Swift spells integral values up to 2^53 as `1000000000000000.0`: drop the fraction so an
    // integral double has the same spelling as the integer.
    if s.hasSuffix(".0") { return String(s.dropLast(2)) }
    guard s.contains("e") || s.contains("E") else { return s }
    // Expand exponent notation so one number has one spelling.
    return PlainDecimal.plain(s)
  }

  /// A JSON string literal. Most strings (keys, dates, names) need no escape and are appended
  /// whole; the others (a raw answer's body, held as text) are escaped byte by byte into one
  /// buffer, not scalar by scalar into the output.
  private static func writeString(_ s: String, into out: inout String) {
    var s = s
    let escaped = s.withUTF8 { u -> String? in
      guard u.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 || $0 == 0x7F }) else { return nil }
      var bytes: [UInt8] = []
      bytes.reserveCapacity(u.count + u.count / 4 + 8)
      let hex = Array("0123456789abcdef".utf8)
      for b in u {
        switch b {
        case 0x22, 0x5C: bytes.append(0x5C); bytes.append(b)
        case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(0x5C); bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(0x5C); bytes.append(UInt8(ascii: "f"))
        case 0x00...0x1F, 0x7F:
          bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 15)]])
        default: bytes.append(b)
        }
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    out += "\""
    out += escaped ?? s
    out += "\""
  }
}

/// Expands `1.5e-07` into `0.00000015` without going through Foundation.
enum PlainDecimal {
  static func plain(_ s: String) -> String {
    let parts = s.lowercased().split(separator: "e")
    guard parts.count == 2, let exponent = Int(parts[1]) else { return s }
    var mantissa = String(parts[0])
    var negative = false
    if mantissa.hasPrefix("-") { negative = true; mantissa.removeFirst() }
    let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let whole = String(pieces[0])
    let fraction = pieces.count > 1 ? String(pieces[1]) : ""
    var digits = whole + fraction
    var point = whole.count + exponent
    if point <= 0 {
      digits = String(repeating: "0", count: -point + 1) + digits
      point = 1
    } else if point > digits.count {
      digits += String(repeating: "0", count: point - digits.count)
    }
    var intPart = String(digits.prefix(point))
    var fracPart = String(digits.dropFirst(point))
    while fracPart.hasSuffix("0") { fracPart.removeLast() }
    while intPart.count > 1, intPart.hasPrefix("0") { intPart.removeFirst() }
    let body = fracPart.isEmpty ? intPart : intPart + "." + fracPart
    return negative ? "-" + body : body
  }
}
