import Testing

@testable import AlmanacKit

@Suite struct SpreadsheetSafeCells {
  @Test(arguments: [
    ("=HYPERLINK(\"http://evil.test\",\"click\")", "\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"click\"\")\""),
    ("+1+1", "\"'+1+1\""), ("-2+3", "\"'-2+3\""), ("@SUM(A1)", "\"'@SUM(A1)\""), ("\tx", "\"'\tx\""), ("\rx", "\"'\rx\""),
    ("＝1+1", "\"'＝1+1\""), ("-", "\"'-\""),
    ("-12", "-12"), ("+3.5", "+3.5"), ("with_mirrors", "with_mirrors"), ("a,b", "\"a,b\""), ("a=b", "a=b"), ("", ""),
  ])
  func riskyCellsAreNeutralisedAndQuoted(_ value: String, _ field: String) {
    #expect(SpreadsheetSafe.field(value) == field)
  }

  @Test func neutralisedFieldsReadBackAsTheQuotedValue() throws {
    for value in ["=1+1", "@x,\"y\"\nz", "\r\n=2"] {
      let rows = try CSV.parse(SpreadsheetSafe.line([value, "1"]))
      #expect(rows.map(\.fields) == [["'" + value, "1"]])
    }
  }

  @Test func theDailyExportNeutralisesAHostileCategoryAndTheRecordsKeepIt() throws {
    let hostile = "=HYPERLINK(\"http://evil.test\",\"x\")"
    let records = RecordSet(snapshot: day("2026-11-20"), records: [
      DownloadRecord(date: day("2026-11-19"), package: "p", source: "pypistats", dimension: Dimension.overall, category: hostile, downloads: 5),
      DownloadRecord(date: day("2026-11-19"), package: "p", source: "pypistats", dimension: Dimension.overall, category: "without_mirrors", downloads: 4),
    ])
    let csv = SummaryFiles.dailyCSV(records, package: "p")
    #expect(csv == "date,downloads,category\n2026-11-19,5,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\"\n2026-11-19,4,without_mirrors\n")
    #expect(records.encoded().contains(",\"=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\","))
  }

  /// The canonical writer keeps every value as it came, formula triggers, quotes and line breaks
  /// included: random rows round-trip through `Table` byte for byte.
  @Test func theCanonicalStoreKeepsTrueValuesThroughARoundTrip() throws {
    let alphabet: [Unicode.Scalar] = ["=", "+", "-", "@", "\t", "\r", "\n", "\"", ",", "'", " ", "a", "1", "(", ")", "＝", "é"]
    var g = SeededGenerator(seed: 4_711)
    for _ in 0..<400 {
      let rows = (0..<Int.random(in: 1...4, using: &g)).map { _ in
        (0..<3).map { _ in
          var s = String.UnicodeScalarView()
          for _ in 0..<Int.random(in: 0...10, using: &g) { s.append(alphabet.randomElement(using: &g) ?? "a") }
          return String(s)
        }
      }
      let table = Table(kind: "prop", version: 1, columns: ["a", "b", "c"], rows: rows)
      let text = table.encoded()
      let decoded = try Table.decode(text, path: "p.csv", expected: Table(kind: "prop", version: 1, columns: ["a", "b", "c"]))
      #expect(decoded.rows == rows)
      #expect(decoded.encoded() == text)
      if decoded.rows != rows { break }
    }
  }
}
