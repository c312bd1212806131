import Testing

@testable import AlmanacKit

/// Plausible v1 bodies in the shapes of api-notes §4.1 and every error body of §4.2.
@Suite struct PlausibleDecodesV1Answers {
  @Test func aTimeseriesGivesEachDaysFiveMetricsAndZeroBuckets() throws {
    let body = """
      {"results":[{"date":"2026-11-20","visitors":36,"visits":40,"pageviews":91,"visit_duration":86.5,"bounce_rate":53},
      {"date":"2026-11-21","visitors":0,"visits":0,"pageviews":0,"visit_duration":null,"bounce_rate":null}]}
      """
    let days = try Plausible.decodeTimeseries(body)
    #expect(days.count == 2)
    #expect(days[0] == Plausible.Day(date: try #require(Day("2026-11-20")), visitors: 36, visits: 40, pageviews: 91, visitDuration: 86.5, bounceRate: 53))
    #expect(days[1].visitors == 0 && days[1].bounceRate == 0)
  }

  @Test func aWarningBesideTheResultsIsAccepted() throws {
    let body = #"{"results":[{"page":"/docs","visitors":12,"pageviews":20,"time_on_page":31.5}],"warning":"Imported stats are not included"}"#
    let rows = try Plausible.decodeBreakdown(body, key: "page")
    #expect(rows == [Plausible.BreakdownRow(value: "/docs", metrics: ["visitors": 12, "pageviews": 20, "time_on_page": 31.5])])
  }

  @Test func anEmptyBreakdownPageEndsPagination() throws {
    #expect(try Plausible.decodeBreakdown(#"{"results":[]}"#, key: "country").isEmpty)
  }

  struct Bad: CustomTestStringConvertible, Sendable {
    var name: String
    var body: String
    var message: String
    var testDescription: String { name }
  }

