import AlmanacKit
import Foundation

/// Plausible's Stats API v2 (`POST /api/v2/query`, api-notes §4.3) over the same sites and keys
/// as v1: the same auth texts (the shared plug), positional `results[].metrics` in the order of
/// the query's metrics, the query echoed with `date_range` as datetimes, empty time buckets
/// omitted (fault 44) unless `include.time_labels` (then listed in `meta.time_labels`), and
/// `pagination` by limit and offset. Validation answers `400 {"error": …}`; the notes mark
/// v2's validation texts as inferred, so the metric text is v1's.
extension PlausibleFake {
  static let v2Periods: Set<String> = ["day", "24h", "7d", "28d", "30d", "91d", "month", "6mo", "12mo", "year", "all"]

  public func respondV2(to r: FakeRequest) -> FakeResponse {
    guard r.method == "POST" else { return .json(404, #"{"error":"Not found"}"#) }
    guard let auth = r.header("authorization"), auth.hasPrefix("Bearer ") else {
      return Self.error(401, "Missing API key. Please use a valid Plausible API key as a Bearer Token.")
    }
    guard let query = (try? JSONParser.parse(r.bodyText))?.objectValue else {
      return Self.error(400, "Invalid request body: expected a JSON object with site_id, metrics and date_range.")
    }
    guard let site = query["site_id"]?.stringValue, !site.isEmpty else {
      return Self.error(400, "Missing site ID. Please provide the required site_id parameter with your request.")
    }
    guard let allowed = keys[String(auth.dropFirst(7))], allowed.contains(site), let days = sites[site] else {
      return Self.error(401, "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.")
    }
    guard let metricValues = query["metrics"]?.arrayValue, !metricValues.isEmpty else {
      return Self.error(400, "#/metrics: Expected a minimum of 1 items but got 0.")
    }
    let metrics = metricValues.compactMap(\.stringValue)
    if let bad = metrics.first(where: { !Self.metricsAll.contains($0) }) ?? (metrics.count < metricValues.count ? "(not a string)" : nil) {
      return Self.error(400, "The metric `\(bad)` is not recognized. Find valid metrics from the documentation: https://plausible.io/docs/stats-api#metrics")
    }
    guard Set(metrics).count == metrics.count else { return Self.error(400, "Metrics cannot be queried multiple times.") }
    guard let ends = query["date_range"]?.arrayValue?.compactMap({ $0.stringValue.flatMap(Day.init) }), ends.count == 2, ends[0] <= ends[1] else {
      if let named = query["date_range"]?.stringValue, Self.v2Periods.contains(named) { return Self.error(400, "this fake answers only a date_range of two dates") }
      return Self.error(400, "#/date_range: Invalid date range \(query["date_range"].map { CanonicalJSON.encodeCompact($0) } ?? "(missing)")")
    }
    let range = ends[0]...ends[1]
    let dimensions = query["dimensions"]?.arrayValue?.compactMap(\.stringValue) ?? []
    let limit = query["pagination"]?["limit"]?.int64Value ?? 10_000
    let offset = query["pagination"]?["offset"]?.int64Value ?? 0
    guard (1...10_000).contains(limit), offset >= 0 else { return Self.error(400, "#/pagination: limit must be 1 to 10000 and offset 0 or more") }
    var echo = query
    echo["date_range"] = .array([.string("\(ends[0])T00:00:00+00:00"), .string("\(ends[1])T23:59:59+00:00")])
    echo["include"] = query["include"] ?? .object([:])
    var meta: [String: JSONValue] = [:]
    let rows: [(String, [JSONValue])]
    switch dimensions {
    case ["time:day"]:
      if query["include"]?["time_labels"] == .bool(true) { meta["time_labels"] = .array(range.days.map { .string($0.description) }) }
      rows = range.days.compactMap { d in
        guard let v = days[d], v.visitors > 0 || v.pageviews > 0 else { return nil }
        return (d.description, metrics.map { m in
          switch m {
          case "visitors": .int(Int64(v.visitors))
          case "visits": .int(Int64(v.visits))
          case "pageviews": .int(Int64(v.pageviews))
          case "visit_duration": v.visits > 0 ? .double(v.visitDuration) : .null
          case "bounce_rate": v.visits > 0 ? .double(v.bounceRate) : .null
          default: .int(0)
          }
        })
      }
    case ["event:page"], ["visit:country"]:
      if dimensions == ["event:page"], metrics.contains("bounce_rate") {
        return Self.error(400, "Session metric `bounce_rate` cannot be queried for breakdown by `event:page`.")
      }
      let sorted = Self.totals(dimensions[0], range, days) ?? []
      rows = sorted.dropFirst(Int(offset)).prefix(Int(limit)).map { name, t in
        (name, metrics.map { m in
          switch m {
          case "visitors": .int(Int64(t.visitors))
          case "pageviews": .int(Int64(t.pageviews))
          case "time_on_page": .double(t.time)
          default: .int(0)
          }
        })
      }
    default:
      return Self.error(400, "#/dimensions: Invalid dimensions \(CanonicalJSON.encodeCompact(.array(dimensions.map { .string($0) }))) (this fake answers time:day, event:page and visit:country)")
    }
    let results: [JSONValue] = rows.map { .object(["dimensions": .array([.string($0.0)]), "metrics": .array($0.1)]) }
    return .json(CanonicalJSON.encode(.object(["results": .array(results), "meta": .object(meta), "query": .object(echo)])))
  }
}
