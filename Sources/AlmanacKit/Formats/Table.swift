/// One of Almanac's versioned CSV tables: a kind, a format version, fixed columns, rows.
public struct Table: Equatable, Sendable {
  public var kind: String
  public var version: Int
  public var columns: [String]
  public var rows: [[String]]
  /// The line each row starts on, when decoded from a file (quoted fields may span lines).
  public var rowLines: [Int] = []
  /// Attributes of the whole table, written on the format line after a space
  /// (`#almanac:records:1 snapshot=2026-11-22`), so rows do not repeat them.
  public var attributes: [String: String]

  public init(kind: String, version: Int, columns: [String], rows: [[String]] = [], attributes: [String: String] = [:]) {
    self.kind = kind
    self.version = version
    self.columns = columns
    self.rows = rows
    self.attributes = attributes
  }

  /// Tables are equal by content; where the rows came from does not matter.
  public static func == (a: Table, b: Table) -> Bool {
    a.kind == b.kind && a.version == b.version && a.columns == b.columns && a.rows == b.rows && a.attributes == b.attributes
  }

  public var formatLine: String {
    let attrs = attributes.keys.sorted().compactMap { k in attributes[k].map { "\(k)=\($0)" } }
    return (["#almanac:\(kind):\(version)"] + attrs).joined(separator: " ")
  }

  /// The file's bytes: format line, header, rows as given (callers sort them).
  public func encoded() -> String {
    // Built as bytes: the same text as joining `CSV.line`s, without a String per row.
    var out: [UInt8] = Array((formatLine + "\n" + CSV.line(columns)).utf8)
    out.reserveCapacity(out.count + rows.count * 48)
    for row in rows {
      for (k, field) in row.enumerated() {
        if k > 0 { out.append(0x2C) }
        CSV.appendEscaped(field, to: &out)
      }
      out.append(0x0A)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Reads a table written by `encoded()`, checking the format line, version, header and the
  /// field count of every row. `expected` gives the kind, version and columns this reader knows.
  public static func decode(_ text: String, path: String, expected: Table) throws(FormatError) -> Table {
    let parsed: [(line: Int, fields: [String])]
    do {
      parsed = try CSV.parse(text)
    } catch {
      throw FormatError(path: path, line: error.line, problem: error.message)
    }
    let attributes = try checkHead(parsed.first, parsed.count >= 2 ? parsed[1] : nil, path: path, expected: expected)
    // Checked before the rows: a file cut mid-row is truncated, not "a row with too few fields".
    // Bytes, not `Character`s: in a CRLF file the last `Character` is "\r\n", not "\n".
    if text.utf8.last != 0x0A {
      throw FormatError(path: path, line: parsed.last?.line, problem: "the last line has no newline (the file is truncated)")
    }
    var table = expected
    table.attributes = attributes
    table.rows.reserveCapacity(parsed.count - 2)
    for row in parsed.dropFirst(2) {
      guard row.fields.count == expected.columns.count else {
        throw FormatError(
          path: path, line: row.line,
          problem: "expected \(expected.columns.count) fields, found \(row.fields.count)")
      }
      table.rows.append(row.fields)
      table.rowLines.append(row.line)
    }
    return table
  }

  /// Checks the format line and the header row against `expected` (kind, version, columns) and
  /// returns the format line's attributes. Shared by `decode` and the streaming detail reader.
  static func checkHead(
    _ formatLine: (line: Int, fields: [String])?, _ header: (line: Int, fields: [String])?, path: String, expected: Table
  ) throws(FormatError) -> [String: String] {
    guard let first = formatLine, first.fields.count == 1, first.fields[0].hasPrefix("#almanac:") else {
      throw FormatError(
        path: path, line: 1,
        problem: "missing the format line `\(expected.formatLine)` (this is not an Almanac \(expected.kind) file, or its first line was removed)")
    }
    let words = first.fields[0].split(separator: " ")
    var attributes: [String: String] = [:]
    for word in words.dropFirst() {
      let kv = word.split(separator: "=", maxSplits: 1)
      guard kv.count == 2 else {
        throw FormatError(path: path, line: 1, problem: "malformed attribute `\(word)` on the format line")
      }
      attributes[String(kv[0])] = String(kv[1])
    }
    let parts = words[0].split(separator: ":")
    guard parts.count == 3, let version = Int(parts[2]) else {
      throw FormatError(path: path, line: 1, problem: "malformed format line `\(first.fields[0])`")
    }
    guard parts[1] == expected.kind else {
      throw FormatError(path: path, line: 1, problem: "expected a \(expected.kind) file, found a \(parts[1]) file")
    }
    guard version == expected.version else {
      throw FormatError(
        path: path, line: 1,
        problem: "format version \(version) is not supported (this Almanac reads \(expected.kind) version \(expected.version))",
        remedy: version > expected.version
          ? "The file was written by a newer Almanac; upgrade Almanac." : "Re-run the stage that writes it to upgrade the file.")
    }
    guard let header else {
      throw FormatError(path: path, line: 2, problem: "missing the header row (truncated?)")
    }
    guard header.fields == expected.columns else {
      throw FormatError(
        path: path, line: header.line,
        problem: "expected the columns `\(expected.columns.joined(separator: ","))`, found `\(header.fields.joined(separator: ","))`")
    }
    return attributes
  }
}

extension Table {
  /// The snapshot date a records-like file names on its format line (`snapshot=YYYY-MM-DD`),
  /// else `fallback` (the file name's date).
  public func snapshot(path: String, fallback: Day?) throws(FormatError) -> Day {
    var snapshot = fallback
    if let attribute = attributes["snapshot"] {
      guard let day = Day(attribute) else {
        throw FormatError(path: path, line: 1, problem: "the format line's snapshot `\(attribute)` is not a date YYYY-MM-DD")
      }
      snapshot = day
    }
    guard let snapshot else {
      throw FormatError(path: path, line: 1, problem: "the format line names no snapshot date (`snapshot=YYYY-MM-DD`)")
    }
    return snapshot
  }
}
