import AlmanacKit
import Testing

@Suite struct DetailedRecordSetTests {
  let day = Day("2026-11-22")!

  @Test func roundTripsSortedAndKeepsEmptyInstaller() throws {
    let rows = [
      DetailedDownload(date: day, package: "tidewater", version: "1.2.0", installer: "pip", type: "bdist_wheel", country: "US", downloads: 7),
      DetailedDownload(date: day.adding(days: -1), package: "tidewater", version: "1.10.0", installer: "", type: "sdist", country: "", downloads: 3),
      DetailedDownload(date: day, package: "tidewater", version: "1.2.0", installer: "bandersnatch", type: "bdist_wheel", country: "DE", downloads: 40),
    ]
    let set = DetailedRecordSet(snapshot: day, rows: rows)
    let text = set.encoded()
    #expect(text.hasPrefix("date,package,version,installer,type,country,downloads\n2026-11-21,tidewater,1.10.0,,sdist,,3\n"))
    #expect(try DetailedRecordSet.decode(text, path: "records/pypi/2026-11-22.detail.csv") == set)
    #expect(set.encoded(formatLine: true) == "#almanac:detail:1 snapshot=2026-11-22\n" + text)
    #expect(try DetailedRecordSet.decode(set.encoded(formatLine: true), path: "d.csv") == set)
    #expect(DetailedRecordSet(snapshot: day, rows: rows.reversed()).encoded() == text)
  }

  @Test func rejectsNegativeCountsWithTheLine() {
    let text = "#almanac:detail:1 snapshot=2026-11-22\ndate,package,version,installer,type,country,downloads\n2026-11-22,t,1,pip,sdist,US,-4\n"
    #expect(throws: FormatError.self) { try DetailedRecordSet.decode(text, path: "d.csv") }
    do { _ = try DetailedRecordSet.decode(text, path: "d.csv") } catch { #expect(error.description.contains("d.csv:3")) }
  }
}
