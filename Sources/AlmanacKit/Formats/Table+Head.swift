extension Table {
  /// How many lines precede the rows: 2 when the first is a format line (`#almanac:…`, the
  /// stream layout and stores written before the header-first layout), else 1, the header.
  static func headLength(_ first: (line: Int, fields: [String])?) -> Int {
    guard let first, first.fields.count == 1, first.fields[0].hasPrefix("#almanac:") else { return 1 }
    return 2
  }

  /// Checks the head (`headLength` rows: the format line if any, then the header) against
  /// `expected` (kind, version, columns) and returns the format line's attributes. Shared by
  /// `decode` and the streaming detail reader.
  static func checkHead(_ head: [(line: Int, fields: [String])], path: String, expected: Table) throws(FormatError) -> [String: String] {
    var attributes: [String: String] = [:]
    var header = head.first
    if headLength(head.first) == 2, let formatLine = head.first {
      attributes = try checkFormatLine(formatLine.fields[0], path: path, expected: expected)
      guard head.count >= 2 else {
        throw FormatError(path: path, line: 2, problem: "missing the header row (truncated?)")
      }
      header = head[1]
    }
    let columns = expected.columns.joined(separator: ",")
    guard let header else {
      throw FormatError(
        path: path, line: 1,
        problem: "the file is empty; an Almanac \(expected.kind) file starts with the header `\(columns)` (it was truncated, or is not Almanac's)")
    }
    guard header.fields == expected.columns else {
      throw FormatError(
        path: path, line: header.line,
        problem: "expected the columns `\(columns)`, found `\(header.fields.joined(separator: ","))`"
          + (header.line == 1 ? " (this is not an Almanac \(expected.kind) file, or its first line was edited)" : ""))
    }
    return attributes
  }

  /// `#almanac:<kind>:<version> key=value…`: the kind and version must be `expected`'s.
  static func checkFormatLine(_ line: String, path: String, expected: Table) throws(FormatError) -> [String: String] {
    let words = line.split(separator: " ")
    var attributes: [String: String] = [:]
    for word in words.dropFirst() {
      let kv = word.split(separator: "=", maxSplits: 1)
      guard kv.count == 2 else {
        throw FormatError(path: path, line: 1, problem: "malformed attribute `\(word)` on the format line")
      }
      attributes[String(kv[0])] = String(kv[1])
    }
    let parts = words.first?.split(separator: ":") ?? []
    guard parts.count == 3, let version = Int(parts[2]) else {
      throw FormatError(path: path, line: 1, problem: "malformed format line `\(line)`")
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
    return attributes
  }
}