  static let bad: [Bad] = [
    Bad(name: "html from a proxy", body: "<html>502</html>", message: "the body is not JSON"),
    Bad(name: "no results", body: #"{"data":[]}"#, message: "expected an object with a `results` list, found an object"),
    Bad(name: "results not a list", body: #"{"results":{"a":1}}"#, message: "expected an object with a `results` list, found an object"),
    Bad(name: "a row that is not an object", body: #"{"results":[1]}"#, message: "results[0]: expected an object, found a number"),
    Bad(name: "a bad date", body: #"{"results":[{"date":"yesterday","visitors":1,"visits":1,"pageviews":1,"visit_duration":1,"bounce_rate":1}]}"#, message: "results[0].date: expected a date YYYY-MM-DD, found a string"),
    Bad(name: "a missing metric", body: #"{"results":[{"date":"2026-11-20","visitors":1,"visits":1,"pageviews":1,"bounce_rate":1}]}"#, message: "results[0].visit_duration: expected a number, found nothing"),
    Bad(name: "a negative count", body: #"{"results":[{"date":"2026-11-20","visitors":-1,"visits":1,"pageviews":1,"visit_duration":1,"bounce_rate":1}]}"#, message: "results[0].visitors: expected a whole count, found -1.0"),
    Bad(name: "an error with status 200", body: #"{"error":"Invalid API key or site ID."}"#, message: "the answer is an error: Invalid API key or site ID."),
  ]

  @Test(arguments: bad) func aBadTimeseriesBodyIsAFailureNotAnEmptyAnswer(_ c: Bad) {
    #expect {
      try Plausible.decodeTimeseries(c.body)
    } throws: { error in
      (error as? Plausible.Failure)?.message.hasPrefix(c.message) == true
    }
  }

  @Test func aBreakdownRowWithoutItsPropertyIsAFailure() {
    #expect(throws: Plausible.Failure.self) { try Plausible.decodeBreakdown(#"{"results":[{"visitors":3}]}"#, key: "page") }
  }

  struct ErrorBody: CustomTestStringConvertible, Sendable {
    var status: Int
    var error: String
    var advice: String
    var testDescription: String { "\(status) \(error.prefix(30))" }
  }

  /// Every v1 error body of api-notes §4.2.
  static let errors: [ErrorBody] = [
    .init(status: 401, error: "Missing API key. Please use a valid Plausible API key as a Bearer Token.", advice: "no API key was sent"),
    .init(status: 401, error: "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.", advice: "the API key is wrong or has no access"),
    .init(status: 400, error: "Missing site ID. Please provide the required site_id parameter with your request.", advice: "Plausible refused the query"),
    .init(status: 429, error: "Too many API requests. Your API key is limited to 600 requests per hour. Please contact us to request more capacity.", advice: "the key's hourly limit (600 requests)"),
    .init(status: 429, error: "Too many API requests. Your API key is limited to 600 requests per hour.", advice: "the key's hourly limit"),
    .init(status: 402, error: "The account that owns this API key does not have access to Stats API. Please make sure you're using the API key of a subscriber account and that the subscription plan includes Stats API", advice: "no Stats API access"),
    .init(status: 402, error: "This Plausible site is locked due to missing active subscription. In order to access it, the site owner should subscribe to a suitable plan", advice: "no Stats API access"),
    .init(status: 400, error: "Error parsing `period` parameter: invalid period `x`. Please find accepted values in our docs: https://plausible.io/docs/stats-api#time-periods", advice: "Plausible refused the query"),
    .init(status: 400, error: "Error parsing `date` parameter: invalid date. Please specify a valid date in ISO-8601 format.", advice: "Plausible refused the query"),
    .init(status: 400, error: "The `date` parameter is required when using a custom period. See https://plausible.io/docs", advice: "Plausible refused the query"),
    .init(status: 400, error: "Error parsing `interval` parameter: invalid interval `x`. Valid intervals are `day`, `month`", advice: "Plausible refused the query"),
    .init(status: 400, error: "The metric `foo` is not recognized. Find valid metrics from the documentation: https://plausible.io/docs/stats-api#metrics", advice: "Plausible refused the query"),
    .init(status: 400, error: "Metric `views_per_visit` is not supported in breakdown queries.", advice: "Plausible refused the query"),
    .init(status: 400, error: "Session metric `bounce_rate` cannot be queried for breakdown by `event:page`.", advice: "Plausible refused the query"),
    .init(status: 400, error: "The `property` parameter is required. Please provide at least one property to show a breakdown by.", advice: "Plausible refused the query"),
    .init(status: 400, error: "Invalid property 'x'.", advice: "Plausible refused the query"),
    .init(status: 400, error: "Invalid filter property 'x'.", advice: "Plausible refused the query"),
    .init(status: 400, error: "Please provide limit as a number between 1 and 1000.", advice: "Plausible refused the query"),
    .init(status: 400, error: "Please provide page as a positive number.", advice: "Plausible refused the query"),
    .init(status: 400, error: "Metrics cannot be queried multiple times.", advice: "Plausible refused the query"),
    .init(status: 400, error: "The goal `Signup` is not configured for this site. Find out how to configure goals here: https://plausible.io/docs", advice: "Plausible refused the query"),
    .init(status: 402, error: "The owner of this site does not have access to the custom properties feature", advice: "no Stats API access"),
  ]

  @Test(arguments: errors) func everyErrorBodyIsExplainedAndQuoted(_ e: ErrorBody) {
    let body = "{\"error\":\"\(e.error)\"}"
    let text = Plausible.explain(status: e.status, body: body)
    #expect(text.contains(e.advice), "\(text)")
    #expect(text.hasSuffix("(Plausible said: \(e.error))"))
    #expect(throws: Plausible.Failure.self) { try Plausible.decodeTimeseries(body) }
  }

  @Test func aProxyPageIsNotMistakenForPlausiblesError() {
    #expect(Plausible.explain(status: 503, body: "<html>deploying</html>").hasPrefix("HTTP 503 without Plausible's error body"))
  }
}

@Suite struct PlausibleMonthsWeighRatesByVisits {
  @Test func bounceRateAndDurationAreWeightedByVisitsNotAveraged() throws {
    let busy = Plausible.Day(date: try #require(Day("2026-11-01")), visitors: 90, visits: 100, pageviews: 300, visitDuration: 120, bounceRate: 40)
    let quiet = Plausible.Day(date: try #require(Day("2026-11-02")), visitors: 1, visits: 1, pageviews: 1, visitDuration: 0, bounceRate: 100)
    let next = Plausible.Day(date: try #require(Day("2026-12-01")), visitors: 5, visits: 0, pageviews: 0, visitDuration: 0, bounceRate: 0)
    let months = Plausible.months([quiet, next, busy])
    #expect(months.map(\.month) == ["2026-11", "2026-12"])
    let nov = months[0]
    #expect(nov.visits == 101 && nov.pageviews == 301 && nov.sumOfDailyVisitors == 91 && nov.days == 2)
    // (40·100 + 100·1) / 101 = 40.594…, not (40 + 100) / 2 = 70.
    #expect(abs(nov.bounceRate - 4100.0 / 101.0) < 1e-9)
    #expect(abs(nov.visitDuration - 12000.0 / 101.0) < 1e-9)
    // A month without visits has no rate to weigh: 0, not NaN.
    #expect(months[1].bounceRate == 0 && months[1].visitDuration == 0)
  }
}

/// Records, series and the report's periods: integers that round-trip, rates weighted by
/// visits, a backfill without invented zeros.
@Suite struct PlausibleRecordsAndPeriods {
  static func raw(_ endpoint: String, _ body: String) -> RawSnapshot {
    RawSnapshot(source: Plausible.source, date: Day("2026-11-21")!, exchanges: [
      RawSnapshot.Exchange(target: "docs.example.org", endpoint: endpoint, url: "https://plausible.io/api/v1/stats/x", status: 200, contentType: "application/json", body: body)
    ])
  }

  @Test func aPeriodsBounceRateAndDurationAreWeightedByVisits() throws {
    // A quiet day (1 visit, 100% bounce, 600 s) and a busy one (99 visits, 0%, 60 s).
    let body = """
      {"results":[{"date":"2026-11-20","visitors":1,"visits":1,"pageviews":1,"visit_duration":600,"bounce_rate":100},
      {"date":"2026-11-21","visitors":90,"visits":99,"pageviews":300,"visit_duration":60,"bounce_rate":0}]}
      """
    let (records, diagnostics) = Plausible.normalize(Self.raw("timeseries", body), path: "t")
    #expect(diagnostics.isEmpty)
    var series: [String: Series] = [:]
    _ = SeriesMerge.apply(records, to: &series, source: Plausible.source, dimensions: Plausible.seriesDimensions, sparse: Plausible.sparseDimensions)
    let site = try #require(series["docs.example.org"])
    let figures = try #require(Plausible.figures(site, asOf: Day("2026-11-21")!))
    #expect(figures.lastWeek.visits == 100)
    #expect(figures.lastWeek.bounceRate == 1.0)  // not 50%, the mean of the two days
    #expect(figures.lastWeek.visitDuration == 65.4)  // (600 + 99 × 60) / 100, not 330
    #expect(records.records.contains { $0.category == "bounce_rate_bp" && $0.downloads == 10_000 })
    #expect(records.records.contains { $0.category == "visit_duration_ms" && $0.downloads == 600_000 })
  }

  @Test func aBackfillLeavesOutTheDaysBeforeTheFirstVisitorButANightKeepsItsZeros() {
    let body = """
      {"results":[{"date":"2026-11-19","visitors":0,"visits":0,"pageviews":0,"visit_duration":null,"bounce_rate":null},
      {"date":"2026-11-20","visitors":4,"visits":4,"pageviews":9,"visit_duration":12,"bounce_rate":50},
      {"date":"2026-11-21","visitors":0,"visits":0,"pageviews":0,"visit_duration":null,"bounce_rate":null}]}
      """
    let backfill = Plausible.normalize(Self.raw("timeseries/backfill", body), path: "t").records
    #expect(Set(backfill.records.map(\.date)) == [Day("2026-11-20")!, Day("2026-11-21")!])
    let nightly = Plausible.normalize(Self.raw("timeseries", body), path: "t").records
    #expect(Set(nightly.records.map(\.date)).count == 3)
  }

  @Test func aPageMissingFromADaysTopListIsNotAZero() {
    let day1 = Self.raw("pages/2026-11-20/1", #"{"results":[{"page":"/a","visitors":3,"pageviews":4,"time_on_page":10}]}"#)
    var day2 = Self.raw("pages/2026-11-22/1", #"{"results":[{"page":"/a","visitors":1,"pageviews":1,"time_on_page":2}]}"#)
    day2.exchanges += Self.raw("pages/2026-11-21/1", #"{"results":[{"page":"/b","visitors":2,"pageviews":2,"time_on_page":1}]}"#).exchanges
    var series: [String: Series] = [:]
    for raw in [day1, day2] {
      _ = SeriesMerge.apply(Plausible.normalize(raw, path: "t").records, to: &series, source: Plausible.source, dimensions: Plausible.seriesDimensions, sparse: Plausible.sparseDimensions)
    }
    let a = series["docs.example.org"]?.values(Plausible.pageVisitorsDimension, "/a") ?? [:]
    #expect(a == [Day("2026-11-20")!: 3, Day("2026-11-22")!: 1])
  }

  @Test func queryValuesAreEncodedAndEndpointsParse() {
    let url = Plausible.breakdownURL(base: "https://stats.example.org/", site: "docs.example.org", kind: .pages, day: Day("2026-11-20")!, limit: 20, page: 2)
    #expect(url == "https://stats.example.org/api/v1/stats/breakdown?site_id=docs.example.org&period=day&date=2026-11-20&property=event%3Apage&metrics=visitors%2Cpageviews%2Ctime_on_page&limit=20&page=2")
    #expect(Plausible.parseEndpoint("countries/2026-11-20/3")?.page == 3)
    #expect(Plausible.parseEndpoint("countries/2026-11-20/0") == nil)
    #expect(Plausible.parseEndpoint("../x/1") == nil)
    #expect(!Plausible.isSiteID("Docs.Example.org"))
    #expect(!Plausible.isSiteID("docs..example.org"))
    #expect(Plausible.isSiteID("docs.example.org"))
  }
}
