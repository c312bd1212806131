extension DeltaFile {
  /// Reads format 3 or format 2 (`DeltaFile`'s comment shows both).
  public static func decode(_ text: String, path: String) throws(FormatError) -> DeltaFile {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let head = lines.first?.split(separator: " ", omittingEmptySubsequences: false) ?? []
    guard let format = versions.first(where: { head.first == Substring(formatLine($0)) }) else {
      throw FormatError(path: path, line: 1, problem: "expected `\(formatLine())` (or `\(formatLine(versions.lowerBound))`, an older form still read) on the first line, found `\(lines.first.map { String($0.prefix(40)) } ?? "")`")
    }
    guard text.hasSuffix("\n") else { throw FormatError(path: path, line: lines.count, problem: "is cut: the last line has no line feed") }
    let fields: [String], firstOp: Int
    if format >= 3 {
      guard head.count == 4 else {
        throw FormatError(path: path, line: 1, problem: "expected `\(formatLine(format)) BASE BASE_CRC32 CRC32`")
      }
      fields = head.dropFirst().map(String.init)
      firstOp = 1
    } else {
      guard head.count == 1 else { throw FormatError(path: path, line: 1, problem: "expected `\(formatLine(format))` alone") }
      fields = try zip(1...3, ["base", "base_crc32", "crc32"]).map { (i, key) throws(FormatError) in
        guard i < lines.count, lines[i].hasPrefix(key + "=") else { throw FormatError(path: path, line: i + 1, problem: "expected `\(key)=…`") }
        return String(lines[i].dropFirst(key.count + 1))
      }
      firstOp = 4
    }
    let base = fields[0]
    guard !base.contains("/"), !base.hasSuffix(suffix), base.count > 10 else {
      throw FormatError(path: path, line: format >= 3 ? 1 : 2, problem: "`base`: expected the name of an earlier file in the same directory, found `\(base)`")
    }
    var ops: [TextDelta.Op] = []
    var cursor = 0
    for (i, line) in lines.enumerated().dropFirst(firstOp).dropLast() {
      guard let op = Self.op(line, format: format, cursor: &cursor) else {
        let expected = format >= 3 ? "`=COUNT`, `>COUNT`, `<COUNT`, `+TEXT`, `~TEXT`, `&DIGITS,…` or `%DIGITS,…`" : "`=START+COUNT`, `+TEXT` or `~TEXT`"
        throw FormatError(path: path, line: i + 1, problem: "expected \(expected), found `\(line.prefix(40))`")
      }
      if let op { ops.append(op) }
    }
    return DeltaFile(format: format, base: base, baseChecksum: fields[1], checksum: fields[2], ops: ops)
  }

  /// One operation line: `.some(nil)` for a cursor move, nil for a line that is none.
  static func op(_ line: Substring, format: Int, cursor: inout Int) -> TextDelta.Op?? {
    let rest = line.dropFirst()
    // No file has 2^31 chunks; the bound keeps the cursor's sums far from overflowing.
    let number = Int(rest).flatMap { $0 > 0 && $0 <= Int32.max && rest.first != "+" ? $0 : nil }
    switch (line.first, format >= 3) {
    case ("+", _): return .insert(String(rest) + "\n")
    case ("~", _): return .insert(String(rest))
    case ("=", false):
      let parts = rest.split(separator: "+", omittingEmptySubsequences: false)
      guard parts.count == 2, let start = Int(parts[0]), let count = Int(parts[1]), start >= 0, count > 0, start <= Int32.max, count <= Int32.max else { return nil }
      return .copy(start: start, count: count)
    case ("=", true):
      guard let number else { return nil }
      defer { cursor += number }
      return .copy(start: cursor, count: number)
    case (">", true):
      guard let number else { return nil }
      cursor += number
      return .some(nil)
    case ("<", true):
      guard let number, number <= cursor else { return nil }
      cursor -= number
      return .some(nil)
    case ("&", true), ("%", true):
      let fields = rest.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard fields.allSatisfy({ $0.utf8.allSatisfy(DigitRuns.isDigit) }) else { return nil }
      guard line.first == "%" else { return .digits(fields) }
      defer { cursor += 1 }
      return .edit(start: cursor, fields: fields)
    default: return nil
    }
  }
}
