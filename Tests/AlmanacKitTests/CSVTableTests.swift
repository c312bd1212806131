import Testing

@testable import AlmanacKit

@Suite struct CSVTableTests {
  static let path = "stats/records/pypistats/2026-11-20.csv"
  static let records = Table(kind: "records", version: 1, columns: ["snapshot"] + RecordSet.columns)
  /// The stream layout (and stores written before the header-first layout).
  static let header = "#almanac:records:1\nsnapshot,date,package,source,dimension,category,downloads\n"
  /// A file under `stats/`: the header first.
  static let storedHeader = "snapshot,date,package,source,dimension,category,downloads\n"

  @Test(arguments: [
    ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
    ("cr\rhere", "\"cr\rhere\""), (" padded", "\" padded\""), ("padded ", "\"padded \""), ("a b", "a b"),
    ("Linux · 3.10", "Linux · 3.10"), ("#almanac:x:1", "#almanac:x:1"),
  ])
  func quotesOnlyTheFieldsThatNeedIt(_ field: String, _ spelled: String) {
    #expect(CSV.escape(field) == spelled)
  }

  struct RoundTrip: Sendable, CustomTestStringConvertible {
    var name: String
    var rows: [[String]]
    var testDescription: String { name }
  }

  static let roundTrips: [RoundTrip] = [
    RoundTrip(name: "plain", rows: [["a", "b", "c"], ["1", "2", "3"]]),
    RoundTrip(name: "commas and quotes", rows: [["a,b", "say \"hi\"", "\""], [",", "\"\"", "x"]]),
    RoundTrip(name: "newlines", rows: [["two\nlines", "\r\n", "\n"], ["a", "b", "c"]]),
    RoundTrip(name: "empty fields", rows: [["", "", ""], ["", "x", ""]]),
    RoundTrip(name: "UTF-8", rows: [["·", "😀", "é"], ["Ünïcødé", "日本", "e\u{301}"]]),
    RoundTrip(name: "spaces", rows: [[" a", "b ", " "], ["a b", "  ", "x"]]),
    RoundTrip(name: "no rows", rows: []),
  ]

  @Test(arguments: roundTrips)
  func tablesRoundTrip(_ c: RoundTrip) throws {
    let table = Table(kind: "test", version: 3, columns: ["x", "y", "z"], rows: c.rows)
    let text = table.encoded()
    #expect(text.hasPrefix("x,y,z\n"))
    #expect(try Table.decode(text, path: "t.csv", expected: Table(kind: "test", version: 3, columns: ["x", "y", "z"])) == table)
    let stream = table.encoded(formatLine: true)
    #expect(stream == "#almanac:test:3\n" + text)
    #expect(try Table.decode(stream, path: "t.csv", expected: Table(kind: "test", version: 3, columns: ["x", "y", "z"])) == table)
  }

  @Test func keepsTheLineWhereEachRowStarts() throws {
    let rows = try CSV.parse("a,\"b\nc\"\n\"d\n\ne\",f\ng,h\n")
    #expect(rows.map(\.line) == [1, 3, 6])
    #expect(rows.map(\.fields) == [["a", "b\nc"], ["d\n\ne", "f"], ["g", "h"]])
  }

  @Test func readsCRLFFilesLikeLFFiles() throws {
    let lf = Self.header + "2026-11-20,2026-11-19,demo-pkg,pypistats,overall,with_mirrors,12\n"
    let crlf = lf.replacingAll("\n", with: "\r\n")
    #expect(try Table.decode(crlf, path: Self.path, expected: Self.records) == Table.decode(lf, path: Self.path, expected: Self.records))
  }

  // MARK: errors a person sees

