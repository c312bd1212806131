import AlmanacKit
import Foundation

/// One day of a fake Plausible site.
public struct PlausibleFakeDay: Sendable, Equatable {
  public var visitors: Int
  public var visits: Int
  public var pageviews: Int
  /// Seconds per visit and percent of visits, as v1 sends them (whole numbers as floats).
  public var visitDuration: Double
  public var bounceRate: Double
  /// Path → (visitors, pageviews, time on page in seconds).
  public var pages: [String: (visitors: Int, pageviews: Int, timeOnPage: Double)]
  /// ISO alpha-2 → visitors.
  public var countries: [String: Int]

  public init(
    visitors: Int, visits: Int, pageviews: Int, visitDuration: Double, bounceRate: Double,
    pages: [String: (visitors: Int, pageviews: Int, timeOnPage: Double)] = [:], countries: [String: Int] = [:]
  ) {
    self.visitors = visitors
    self.visits = visits
    self.pageviews = pageviews
    self.visitDuration = visitDuration
    self.bounceRate = bounceRate
    self.pages = pages
    self.countries = countries
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.visitors == b.visitors && a.visits == b.visits && a.pageviews == b.pageviews && a.countries == b.countries && a.pages.keys.sorted() == b.pages.keys.sorted()
  }
}

/// Plausible's Stats API v1 as a pure function of the request, from api-notes.md §4.1–4.2:
/// bearer keys checked (401 with the two documented texts), `site_id` required (400), the
/// `period`/`date`/`interval`/`metrics`/`limit`/`page` rules with their 400 texts, a day with
/// no data answered as zeros (and `null` duration and bounce rate), breakdowns sorted by
/// visitors and paged until a short page, and an optional hourly budget answering 429 with
/// no rate headers. A key may see only its sites.
///
/// `POST /api/v2/query` is answered too (`PlausibleFake+V2.swift`).
public struct PlausibleFake: Sendable {
  /// Site → day → figures.
  public var sites: [String: [Day: PlausibleFakeDay]]
  /// Key → the sites it may read.
  public var keys: [String: Set<String>]
  /// Adds `"warning"` beside `results` (imported stats skipped, fault 42).
  public var warning = false

  public init(sites: [String: [Day: PlausibleFakeDay]], keys: [String: Set<String>]) {
    self.sites = sites
    self.keys = keys
  }

  static let metricsAll: Set<String> = ["visitors", "visits", "pageviews", "events", "views_per_visit", "bounce_rate", "visit_duration", "conversion_rate", "time_on_page"]

  static func error(_ status: Int, _ text: String) -> FakeResponse {
    .json(status, CanonicalJSON.encode(.object(["error": .string(text)])))
  }

