/// RFC 4180 CSV with LF line ends, written and read the one way Almanac spells it.
///
/// Almanac's own tables begin with a format line (`#almanac:records:1`) followed by the header
/// row; readers check both before trusting a byte. Exports meant for other tools (the
/// pypistats-era `downloads_YYYY-MM-DD.csv`) have no format line.
public enum CSV {
  /// Works on bytes, not `Character`s: a quote followed by a combining mark (`"\u{301}`) is one
  /// `Character` but still a quote byte that must be doubled.
  public static func escape(_ field: String) -> String {
    guard needsQuotes(field) else { return field }
    var out: [UInt8] = []
    out.reserveCapacity(field.utf8.count + 4)
    appendEscaped(field, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  static func needsQuotes(_ field: String) -> Bool {
    let utf8 = field.utf8
    return utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D } || utf8.first == 0x20 || utf8.last == 0x20
  }

  /// `escape(field)`'s bytes appended to `out`.
  static func appendEscaped(_ field: String, to out: inout [UInt8]) {
    guard needsQuotes(field) else {
      out.append(contentsOf: field.utf8)
      return
    }
    out.append(0x22)
    for b in field.utf8 {
      out.append(b)
      if b == 0x22 { out.append(0x22) }
    }
    out.append(0x22)
  }

  public static func line(_ fields: [String]) -> String {
    fields.map(escape).joined(separator: ",") + "\n"
  }

  public struct Failure: Error, Equatable, Sendable {
    public var line: Int
    public var message: String
  }

  /// Splits CSV text into rows of fields, each with the line it started on.
  public static func parse(_ text: String) throws(Failure) -> [(line: Int, fields: [String])] {
    var rows: [(line: Int, fields: [String])] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var line = 1
    var rowLine = 1
    var inQuotes = false
    var quotedField = false
    let bytes = Array(text.utf8)
    var i = 0
    func finishField() {
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      quotedField = false
    }
    while i < bytes.count {
      let b = bytes[i]
      if inQuotes {
        if b == 0x22 {
          if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
            field.append(0x22)
            i += 2
            continue
          }
          inQuotes = false
        } else {
          if b == 0x0A { line += 1 }
          field.append(b)
        }
        i += 1
        continue
      }
      switch b {
      case 0x22:
        guard field.isEmpty, !quotedField else {
          throw Failure(line: line, message: "a quote inside an unquoted field")
        }
        inQuotes = true
        quotedField = true
      case 0x2C:
        finishField()
      case 0x0D:
        guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else {
          throw Failure(line: line, message: "a bare carriage return")
        }
      case 0x0A:
        finishField()
        rows.append((rowLine, fields))
        fields.removeAll(keepingCapacity: true)
        line += 1
        rowLine = line
      default:
        if quotedField { throw Failure(line: line, message: "text after a closing quote") }
        field.append(b)
      }
      i += 1
    }
    if inQuotes { throw Failure(line: rowLine, message: "an unterminated quoted field (the file is truncated?)") }
    if !field.isEmpty || !fields.isEmpty || quotedField {
      finishField()
      rows.append((rowLine, fields))
    }
    return rows
  }
}

extension String {
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var result = ""
    var rest = self[...]
    while let range = rest.range(of: target) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    result += rest
    return result
  }
}

extension Substring {
  func range(of target: String) -> Range<Substring.Index>? {
    guard let first = target.first else { return nil }
    var i = startIndex
    while i < endIndex {
      if self[i] == first, self[i...].hasPrefix(target) {
        return i..<index(i, offsetBy: target.count)
      }
      i = index(after: i)
    }
    return nil
  }
}
