import Testing

@testable import AlmanacKit

/// Files under `stats/` start with their header (pandas and DuckDB read them with defaults);
/// files written before that layout, with a `#almanac:` format line and `null` for an unknown
/// category, still read, as what the live writers write today.
@Suite struct HeaderFirstLayoutTests {
  @Test func anOlderRecordsFileReadsAsTheFileNormalizeWritesToday() throws {
    let legacy = try Fixtures.read("legacy/records.csv")
    #expect(legacy.hasPrefix("#almanac:records:1 snapshot=2026-11-20\n"))
    #expect(legacy.contains(",null,"))
    let set = try RecordSet.decode(legacy, path: "stats/records/pypistats/2026-11-20.csv")
    #expect(set.records.filter { $0.category == Category.unknown }.count == 2)
    // Byte for byte what normalize writes from the same raw answers (the golden file).
    #expect(set.encoded() == (try Fixtures.read("normalize/full/records.csv")))
  }

  @Test func anOlderSeriesFileMovesUnknownToItsSortedPlace() throws {
    let legacy = """
      #almanac:series:1
      package,source,date,dimension,category,downloads,snapshot
      demo-pkg,pypistats,2026-11-19,system,Linux,48,2026-11-20
      demo-pkg,pypistats,2026-11-19,system,null,4,2026-11-20
      demo-pkg,pypistats,2026-11-19,system,other,1,2026-11-20

      """
    let series = try Series.decode(legacy, path: "s.csv", package: "demo-pkg", source: "pypistats")
    #expect(series.encoded() == """
      package,source,date,dimension,category,downloads,snapshot
      demo-pkg,pypistats,2026-11-19,system,Linux,48,2026-11-20
      demo-pkg,pypistats,2026-11-19,system,other,1,2026-11-20
      demo-pkg,pypistats,2026-11-19,system,unknown,4,2026-11-20

      """)
  }

  @Test func anOlderGitHubFileLosesOnlyItsFormatLine() throws {
    let legacy = try Fixtures.read("legacy/popular.csv")
    let rows = try KeyedRows.decode(legacy, path: "popular.csv", spec: GitHubFiles.popular)
    #expect(rows.encoded() == String(legacy.drop { $0 != "\n" }.dropFirst()))
    #expect(rows.encoded() == (try Fixtures.read("normalize/github/popular.csv")))
  }

  @Test func pypistatsNullAndClickHousesEmptyAreStoredAsUnknown() {
    #expect(Category.stored("null") == "unknown")
    #expect(Category.stored("") == "unknown")
    #expect(Category.stored("3.10") == "3.10")
    #expect(Category.stored("None") == "None")
  }

  @Test func onlyACategoryOfARecordsLikeStreamIsRewritten() throws {
    let other = "#almanac:usage-daily:1\ndate,dimension,category\n2026-11-20,os,null\n"
    let table = try Table.decode(other, path: "u.csv", expected: Table(kind: "usage-daily", version: 1, columns: ["date", "dimension", "category"]))
    #expect(table.rows == [["2026-11-20", "os", "null"]])
    let stored = "date,package,source,dimension,category,downloads\n2026-11-19,p,pypistats,system,null,4\n"
    // A header-first file was written by this Almanac, which never writes `null`: kept as it is.
    #expect(try RecordSet.decode(stored, path: "records/pypistats/2026-11-20.csv").records.map(\.category) == ["null"])
  }
}
