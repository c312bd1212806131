import Testing

@testable import AlmanacKit

@Suite struct PyPIStatsNormalizeTests {
  static let path = "stats/raw/pypistats/2026-11-20.json"

  /// Each case is a raw snapshot (`raw.json`, the compact bodies pypistats.org sends) with the
  /// records and diagnostics normalize must produce from it.
  @Test(arguments: ["full", "not-found", "html-with-status-200", "http-errors", "duplicate-rows", "wrong-type"])
  func turnsARawSnapshotIntoRecordsAndDiagnostics(_ name: String) throws {
    let raw = try RawSnapshot.decode(Fixtures.read("normalize/\(name)/raw.json"), path: Self.path)
    let (records, diagnostics) = PyPIStats.normalize(raw, path: Self.path)
    #expect(records.snapshot == raw.date)
    try Fixtures.expect(records.encoded(), matches: "normalize/\(name)/records.csv")
    try Fixtures.expect(diagnostics.map { "\($0)\n" }.joined(), matches: "normalize/\(name)/diagnostics.txt")
  }

  @Test(arguments: ["full", "not-found", "html-with-status-200", "http-errors", "duplicate-rows", "wrong-type"])
  func rawFixturesAreCanonical(_ name: String) throws {
    let text = try Fixtures.read("normalize/\(name)/raw.json")
    #expect(try RawSnapshot.decode(text, path: Self.path).encoded() == text)
  }

  @Test func keepsSparseDaysSparse() throws {
    let raw = try RawSnapshot.decode(Fixtures.read("normalize/full/raw.json"), path: Self.path)
    let records = PyPIStats.normalize(raw, path: Self.path).0.records
    let without = records.filter { $0.category == "without_mirrors" }.map(\.date.description)
    #expect(without == ["2026-11-17", "2026-11-19"])
    #expect(records.contains { $0.dimension == "python_minor" && $0.category == "3.10" })
  }

  static func snapshot(_ endpoint: String, _ body: String, status: Int = 200) -> RawSnapshot {
    RawSnapshot(source: "pypistats", date: day("2026-11-20"), exchanges: [
      .init(target: "demo-pkg", endpoint: endpoint, url: "https://pypistats.org/api/packages/demo-pkg/\(endpoint)",
            status: status, contentType: "application/json", body: body),
    ])
  }

  @Test func anEmptyDataListIsNoDataAndNoProblem() {
    let (records, diagnostics) = PyPIStats.normalize(
      Self.snapshot("python_minor", #"{"data":[],"package":"demo-pkg","type":"python_minor_downloads"}"#), path: Self.path)
    #expect(records.records.isEmpty)
    #expect(diagnostics.isEmpty)
  }

  @Test func a404FromAnEndpointThatAnswersEmptyIsAnHTTPWarning() {
    let (records, diagnostics) = PyPIStats.normalize(Self.snapshot("system", "404", status: 404), path: Self.path)
    #expect(records.records.isEmpty)
    #expect(diagnostics.map(\.description) == ["\(Self.path) (system for demo-pkg): warning: HTTP 404 recorded, no data taken"])
  }

  @Test(arguments: [
    ("overall", #"{"data":[{"category":3.1,"date":"2026-11-19","downloads":1}],"type":"overall_downloads"}"#, "`data[0].category` is not a string"),
    ("overall", #"{"data":[{"category":"x","date":"2026-11-31","downloads":1}],"type":"overall_downloads"}"#, "`data[0].date` is not a date YYYY-MM-DD"),
    ("overall", #"{"data":[{"category":"x","downloads":1}],"type":"overall_downloads"}"#, "`data[0].date` is not a date YYYY-MM-DD"),
    ("system", #"{"data":[{"category":"x","date":"2026-11-19","downloads":-1}],"type":"system_downloads"}"#, "`data[0].downloads` is not a non-negative integer"),
    ("system", #"{"data":[{"category":"x","date":"2026-11-19","downloads":1.5}],"type":"system_downloads"}"#, "`data[0].downloads` is not a non-negative integer"),
    ("system", #"{"data":{},"type":"system_downloads"}"#, "`data` is not an array"),
    ("system", #"{"type":"system_downloads"}"#, "`data` is not an array"),
    ("recent", #"{"data":[],"type":"recent_downloads"}"#, "`data` is not an object"),
    ("recent", #"{"data":{"last_day":"many"},"type":"recent_downloads"}"#, "`data.last_day` is not a count"),
    ("recent", #"{"data":{},"type":"overall_downloads"}"#, #"expected `"type": "recent_downloads"`, found "overall_downloads""#),
    ("recent", #"{"data":{}}"#, #"expected `"type": "recent_downloads"`, found no type"#),
    ("recent", #"{"data":{},"type":7}"#, #"expected `"type": "recent_downloads"`, found 7"#),
    ("recent", "[]", #"expected `"type": "recent_downloads"`, found no type"#),
    ("recent", "", "the body is not JSON (unexpected end of input (truncated?)); pypistats.org may have answered with an error page"),
  ])
  func reportsAMalformedBodyAsAnError(_ endpoint: String, _ body: String, _ message: String) {
    let (records, diagnostics) = PyPIStats.normalize(Self.snapshot(endpoint, body), path: Self.path)
    #expect(records.records.isEmpty)
    #expect(diagnostics == [Diagnostic(.error, message, at: "\(Self.path) (\(endpoint) for demo-pkg)")])
  }

  @Test func acceptsCountsSentAsStrings() {
    let (records, _) = PyPIStats.normalize(
      Self.snapshot("overall", #"{"data":[{"category":"with_mirrors","date":"2026-11-19","downloads":"27234697969"}],"type":"overall_downloads"}"#),
      path: Self.path)
    #expect(records.records.map(\.downloads) == [27_234_697_969])
  }

  @Test func plansFourRequestsPerPackageWithNormalisedNames() throws {
    let names = try [#require(PackageName("Zope.Interface")), #require(PackageName("demo-pkg"))]
    let plan = PyPIStats.plan(packages: names, baseURL: "http://127.0.0.1:8080/api/")
    #expect(plan.map(\.url) == [
      "http://127.0.0.1:8080/api/packages/zope-interface/recent",
      "http://127.0.0.1:8080/api/packages/zope-interface/overall",
      "http://127.0.0.1:8080/api/packages/zope-interface/python_minor",
      "http://127.0.0.1:8080/api/packages/zope-interface/system",
      "http://127.0.0.1:8080/api/packages/demo-pkg/recent",
      "http://127.0.0.1:8080/api/packages/demo-pkg/overall",
      "http://127.0.0.1:8080/api/packages/demo-pkg/python_minor",
      "http://127.0.0.1:8080/api/packages/demo-pkg/system",
    ])
    #expect(PyPIStats.plan(packages: names, baseURL: PyPIStats.defaultBaseURL).first?.url
      == "https://pypistats.org/api/packages/zope-interface/recent")
  }
}