  public func respond(to r: FakeRequest) -> FakeResponse {
    if r.path == "/api/v2/query" { return respondV2(to: r) }
    guard let auth = r.header("authorization"), auth.hasPrefix("Bearer ") else {
      return Self.error(401, "Missing API key. Please use a valid Plausible API key as a Bearer Token.")
    }
    guard let site = r.query("site_id"), !site.isEmpty else {
      return Self.error(400, "Missing site ID. Please provide the required site_id parameter with your request.")
    }
    guard let allowed = keys[String(auth.dropFirst(7))], allowed.contains(site), let days = sites[site] else {
      return Self.error(401, "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.")
    }
    let period = r.query("period") ?? "30d"
    guard ["day", "7d", "30d", "month", "6mo", "12mo", "custom"].contains(period) else {
      return Self.error(400, "Error parsing `period` parameter: invalid period `\(period)`. Please find accepted values in our docs: https://plausible.io/docs/stats-api#time-periods")
    }
    let range: ClosedRange<Day>
    if period == "custom" {
      let parts = (r.query("date") ?? "").split(separator: ",").compactMap { Day(String($0)) }
      guard parts.count == 2, parts[0] <= parts[1] else {
        return Self.error(400, "The `date` parameter is required when using a custom period. See https://plausible.io/docs/stats-api#time-periods")
      }
      range = parts[0]...parts[1]
    } else if period == "day" {
      guard let d = Day(r.query("date") ?? "") else {
        return Self.error(400, "Error parsing `date` parameter: invalid date. Please specify a valid date in ISO-8601 format.")
      }
      range = d...d
    } else {
      return Self.error(400, "this fake answers only period=custom and period=day")
    }
    let metrics = (r.query("metrics") ?? "visitors").split(separator: ",").map(String.init)
    if let bad = metrics.first(where: { !Self.metricsAll.contains($0) }) {
      return Self.error(400, "The metric `\(bad)` is not recognized. Find valid metrics from the documentation: https://plausible.io/docs/stats-api#metrics")
    }
    guard Set(metrics).count == metrics.count else { return Self.error(400, "Metrics cannot be queried multiple times.") }
    switch r.path {
    case "/api/v1/stats/timeseries":
      let interval = r.query("interval") ?? "day"
      guard interval == "day" || interval == "date" else {
        return Self.error(400, "Error parsing `interval` parameter: invalid interval `\(interval)`. Valid intervals are `day`, `month`")
      }
      let rows: [JSONValue] = range.days.map { d in
        let v = days[d]
        var row: [String: JSONValue] = ["date": .string(d.description)]
        for m in metrics {
          switch m {
          case "visitors": row[m] = .int(Int64(v?.visitors ?? 0))
          case "visits": row[m] = .int(Int64(v?.visits ?? 0))
          case "pageviews": row[m] = .int(Int64(v?.pageviews ?? 0))
          case "visit_duration": row[m] = (v?.visits ?? 0) > 0 ? .double(v!.visitDuration) : .null
          case "bounce_rate": row[m] = (v?.visits ?? 0) > 0 ? .double(v!.bounceRate) : .null
          default: row[m] = .int(0)
          }
        }
        return .object(row)
      }
      return answer(rows)
    case "/api/v1/stats/breakdown":
      guard let property = r.query("property") else {
        return Self.error(400, "The `property` parameter is required. Please provide at least one property to show a breakdown by.")
      }
      let limit = Int(r.query("limit") ?? "100") ?? 0
      guard (1...1000).contains(limit) else { return Self.error(400, "Please provide limit as a number between 1 and 1000.") }
      let page = Int(r.query("page") ?? "1") ?? 0
      guard page >= 1 else { return Self.error(400, "Please provide page as a positive number.") }
      if property == "event:page", metrics.contains("bounce_rate") {
        return Self.error(400, "Session metric `bounce_rate` cannot be queried for breakdown by `event:page`.")
      }
      guard let sorted = Self.totals(property, range, days) else {
        return Self.error(400, "Invalid property '\(property)'. Please provide a valid property for the breakdown endpoint: https://plausible.io/docs/stats-api#properties")
      }
      let key = property == "event:page" ? "page" : "country"
      let slice = sorted.dropFirst((page - 1) * limit).prefix(limit)
      let rows: [JSONValue] = slice.map { name, t in
        var row: [String: JSONValue] = [key: .string(name)]
        for m in metrics {
          switch m {
          case "visitors": row[m] = .int(Int64(t.visitors))
          case "pageviews": row[m] = .int(Int64(t.pageviews))
          case "time_on_page": row[m] = .double(t.time)
          default: row[m] = .int(0)
          }
        }
        return .object(row)
      }
      return answer(rows)
    default:
      return .json(404, #"{"error":"Not found"}"#)
    }
  }

  /// A breakdown's rows over `range`, most visitors first (ties by name); nil for a property
  /// this fake does not know. Time on page is the newest day's.
  static func totals(_ property: String, _ range: ClosedRange<Day>, _ days: [Day: PlausibleFakeDay])
    -> [(key: String, value: (visitors: Int, pageviews: Int, time: Double))]?
  {
    var totals: [String: (visitors: Int, pageviews: Int, time: Double)] = [:]
    switch property {
    case "event:page":
      for d in range.days {
        for (path, p) in days[d]?.pages ?? [:] {
          totals[path, default: (0, 0, 0)].visitors += p.visitors
          totals[path, default: (0, 0, 0)].pageviews += p.pageviews
          totals[path, default: (0, 0, 0)].time = p.timeOnPage
        }
      }
    case "visit:country":
      for d in range.days { for (c, n) in days[d]?.countries ?? [:] { totals[c, default: (0, 0, 0)].visitors += n } }
    default:
      return nil
    }
    return totals.sorted { ($1.value.visitors, $0.key) < ($0.value.visitors, $1.key) }
  }

  func answer(_ rows: [JSONValue]) -> FakeResponse {
    var body: [String: JSONValue] = ["results": .array(rows)]
    if warning { body["warning"] = .string("Imported stats are not included in the results because query parameters are not supported. For more information, see: https://plausible.io/docs/stats-api#filtering-imported-stats") }
    return .json(CanonicalJSON.encode(.object(body)))
  }
}
