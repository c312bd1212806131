import AlmanacKit

// Any bytes as a Sentry answer or Link header: the decoders (stats, issue metrics, sessions), the cursor reader, the error
// explainer and the normalizer must return or throw, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  _ = try? Sentry.decodeProjects(text)
  _ = try? Sentry.decodeStats(text)
  _ = try? Sentry.decodeIssueMetrics(text)
  _ = try? Sentry.decodeSessions(text)
  _ = Sentry.detail(text)
  _ = Sentry.nextCursor(text)
  _ = Sentry.explain(status: 403, body: text)
  guard let day = Day("2026-11-20") else { return 0 }
  let endpoints = [
    Sentry.statsEndpoint, Sentry.backfillStatsEndpoint, Sentry.issuesEndpoint, Sentry.backfillIssuesEndpoint,
    Sentry.sessionsEndpoint, Sentry.backfillSessionsEndpoint, text,
  ]
  let exchanges = endpoints.map {
    RawSnapshot.Exchange(target: "web", endpoint: $0, url: "https://sentry.io/api/0/x", status: 200, contentType: "application/json", body: text)
  }
  _ = Sentry.normalize(RawSnapshot(source: Sentry.source, date: day, exchanges: exchanges), path: "fuzz")
  return 0
}
