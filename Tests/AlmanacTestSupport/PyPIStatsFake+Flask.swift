import AlmanacKit

extension PyPIStatsFake {
  /// Flask's `jsonify`: sorted keys, no spaces, then a newline; `Content-Type: application/json`.
  static func jsonify(_ value: JSONValue) -> FakeResponse {
    .json(200, CanonicalJSON.encodeCompact(value) + "\n")
  }

  static func encode(_ rows: [PyPIStatsData.Row]) -> JSONValue {
    .array(
      rows.map { row in
        [
          "category": .string(row.category), "date": .string(row.date),
          "downloads": .int(Int64(row.downloads)),
        ]
      })
  }

  /// `ORDER BY date` (a filtered query): stable, so one category's rows keep their order.
  static func byDate(_ rows: [PyPIStatsData.Row]) -> [PyPIStatsData.Row] {
    rows.enumerated().sorted { a, b in
      a.element.date == b.element.date
        ? a.offset < b.offset : a.element.date.utf8.lexicographicallyPrecedes(b.element.date.utf8)
    }.map(\.element)
  }

  /// Python's `str.title()`: a letter after a non-letter is upper-cased, other letters lower-cased.
  static func title(_ text: String) -> String {
    var result = ""
    var afterLetter = false
    for character in text {
      if character.isLetter {
        result += afterLetter ? character.lowercased() : character.uppercased()
        afterLetter = true
      } else {
        result.append(character)
        afterLetter = false
      }
    }
    return result
  }
}