  @Test func aHandEditedRowWithAMissingFieldNamesItsLine() {
    let text = Self.header
      + "2026-11-20,2026-11-18,demo-pkg,pypistats,overall,with_mirrors,12\n"
      + "2026-11-20,2026-11-19,demo-pkg,pypistats,overall,12\n"
    #expect(throws: FormatError(path: Self.path, line: 4, problem: "expected 7 fields, found 6")) {
      try Table.decode(text, path: Self.path, expected: Self.records)
    }
    let error = FormatError(path: Self.path, line: 4, problem: "expected 7 fields, found 6")
    #expect(error.description == """
      stats/records/pypistats/2026-11-20.csv:4: expected 7 fields, found 6. The file was edited by hand or truncated; \
      restore it with `git checkout -- stats/records/pypistats/2026-11-20.csv` or delete it and re-run the stage that writes it.
      """)
  }

  @Test func countsLinesInsideQuotedFieldsWhenNamingABadRow() {
    let text = Self.header
      + "2026-11-20,2026-11-18,demo-pkg,pypistats,system,\"two\nlines\",12\n"
      + "2026-11-20,2026-11-19\n"
    #expect(throws: FormatError(path: Self.path, line: 5, problem: "expected 7 fields, found 2")) {
      try Table.decode(text, path: Self.path, expected: Self.records)
    }
  }

  struct Broken: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var error: FormatError
    var testDescription: String { name }
  }

  static let broken: [Broken] = [
    Broken(
      name: "empty file", text: "",
      error: FormatError(
        path: path, line: 1,
        problem: "the file is empty; an Almanac records file starts with the header `snapshot,date,package,source,dimension,category,downloads` (it was truncated, or is not Almanac's)")),
    Broken(
      name: "another first line", text: "day,package\n",
      error: FormatError(
        path: path, line: 1,
        problem: "expected the columns `snapshot,date,package,source,dimension,category,downloads`, found `day,package` (this is not an Almanac records file, or its first line was edited)")),
    Broken(
      name: "header first, no final newline", text: storedHeader + "2026-11-20,2026-11-19,demo-pkg,pypistats,overall,with_mirrors,12",
      error: FormatError(path: path, line: 2, problem: "the last line has no newline (the file is truncated)")),
    Broken(
      name: "header first, extra field", text: storedHeader + "2026-11-20,2026-11-19,demo-pkg,pypistats,overall,with_mirrors,12,\n",
      error: FormatError(path: path, line: 2, problem: "expected 7 fields, found 8")),
    Broken(
      name: "malformed format line", text: "#almanac:records\n",
      error: FormatError(path: path, line: 1, problem: "malformed format line `#almanac:records`")),
    Broken(
      name: "non-numeric version", text: "#almanac:records:one\n",
      error: FormatError(path: path, line: 1, problem: "malformed format line `#almanac:records:one`")),
    Broken(
      name: "wrong kind", text: "#almanac:series:1\npackage,source,date,dimension,category,downloads,snapshot\n",
      error: FormatError(path: path, line: 1, problem: "expected a records file, found a series file")),
    Broken(
      name: "newer version", text: "#almanac:records:2\nsnapshot,date\n",
      error: FormatError(
        path: path, line: 1, problem: "format version 2 is not supported (this Almanac reads records version 1)",
        remedy: "The file was written by a newer Almanac; upgrade Almanac.")),
    Broken(
      name: "older version", text: "#almanac:records:0\n",
      error: FormatError(
        path: path, line: 1, problem: "format version 0 is not supported (this Almanac reads records version 1)",
        remedy: "Re-run the stage that writes it to upgrade the file.")),
    Broken(
      name: "no header", text: "#almanac:records:1\n",
      error: FormatError(path: path, line: 2, problem: "missing the header row (truncated?)")),
    Broken(
      name: "wrong header", text: "#almanac:records:1\nsnapshot,day,package,source,dimension,category,downloads\n",
      error: FormatError(
        path: path, line: 2,
        problem: "expected the columns `snapshot,date,package,source,dimension,category,downloads`, found `snapshot,day,package,source,dimension,category,downloads`")),
    Broken(
      name: "no final newline", text: header + "2026-11-20,2026-11-19,demo-pkg,pypistats,overall,with_mirrors,12",
      error: FormatError(path: path, line: 3, problem: "the last line has no newline (the file is truncated)")),
    Broken(
      name: "cut mid-row", text: header + "2026-11-20,2026-11-19,demo-pkg,pypistats,overall,with_mirrors,12\n2026-11-20,2026-11-1",
      error: FormatError(path: path, line: 4, problem: "the last line has no newline (the file is truncated)")),
    Broken(
      name: "cut inside quotes", text: header + "2026-11-20,2026-11-19,demo-pkg,pypistats,system,\"Lin",
      error: FormatError(path: path, line: 3, problem: "an unterminated quoted field (the file is truncated?)")),
    Broken(
      name: "quote inside a field", text: header + "2026-11-20,2026-11-19,demo\"pkg,pypistats,overall,with_mirrors,12\n",
      error: FormatError(path: path, line: 3, problem: "a quote inside an unquoted field")),
    Broken(
      name: "text after closing quote", text: header + "2026-11-20,2026-11-19,\"demo\"pkg,pypistats,overall,with_mirrors,12\n",
      error: FormatError(path: path, line: 3, problem: "text after a closing quote")),
    Broken(
      name: "bare carriage return", text: header + "2026-11-20,2026-11-19\r,demo-pkg\n",
      error: FormatError(path: path, line: 3, problem: "a bare carriage return")),
    Broken(
      name: "blank line", text: header + "\n",
      error: FormatError(path: path, line: 3, problem: "expected 7 fields, found 1")),
    Broken(
      name: "extra field", text: header + "2026-11-20,2026-11-19,demo-pkg,pypistats,overall,with_mirrors,12,\n",
      error: FormatError(path: path, line: 3, problem: "expected 7 fields, found 8")),
  ]

  @Test(arguments: broken)
  func refusesAFileItDidNotWrite(_ c: Broken) {
    #expect(throws: c.error) { try Table.decode(c.text, path: Self.path, expected: Self.records) }
  }

  @Test func tellsTheUserToUpgradeForANewerFile() {
    let error = FormatError(
      path: Self.path, line: 1, problem: "format version 2 is not supported (this Almanac reads records version 1)",
      remedy: "The file was written by a newer Almanac; upgrade Almanac.")
    #expect(error.description == """
      stats/records/pypistats/2026-11-20.csv:1: format version 2 is not supported (this Almanac reads records version 1). \
      The file was written by a newer Almanac; upgrade Almanac.
      """)
  }

  @Test func describesAnotherFirstLine() {
    let error = FormatError(
      path: Self.path, line: 1,
      problem: "expected the columns `date,package`, found `day,package` (this is not an Almanac records file, or its first line was edited)")
    #expect(error.description == """
      stats/records/pypistats/2026-11-20.csv:1: expected the columns `date,package`, found `day,package` (this is not \
      an Almanac records file, or its first line was edited). The file was edited by hand or truncated; restore it with \
      `git checkout -- stats/records/pypistats/2026-11-20.csv` or delete it and re-run the stage that writes it.
      """)
  }

  @Test func describesATruncatedFile() {
    let error = FormatError(path: Self.path, line: 3, problem: "the last line has no newline (the file is truncated)")
    #expect(error.description == """
      stats/records/pypistats/2026-11-20.csv:3: the last line has no newline (the file is truncated). The file was \
      edited by hand or truncated; restore it with `git checkout -- stats/records/pypistats/2026-11-20.csv` or delete \
      it and re-run the stage that writes it.
      """)
  }

  @Test func describesAnErrorWithoutALine() {
    #expect(FormatError(path: "a.json", problem: "has no rows", remedy: "Fix <path>.").description == "a.json: has no rows. Fix a.json.")
  }
}
