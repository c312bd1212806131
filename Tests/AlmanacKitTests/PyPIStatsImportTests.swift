import Testing

@testable import AlmanacKit

@Suite struct PyPIStatsImportTests {
  static func overall(_ rows: String) -> String { #"{"data":[\#(rows)],"package":"demo_pkg","type":"overall_downloads"}"# }

  @Test(arguments: [
    ("2026-05-02/overall.json", "2026-05-02"), ("data/demo/2026-05-02-https-pypistats-org-api-packages-demo-overall.json", "2026-05-02"),
    ("2026-04-30/snap_2026-05-02.json", "2026-05-02"), ("2026/05/overall.json", nil), ("2026-13-02/overall.json", nil),
  ] as [(String, String?)])
  func theDayComesFromTheFileNameFirst(_ path: String, _ expected: String?) {
    #expect(PyPIStatsImport.date(inPath: path)?.description == expected)
  }

  @Test func anAnswerNamesItsPackageAndEndpointAndMustNotReachPastItsDay() throws {
    let good = PyPIStatsImport.Answer(origin: "a.json", date: day("2026-05-02"), body: Self.overall(#"{"category":"with_mirrors","date":"2026-05-01","downloads":3}"#))
    let e = try PyPIStatsImport.exchange(good).get()
    #expect(e.target == "demo-pkg")
    #expect(e.endpoint == "overall")
    #expect(e.url == "https://pypistats.org/api/packages/demo-pkg/overall")
    var late = good
    late.date = day("2026-04-30")
    #expect(PyPIStatsImport.exchange(late).failure?.description
      == "a.json: has rows up to 2026-05-01, after its day 2026-04-30: the date should be the day the answer was fetched (name the file so, or use --date-from-git); skipped")
    var html = good
    html.body = "<html>502</html>"
    #expect(PyPIStatsImport.exchange(html).failure?.problem.hasPrefix("is not JSON") == true)
    var other = good
    other.body = #"{"type":"something_else"}"#
    #expect(PyPIStatsImport.exchange(other).failure?.problem == #"is not a pypistats.org answer (no known `type`, found "something_else")"#)
  }

  @Test func aStoredDayKeepsItsAnswersAndOnlyGainsWhatItLacks() throws {
    let d = day("2026-05-02")
    let stored = RawSnapshot(source: "pypistats", date: d, exchanges: [
      .init(target: "demo-pkg", endpoint: "overall", url: "u", status: 200, contentType: "application/json", body: Self.overall(#"{"category":"with_mirrors","date":"2026-05-01","downloads":9}"#)),
    ], failures: [.init(target: "demo-pkg", endpoint: "system", message: "HTTP 503")])
    let answers = [
      PyPIStatsImport.Answer(origin: "o.json", date: d, body: Self.overall(#"{"category":"with_mirrors","date":"2026-05-01","downloads":3}"#)),
      PyPIStatsImport.Answer(origin: "s.json", date: d, body: #"{"data":[{"category":"Linux","date":"2026-05-01","downloads":2}],"package":"demo-pkg","type":"system_downloads"}"#),
    ]
    var report = PyPIStatsImport.Report()
    let out = PyPIStatsImport.snapshots(answers, stored: { $0 == d ? stored : nil }, report: &report)
    let merged = try #require(out.first)
    #expect(merged.exchanges.map(\.endpoint) == ["overall", "system"])
    #expect(merged.exchanges[0].body.contains(#""downloads":9"#))  // the stored answer is kept
    #expect(merged.failures.isEmpty)  // the import filled what the night failed to get
    #expect(report.added == 1)
    #expect(report.skipped == ["o.json: 2026-05-02 already has an answer of overall for demo-pkg; the stored one is kept"])
    // Again over the merged snapshot: nothing changes, nothing is written.
    var again = PyPIStatsImport.Report()
    #expect(PyPIStatsImport.snapshots(answers, stored: { $0 == d ? merged : nil }, report: &again).isEmpty)
  }
}

extension Result {
  var failure: Failure? {
    if case .failure(let f) = self { return f }
    return nil
  }
}
