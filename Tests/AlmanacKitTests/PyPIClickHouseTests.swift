import Testing

@testable import AlmanacKit

@Suite struct PyPIClickHouseTests {
  let d = { (s: String) in Day(s)! }

  @Test func everyQueryIsFilteredOnTheProjectAndSums() throws {
    let p = try #require(PackageName("Tide_Water"))
    for q in PyPIClickHouse.queries(p, days: d("2026-11-01")...d("2026-11-21")) + [PyPIClickHouse.totalQuery(p)] {
      #expect(q.sql.contains("WHERE project = 'tide-water'"))
      #expect(q.sql.contains("sum(count)"))
      #expect(q.target == "tide-water")
    }
    let perDay = PyPIClickHouse.queries(p, days: d("2026-11-01")...d("2026-11-21"))[0]
    #expect(perDay.sql == "SELECT date, sum(count) AS downloads FROM pypi.pypi_downloads_per_day WHERE project = 'tide-water' AND date >= '2026-11-01' AND date <= '2026-11-21' GROUP BY date ORDER BY date")
    #expect(perDay.purpose == "pypi per_day for tide-water 2026-11-01…2026-11-21")
  }

  @Test func monthChunksCutAtMonthBoundaries() {
    let chunks = PyPIClickHouse.monthChunks(d("2025-12-15")...d("2026-02-03"))
    #expect(chunks == [d("2025-12-15")...d("2025-12-31"), d("2026-01-01")...d("2026-01-31"), d("2026-02-01")...d("2026-02-03")])
    #expect(PyPIClickHouse.monthChunks(d("2026-11-20")...d("2026-11-20")) == [d("2026-11-20")...d("2026-11-20")])
  }

  @Test func theNightAsksForMissingDaysPlusATrailingWindow() {
    let newest = d("2026-11-21")
    // Up to date: only the trailing window.
    #expect(PyPIClickHouse.window(sourceNewest: newest, newestHeld: newest, trailingDays: 3, lookbackDays: nil) == d("2026-11-19")...newest)
    // Four days behind: everything after the newest day held.
    #expect(PyPIClickHouse.window(sourceNewest: newest, newestHeld: d("2026-11-10"), trailingDays: 3, lookbackDays: nil) == d("2026-11-11")...newest)
    // Nothing held: the trailing window; a backfill reaches further.
    #expect(PyPIClickHouse.window(sourceNewest: newest, newestHeld: nil, trailingDays: 3, lookbackDays: nil) == d("2026-11-19")...newest)
    #expect(PyPIClickHouse.window(sourceNewest: newest, newestHeld: newest, trailingDays: 3, lookbackDays: 365) == d("2025-11-22")...newest)
  }

  @Test func freshnessFailsAStaleOrSmallSourceAndPassesAFreshOne() {
    let gate = PyPIFreshness(maxLagDays: 3, minDownloads: 1_000_000)
    let asOf = d("2026-11-22")
    let fresh = gate.check(rows: [["date": "2026-11-21", "downloads": "27056625"]], reference: "requests", asOf: asOf)
    #expect(fresh == .success(.init(newest: d("2026-11-21"), downloads: 27_056_625)))
    guard case .failure(let stale) = gate.check(rows: [["date": "2026-11-10", "downloads": "27056625"]], reference: "requests", asOf: asOf) else {
      Issue.record("a stale source passed"); return
    }
    #expect(stale.message == "the ClickHouse data set is stale: its newest day for `requests` is 2026-11-10, 12 days before 2026-11-22 (allowed: 3); the data set has stalled, so the pypi source is skipped tonight")
    guard case .failure(let small) = gate.check(rows: [["date": "2026-11-21", "downloads": 0]], reference: "requests", asOf: asOf) else {
      Issue.record("a truncated answer passed"); return
    }
    #expect(small.message.contains("only 0 downloads on 2026-11-21"))
    guard case .failure(let none) = gate.check(rows: [], reference: "requests", asOf: asOf) else { Issue.record("no rows passed"); return }
    #expect(none.message.contains("no downloads of the reference project `requests`"))
  }

