import AlmanacKit
import Foundation

/// `issues-metrics` (getsentry/sentry `OrganizationIssueMetricsEndpoint`: `interval` in
/// milliseconds, `timeseries[]` per axis with `{timestamp, value}` filled with zeros from start
/// to end inclusive, plus a by-release axis the source does not read) and `sessions` (the
/// `intervals`/`groups` shape of stats_v2 with `field=sum(session)`), for `SentryFake`.
extension SentryFake {
  func project(_ r: FakeRequest) -> (slug: String, start: Day, end: Day)? {
    guard let id = r.query("project"), let slug = projects.first(where: { $0.value.id == id })?.key,
      let start = r.query("start").flatMap({ Day(String($0.prefix(10))) }), let end = r.query("end").flatMap({ Day(String($0.prefix(10))) }), start <= end
    else { return nil }
    return (slug, start, end)
  }

  func issueMetrics(_ r: FakeRequest) -> FakeResponse {
    let category = r.query("category") ?? "issue"
    guard category == "issue" || category == "feedback" else { return Self.detail(400, "Invalid issue category. Valid options are 'issue' and 'feedback'.") }
    guard let ms = Int(r.query("interval") ?? "3600000") else { return Self.detail(400, "Could not parse interval value.") }
    guard ms >= 1000 else { return Self.detail(400, "Interval must be greater than 1000 milliseconds.") }
    guard ms == 86_400_000 else { return Self.detail(400, "this fake answers only interval=86400000 (one day)") }
    guard let (slug, start, end) = project(r) else { return Self.detail(400, "start, end and a known project are required") }
    guard end - start <= 200 else { return Self.detail(400, "The specified granularity is too precise. Increase your interval.") }
    let days = (start...end).days
    let data = issues[slug] ?? [:]
    func series(_ axis: String, _ group: [String], _ value: (Day) -> Int) -> JSONValue {
      .object([
        "axis": .string(axis), "groupBy": .array(group.map { .string($0) }),
        "meta": .object(["interval": .double(86_400_000), "isOther": .bool(false), "order": .int(0), "valueType": .string("integer"), "valueUnit": .null]),
        "values": .array(days.map { .object(["timestamp": .int(Int64($0.ordinal) * 86_400), "value": .int(Int64(value($0)))]) }),
      ])
    }
    let body = JSONValue.object([
      "timeseries": .array([
        series("new_issues_count", [], { data[$0]?.new ?? 0 }),
        series("resolved_issues_count", [], { data[$0]?.resolved ?? 0 }),
        series("new_issues_count_by_release", ["1.0.0"], { data[$0]?.new ?? 0 }),
      ]),
      "meta": .object(["dataset": .string("issues"), "start": .double(Double(start.ordinal) * 86_400), "end": .double(Double(end.ordinal) * 86_400 + 86_399)]),
    ])
    return .json(200, CanonicalJSON.encode(body), headers: Self.rateHeaders)
  }

  func sessionStats(_ r: FakeRequest) -> FakeResponse {
    guard r.query("field") == "sum(session)" else { return Self.detail(400, "Invalid field: \"\(r.query("field") ?? "")\"") }
    guard r.query("interval") == "1d" else { return Self.detail(400, "this fake answers only interval=1d") }
    guard let (slug, start, end) = project(r), start < end else { return Self.detail(400, "start, end and a known project are required") }
    let days = (start...end.adding(days: -1)).days
    let values = days.map { Int64(sessions[slug]?[$0] ?? 0) }
    let body = JSONValue.object([
      "start": .string("\(start)T00:00:00Z"), "end": .string("\(end)T00:00:00Z"), "query": .string(""),
      "intervals": .array(days.map { .string("\($0)T00:00:00Z") }),
      "groups": .array([.object(["by": .object([:]), "totals": .object(["sum(session)": .int(values.reduce(0, +))]), "series": .object(["sum(session)": .array(values.map { .int($0) })])])]),
    ])
    return .json(200, CanonicalJSON.encode(body), headers: Self.rateHeaders)
  }
}
