/// Typed access to one row of a decoded `Table`, with errors that name the file and line.
struct RowReader {
  var path: String
  var table: Table
  var index: Int
  var row: [String] { table.rows[index] }
  var line: Int { index < table.rowLines.count ? table.rowLines[index] : index + 3 }

  func field(_ name: String) -> String {
    guard let i = table.columns.firstIndex(of: name) else { return "" }
    return row[i]
  }

  func fail(_ problem: String) -> FormatError { FormatError(path: path, line: line, problem: problem) }

  func day(_ name: String) throws(FormatError) -> Day {
    guard let d = Day(field(name)) else { throw fail("`\(name)` must be a date YYYY-MM-DD, found `\(field(name))`") }
    return d
  }

  func count(_ name: String) throws(FormatError) -> Int64 {
    guard let n = Int64(field(name)), n >= 0 else { throw fail("`\(name)` must be a non-negative integer, found `\(field(name))`") }
    return n
  }

  func oneOf(_ name: String, _ allowed: [String]) throws(FormatError) -> String {
    let v = field(name)
    guard allowed.contains(v) else { throw fail("`\(name)` must be one of \(allowed.joined(separator: ", ")), found `\(v)`") }
    return v
  }

  static func rows(_ text: String, path: String, kind: String, columns: [String]) throws(FormatError) -> [RowReader] {
    try table(text, path: path, kind: kind, columns: columns).readers
  }

  static func table(_ text: String, path: String, kind: String, columns: [String]) throws(FormatError) -> (table: Table, readers: [RowReader]) {
    let table = try Table.decode(text, path: path, expected: Table(kind: kind, version: 1, columns: columns))
    return (table, table.rows.indices.map { RowReader(path: path, table: table, index: $0) })
  }
}
