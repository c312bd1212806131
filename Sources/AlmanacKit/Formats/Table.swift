/// One of Almanac's versioned CSV tables: a kind, a format version, fixed columns, rows.
///
/// A file under `stats/` starts with its header row, so `pandas.read_csv(path)` and
/// `duckdb.read_csv(path)` read it with no options; its kind and version are the file's place
/// and header, and a records-like file's snapshot is the date in its name. A stream between
/// stages (`almanac normalize -`, `--output FILE`) has no file name, so it keeps the format line
/// above the header (`#almanac:records:1 snapshot=2026-11-22`); stores written before the
/// header-first layout have it too. `decode` reads both layouts.
public struct Table: Equatable, Sendable {
  public var kind: String
  public var version: Int
  public var columns: [String]
  public var rows: [[String]]
  /// The line each row starts on, when decoded from a file (quoted fields may span lines).
  public var rowLines: [Int] = []
  /// Attributes of the whole table, written on the stream layout's format line after a space
  /// (`#almanac:records:1 snapshot=2026-11-22`), so rows do not repeat them. The store layout
  /// carries none: the file name says what they said.
  public var attributes: [String: String]
  /// `decode` found a format line above the header (a stream, or a file written before the
  /// header-first layout). Not part of `==`.
  public var hasFormatLine = false

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

  /// The bytes of a file under `stats/`: header, then rows as given (callers sort them).
  public func encoded() -> String { encoded(formatLine: false) }

  /// `formatLine`: the stream layout, with the format line above the header.
  public func encoded(formatLine withFormatLine: Bool) -> String {
    // Built as bytes: the same text as joining `CSV.line`s, without a String per row.
    var out: [UInt8] = Array(head(formatLine: withFormatLine).utf8)
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

  /// The lines above the rows: the header, after the format line in the stream layout.
  public func head(formatLine withFormatLine: Bool) -> String {
    (withFormatLine ? formatLine + "\n" : "") + CSV.line(columns)
  }

  /// Reads a table in either layout, checking the format line when there is one (kind,
  /// version), the header and the field count of every row. `expected` gives the kind, version
  /// and columns this reader knows.
  public static func decode(_ text: String, path: String, expected: Table) throws(FormatError) -> Table {
    let parsed: [(line: Int, fields: [String])]
    do {
      parsed = try CSV.parse(text)
    } catch {
      throw FormatError(path: path, line: error.line, problem: error.message)
    }
    let headCount = headLength(parsed.first)
    let attributes = try checkHead(Array(parsed.prefix(headCount)), path: path, expected: expected)
    // Checked before the rows: a file cut mid-row is truncated, not "a row with too few fields".
    // Bytes, not `Character`s: in a CRLF file the last `Character` is "\r\n", not "\n".
    if text.utf8.last != 0x0A {
      throw FormatError(path: path, line: parsed.last?.line, problem: "the last line has no newline (the file is truncated)")
    }
    var table = expected
    table.attributes = attributes
    table.hasFormatLine = headCount == 2
    table.rows.reserveCapacity(parsed.count - headCount)
    let unknownCategory = table.hasFormatLine ? Category.legacyUnknownColumn(expected) : nil
    for row in parsed.dropFirst(headCount) {
      guard row.fields.count == expected.columns.count else {
        throw FormatError(
          path: path, line: row.line,
          problem: "expected \(expected.columns.count) fields, found \(row.fields.count)")
      }
      var fields = row.fields
      if let c = unknownCategory, fields[c] == Category.legacyUnknown { fields[c] = Category.unknown }
      table.rows.append(fields)
      table.rowLines.append(row.line)
    }
    return table
  }
}

extension Table {
  /// The snapshot date a records-like stream names on its format line (`snapshot=YYYY-MM-DD`),
  /// else `fallback`, else the date `path`'s file name starts with (a stored file has no format
  /// line: `records/pypistats/2026-11-22.csv`, `records/pypi/2026-11-22.detail.csv`).
  public func snapshot(path: String, fallback: Day?) throws(FormatError) -> Day {
    var snapshot = fallback ?? Table.fileNameDay(path)
    if let attribute = attributes["snapshot"] {
      guard let day = Day(attribute) else {
        throw FormatError(path: path, line: 1, problem: "the format line's snapshot `\(attribute)` is not a date YYYY-MM-DD")
      }
      snapshot = day
    }
    guard let snapshot else {
      throw Table.noSnapshot(path: path)
    }
    return snapshot
  }

  static func noSnapshot(path: String) -> FormatError {
    FormatError(
      path: path, line: 1,
      problem: "names no snapshot date: a stored file takes it from its name (`YYYY-MM-DD.csv`), a stream from its format line (`snapshot=YYYY-MM-DD`)")
  }

  /// `2026-11-22` for `…/2026-11-22.csv` or `…/2026-11-22.detail.csv`; nil for any other name.
  static func fileNameDay(_ path: String) -> Day? {
    let name = path.split(separator: "/").last ?? ""
    return name.split(separator: ".").first.flatMap { Day(String($0)) }
  }
}
