import AlmanacKit

// Any bytes as a Plausible answer: the v1 and v2 decoders, the normalizer (as a timeseries, a backfill
// and a breakdown answer), the endpoint parser and the error explainer must return or throw,
// never trap (a count beyond Int64, NaN-like numbers, deep nesting, odd endpoint names).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  if let days = try? Plausible.decodeTimeseries(text) { _ = Plausible.months(days) }
  _ = try? Plausible.decodeBreakdown(text, key: "page")
  // v2: positional metrics named by the `query` echo, days filled from its date range.
  if let days = try? Plausible.decodeTimeseries(text, api: .v2) { _ = Plausible.months(days) }
  for kind in Plausible.Breakdown.allCases { _ = try? Plausible.decodeBreakdown(text, kind: kind, api: .v2) }
  _ = Plausible.api(ofURL: text)
  _ = Plausible.explain(status: 400, body: text)
  _ = Plausible.parseEndpoint(text)
  guard let day = Day("2026-11-20") else { return 0 }
  let endpoints = [Plausible.timeseriesEndpoint, Plausible.backfillTimeseriesEndpoint, "pages/2026-11-20/1", "countries/2026-11-20/2", text]
  let exchanges = ["https://plausible.io/api/v1/stats", "https://plausible.io/api/v2/query"].flatMap { url in
    endpoints.map { RawSnapshot.Exchange(target: "docs.example.org", endpoint: $0, url: url, status: 200, contentType: "application/json", body: text) }
  }
  _ = Plausible.normalize(RawSnapshot(source: Plausible.source, date: day, exchanges: exchanges), path: "fuzz")
  return 0
}