  @Test func normalizeReadsEveryAnswerIntoRecordsAndDetail() {
    let raw = RawSnapshot(source: "pypi", date: d("2026-11-22"), exchanges: [
      .init(target: "requests", endpoint: "freshness", url: "u", status: 200, contentType: "", body: "{\"date\":\"2026-11-21\",\"downloads\":\"27056625\"}\n"),
      .init(target: "tidewater", endpoint: "per_day", url: "u", status: 200, contentType: "", body: "{\"date\":\"2026-11-20\",\"downloads\":\"8\"}\n{\"date\":\"2026-11-21\",\"downloads\":7}\n"),
      .init(target: "tidewater", endpoint: "python_minor", url: "u", status: 200, contentType: "", body: "{\"date\":\"2026-11-20\",\"python_minor\":\"3.10\",\"downloads\":\"5\"}\n{\"date\":\"2026-11-20\",\"python_minor\":\"\",\"downloads\":\"3\"}\n"),
      .init(target: "tidewater", endpoint: "detail", url: "u", status: 200, contentType: "", body: "{\"date\":\"2026-11-20\",\"v\":\"1.0\",\"i\":\"pip\",\"t\":\"bdist_wheel\",\"c\":\"US\",\"downloads\":\"8\"}\n"),
      .init(target: "tidewater", endpoint: "total", url: "u", status: 200, contentType: "", body: "{\"downloads\":\"1234\"}\n"),
    ])
    let (records, detail, diagnostics) = PyPIClickHouse.normalize(raw, path: "raw.json")
    #expect(diagnostics.isEmpty)
    #expect(records.records.map { "\($0.date) \($0.package) \($0.dimension) \($0.category) \($0.downloads)" } == [
      "2026-11-21 requests freshness reference 27056625",
      "2026-11-20 tidewater overall with_mirrors 8",
      "2026-11-21 tidewater overall with_mirrors 7",
      "2026-11-20 tidewater python_minor 3.10 5",
      "2026-11-20 tidewater python_minor unknown 3",
      "2026-11-22 tidewater total all 1234",
    ])
    #expect(detail.rows == [DetailedDownload(date: d("2026-11-20"), package: "tidewater", version: "1.0", installer: "pip", type: "bdist_wheel", country: "US", downloads: 8)])
    #expect(PyPIClickHouse.sourceNewest(records) == d("2026-11-21"))
  }

  @Test func anErrorInOneAnswerIsADiagnosticAndTheRestIsKept() {
    let raw = RawSnapshot(source: "pypi", date: d("2026-11-22"), exchanges: [
      .init(target: "tidewater", endpoint: "per_day", url: "u", status: 200, contentType: "", body: "{\"date\":\"2026-11-20\",\"downloads\":\"8\"}\nCode: 394. DB::Exception: Query was cancelled. (QUERY_WAS_CANCELLED)\n"),
      .init(target: "tidewater", endpoint: "total", url: "u", status: 200, contentType: "", body: "{\"downloads\":\"1234\"}\n"),
    ])
    let (records, _, diagnostics) = PyPIClickHouse.normalize(raw, path: "raw.json")
    #expect(records.records.count == 1)
    #expect(diagnostics.map(\.description) == ["raw.json: error: ClickHouse query for per_day for tidewater failed (HTTP 200, code 394): Query was cancelled. (QUERY_WAS_CANCELLED)"])
  }
}

@Suite struct EarlierAnswersTests {
  func exchange(_ url: String, _ body: String) -> RawSnapshot.Exchange {
    .init(target: "t", endpoint: "per_day", url: url, status: 200, contentType: "", body: body)
  }

  @Test func aFetchWithFailuresKeepsTheEarlierRunsOtherAnswers() {
    let day = Day("2026-11-22")!
    let old = RawSnapshot(source: "pypi", date: day, exchanges: [exchange("u1", "old1"), exchange("u2", "old2")])
    let new = RawSnapshot(source: "pypi", date: day, exchanges: [exchange("u1", "new1")], failures: [.init(target: "t", endpoint: "per_day", message: "HTTP 500")])
    #expect(new.keepingEarlierAnswers(from: old).exchanges.map(\.body) == ["new1", "old2"])
    #expect(new.keepingEarlierAnswers(from: old).failures.count == 1)
  }

  @Test func aCompleteFetchReplacesTheEarlierOne() {
    let day = Day("2026-11-22")!
    let old = RawSnapshot(source: "pypi", date: day, exchanges: [exchange("u2", "old2")])
    let new = RawSnapshot(source: "pypi", date: day, exchanges: [exchange("u1", "new1")])
    #expect(new.keepingEarlierAnswers(from: old) == new)
    #expect(new.keepingEarlierAnswers(from: nil) == new)
  }
}
