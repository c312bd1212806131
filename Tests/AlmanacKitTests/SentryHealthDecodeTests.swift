import Testing

@testable import AlmanacKit

/// The issue-metrics and sessions decoders: the documented shapes read, every other shape a
/// failure naming what was wrong (never an empty success), and the rate's two units.
@Suite struct SentryHealthDecoding {
  static let issues = #"""
    {"timeseries":[
      {"axis":"new_issues_count","groupBy":[],"meta":{"interval":86400000.0,"isOther":false,"order":0,"valueType":"integer","valueUnit":null},
       "values":[{"timestamp":1794960000,"value":3},{"timestamp":1795046400.0,"value":0}]},
      {"axis":"resolved_issues_count","groupBy":[],"meta":{},"values":[{"timestamp":1794960000,"value":1},{"timestamp":1795046400,"value":2}]},
      {"axis":"new_issues_count_by_release","groupBy":["1.0.0"],"meta":{},"values":[{"timestamp":1794960000,"value":3}]}],
     "meta":{"dataset":"issues","end":1795305599.0,"start":1794960000.0}}
    """#

  @Test func issueMetricsGiveNewAndResolvedPerDayAndIgnoreTheReleaseAxis() throws {
    let days = try Sentry.decodeIssueMetrics(Self.issues)
    #expect(days.keys.sorted() == [Day("2026-11-18")!, Day("2026-11-19")!])
    #expect(days[Day("2026-11-18")!]?.new == 3 && days[Day("2026-11-18")!]?.resolved == 1)
    #expect(days[Day("2026-11-19")!]?.new == 0 && days[Day("2026-11-19")!]?.resolved == 2)
  }

  @Test(arguments: [
    (#"{"detail":"You do not have permission to perform this action."}"#, "the answer is an error"),
    (#"{"data":[]}"#, "`timeseries` list"),
    (#"{"timeseries":[{"axis":"new_issues_count","groupBy":[],"values":[]}]}"#, "resolved_issues_count"),
    (#"{"timeseries":[{"axis":"new_issues_count","groupBy":[],"values":[{"timestamp":1795136400,"value":1}]},{"axis":"resolved_issues_count","groupBy":[],"values":[]}]}"#, "day boundary"),
    (#"{"timeseries":[{"axis":"new_issues_count","groupBy":[],"values":[{"timestamp":1794960000,"value":-1}]},{"axis":"resolved_issues_count","groupBy":[],"values":[]}]}"#, "expected a count"),
    (#"{"timeseries":[{"axis":"new_issues_count","groupBy":[],"values":[{"timestamp":1e300,"value":1}]},{"axis":"resolved_issues_count","groupBy":[],"values":[]}]}"#, "day boundary"),
    ("<html>502</html>", "not JSON"),
  ])
  func aBadIssueMetricsAnswerIsAFailure(_ body: String, _ named: String) {
    #expect { try Sentry.decodeIssueMetrics(body) } throws: { ($0 as? Sentry.Failure)?.message.contains(named) == true }
  }

  @Test func sessionsSumTheirGroupsPerDay() throws {
    let body = #"{"start":"2026-11-18T00:00:00Z","end":"2026-11-20T00:00:00Z","query":"","intervals":["2026-11-18T00:00:00Z","2026-11-19T00:00:00Z"],"groups":[{"by":{},"totals":{"sum(session)":30},"series":{"sum(session)":[10,20]}}]}"#
    #expect(try Sentry.decodeSessions(body) == [Day("2026-11-18")!: 10, Day("2026-11-19")!: 20])
    #expect(throws: Sentry.Failure.self) { try Sentry.decodeSessions(#"{"intervals":["2026-11-18T00:00:00Z"],"groups":[{"by":{},"totals":{}}]}"#) }
  }

  @Test func normalizeKeepsIssuesAndSessionsBesideErrorEventsAndTrimsABackfill() throws {
    let sessions = #"{"intervals":["2026-11-18T00:00:00Z","2026-11-19T00:00:00Z"],"groups":[{"by":{},"series":{"sum(session)":[0,20]}}]}"#
    let raw = RawSnapshot(source: Sentry.source, date: Day("2026-11-19")!, exchanges: [
      RawSnapshot.Exchange(target: "web", endpoint: Sentry.issuesEndpoint, url: "u", status: 200, contentType: "application/json", body: Self.issues),
      RawSnapshot.Exchange(target: "web", endpoint: Sentry.backfillSessionsEndpoint, url: "u", status: 200, contentType: "application/json", body: sessions),
    ])
    let (records, diagnostics) = Sentry.normalize(raw, path: "raw")
    #expect(diagnostics.isEmpty)
    let rows = records.records.map { "\($0.date),\($0.dimension),\($0.category),\($0.downloads)" }.sorted()
    #expect(rows == ["2026-11-18,issues,new,3", "2026-11-18,issues,resolved,1", "2026-11-19,issues,new,0", "2026-11-19,issues,resolved,2", "2026-11-19,sessions,all,20"])
  }

  @Test func theRateIsPerThousandSessionsOnlyWhenSessionsAreHeld() {
    var p = Sentry.ProjectFigures(project: "web", newestDay: Day("2026-11-20")!, lastWeek: 70, lastMonth: 300, previousWeek: nil, filtered: 0, rateLimited: 0, otherDropped: 0, daily: [:])
    #expect(p.rate.unit == "errors per day" && p.rate.value == 10)
    p.sessions = 40_000
    p.errorsWithSessions = 250
    #expect(p.rate.unit == "errors per 1,000 sessions" && p.rate.value == 6.25)
  }
}
