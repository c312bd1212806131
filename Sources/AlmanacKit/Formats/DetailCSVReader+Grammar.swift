extension DetailCSVReader {
  /// One row by the rules of `CSV.parse`, from `start`: its fields, the index after it, and
  /// how many lines it spans. nil when the buffer ends first and more may come (`!atEnd`).
  static func parseRow(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool, line rowLine: Int
  ) throws(CSV.Failure) -> (fields: [[UInt8]], next: Int, lines: Int)? {
    var fields: [[UInt8]] = []
    var field: [UInt8] = []
    var line = rowLine
    var inQuotes = false
    var quotedField = false
    var i = start
    while i < bytes.count {
      let b = bytes[i]
      if inQuotes {
        if b == 0x22 {
          if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
            field.append(0x22)
            i += 2
            continue
          }
          if i + 1 == bytes.count, !atEnd { return nil }
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
        guard field.isEmpty, !quotedField else { throw CSV.Failure(line: line, message: "a quote inside an unquoted field") }
        inQuotes = true
        quotedField = true
      case 0x2C:
        fields.append(field)
        field.removeAll(keepingCapacity: true)
        quotedField = false
      case 0x0D:
        guard i + 1 < bytes.count else {
          if !atEnd { return nil }
          throw CSV.Failure(line: line, message: "a bare carriage return")
        }
        guard bytes[i + 1] == 0x0A else { throw CSV.Failure(line: line, message: "a bare carriage return") }
      case 0x0A:
        fields.append(field)
        return (fields, i + 1, line - rowLine + 1)
      default:
        if quotedField { throw CSV.Failure(line: line, message: "text after a closing quote") }
        field.append(b)
      }
      i += 1
    }
    guard atEnd else { return nil }
    if inQuotes { throw CSV.Failure(line: rowLine, message: "an unterminated quoted field (the file is truncated?)") }
    fields.append(field)
    return (fields, i, line - rowLine + 1)
  }
}
