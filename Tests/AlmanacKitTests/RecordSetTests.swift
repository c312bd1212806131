import Testing

@testable import AlmanacKit

@Suite struct RecordSetTests {
  static let path = "stats/records/pypistats/2026-11-20.csv"
  static let header = "date,package,source,dimension,category,downloads\n"
  static let streamHeader = "#almanac:records:1 snapshot=2026-11-20\n" + header

  @Test func sortsRowsByPackageDimensionCategoryAndDate() {
    let set = RecordSet(snapshot: day("2026-11-20"), records: [
      record("2026-11-19", "system", "Linux", 5),
      record("2026-11-18", "overall", "without_mirrors", 9, package: "b-pkg"),
      record("2026-11-19", "overall", "with_mirrors", 12),
      record("2026-11-18", "overall", "with_mirrors", 11),
      record("2026-11-19", "python_minor", "3.10", 2),
      record("2026-11-19", "python_minor", "3.9", 3),
    ])
    #expect(set.encoded() == Self.header + """
      2026-11-18,b-pkg,pypistats,overall,without_mirrors,9
      2026-11-18,demo-pkg,pypistats,overall,with_mirrors,11
      2026-11-19,demo-pkg,pypistats,overall,with_mirrors,12
      2026-11-19,demo-pkg,pypistats,python_minor,3.10,2
      2026-11-19,demo-pkg,pypistats,python_minor,3.9,3
      2026-11-19,demo-pkg,pypistats,system,Linux,5

      """)
  }

  @Test func roundTripsThroughItsFile() throws {
    let set = RecordSet(snapshot: day("2026-11-20"), records: [
      record("2026-11-19", "system", "a \"quoted\", odd · name", 5),
      record("2026-11-19", "overall", "with_mirrors", 27_234_697_969),
    ])
    #expect(try RecordSet.decode(set.encoded(), path: Self.path) == set)
  }

  @Test func classifiedStreamsCarryTheirOwnKind() throws {
    let set = RecordSet(snapshot: day("2026-11-20"), records: [record("2026-11-19", "class", "mirror", 1)], kind: RecordSet.classifiedKind)
    #expect(set.encoded(formatLine: true).hasPrefix("#almanac:classified:1 snapshot=2026-11-20\n"))
    #expect(try RecordSet.decode(set.encoded(formatLine: true), path: "c.csv", kind: RecordSet.classifiedKind) == set)
    #expect(try RecordSet.decode(set.encoded(), path: "classified/pypistats/2026-11-20.csv", kind: RecordSet.classifiedKind) == set)
    #expect(throws: FormatError(path: "c.csv", line: 1, problem: "expected a records file, found a classified file")) {
      try RecordSet.decode(set.encoded(formatLine: true), path: "c.csv")
    }
  }

  @Test func aStoredFileTakesItsSnapshotFromItsNameAStreamFromItsFormatLine() throws {
    let empty = RecordSet(snapshot: day("2026-11-20"), records: [])
    #expect(empty.encoded() == Self.header)
    #expect(empty.encoded(formatLine: true) == Self.streamHeader)
    #expect(try RecordSet.decode(empty.encoded(), path: Self.path) == empty)
    #expect(try RecordSet.decode(empty.encoded(formatLine: true), path: "<stdin>") == empty)
    #expect(try RecordSet.decode(Self.header, path: "<stdin>", fallbackSnapshot: day("2026-11-20")) == empty)
    let undated = "#almanac:records:1\ndate,package,source,dimension,category,downloads\n"
    #expect(try RecordSet.decode(undated, path: Self.path) == empty)
    let noDate = FormatError(
      path: "<stdin>", line: 1,
      problem: "names no snapshot date: a stored file takes it from its name (`YYYY-MM-DD.csv`), a stream from its format line (`snapshot=YYYY-MM-DD`)")
    #expect(throws: noDate) { try RecordSet.decode(undated, path: "<stdin>") }
    #expect(throws: noDate) { try RecordSet.decode(Self.header, path: "<stdin>") }
    #expect(throws: FormatError(path: Self.path, line: 1, problem: "the format line's snapshot `soon` is not a date YYYY-MM-DD")) {
      try RecordSet.decode("#almanac:records:1 snapshot=soon\ndate,package,source,dimension,category,downloads\n", path: Self.path)
    }
  }

  @Test(arguments: [
    ("2026-11-31,demo-pkg,pypistats,overall,with_mirrors,1\n", "expected a date as YYYY-MM-DD, found `2026-11-31`"),
    ("yesterday,demo-pkg,pypistats,overall,with_mirrors,1\n", "expected a date as YYYY-MM-DD, found `yesterday`"),
    ("2026-11-19,demo-pkg,pypistats,overall,with_mirrors,-5\n", "downloads must be a non-negative integer, found `-5`"),
    ("2026-11-19,demo-pkg,pypistats,overall,with_mirrors,1.5\n", "downloads must be a non-negative integer, found `1.5`"),
    ("2026-11-19,demo-pkg,pypistats,overall,with_mirrors,\n", "downloads must be a non-negative integer, found ``"),
  ])
  func namesTheLineOfABadValue(_ secondRow: String, _ problem: String) {
    let text = Self.header + "2026-11-18,demo-pkg,pypistats,overall,with_mirrors,1\n" + secondRow
    #expect(throws: FormatError(path: Self.path, line: 3, problem: problem)) { try RecordSet.decode(text, path: Self.path) }
  }
}
