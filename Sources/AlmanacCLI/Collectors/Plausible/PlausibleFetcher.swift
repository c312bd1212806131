import AlmanacKit
import Foundation

/// The fetch stage for Plausible's Stats API (v1 GETs, or v2 POSTs to `/api/v2/query` with
/// `api: v2`; the same questions either way): per site one timeseries over the night's days,
/// then for each day with visitors its top pages and its countries (paged until a short page).
///
/// Every 200 body is decoded before it is kept: a body that is not Plausible's answer (HTML from
/// a proxy, `{"error": …}`, truncated JSON) is a failure, never an empty success. Plausible sends
/// no rate headers, so a token bucket spaces the requests to the key's hourly budget; a 429 waits
/// for the next clock hour when that is within `http.max_retry_wait`, else the site's remaining
/// requests are not made and the night is partial.
public struct PlausibleFetcher: Sendable {
  public var client: HTTPClient
  public var source: Config.PlausibleSource
  public var key: String?
  public var progress: @Sendable (String) -> Void

  public init(client: HTTPClient, source: Config.PlausibleSource, key: String?, progress: @escaping @Sendable (String) -> Void = { _ in }) {
    var client = client
    // Plausible's hourly window: a 429 carries no Retry-After, so wait for the next clock hour
    // (the client refuses the wait when it is longer than http.max_retry_wait).
    client.retryRule = { response, now in
      guard response.status == 429 else { return nil }
      let s = now.timeIntervalSince1970
      return (s / 3600).rounded(.down) * 3600 + 3600 - s + 1
    }
    self.client = client
    self.source = source
    self.key = key
    self.progress = progress
  }

  /// Spaces requests to `perHour`, starting with a full hour's budget.
  struct TokenBucket {
    var capacity: Double
    var tokens: Double
    var perSecond: Double
    var last: Date

    init(perHour: Int, now: Date) {
      capacity = Double(perHour)
      tokens = capacity
      perSecond = Double(perHour) / 3600
      last = now
    }

    /// Seconds to wait before the next request may go (0: now); takes its token.
    mutating func take(now: Date) -> Double {
      tokens = min(capacity, tokens + max(0, now.timeIntervalSince(last)) * perSecond)
      last = now
      tokens -= 1
      return tokens >= 0 ? 0 : -tokens / perSecond
    }
  }

  public struct Plan: Sendable {
    public var site: String
    public var from: Day
    public var through: Day
    public var backfill: Bool
  }

  public func fetch(_ plans: [Plan], date: Day) async -> RawSnapshot {
    var snapshot = RawSnapshot(source: Plausible.source, date: date)
    var bucket = TokenBucket(perHour: source.requestsPerHour, now: client.now())
    let credential = key.map { HTTPCredential.bearer($0, for: source.baseURL, name: "the API key in \(source.keyEnv)") }
    var count = 0
    var stopAll: String?

    /// One request; a failure message, or the body when it decoded.
    func ask(_ request: Plausible.Request, target: String, endpoint: String, check: (String) throws(Plausible.Failure) -> Void) async -> (ok: Bool, body: String?, stop: Bool) {
      if let stopAll {
        snapshot.failures.append(RawSnapshot.Failure(target: target, endpoint: endpoint, message: "not asked: \(stopAll)"))
        return (false, nil, true)
      }
      let wait = bucket.take(now: client.now())
      if wait > 0 {
        if let deadline = client.deadline, client.now().addingTimeInterval(wait) >= deadline {
          stopAll = "the key's budget of \(source.requestsPerHour) requests an hour would pass the source's time budget (http.deadline); a later night goes on"
          snapshot.failures.append(RawSnapshot.Failure(target: target, endpoint: endpoint, message: "not asked: \(stopAll!)"))
          return (false, nil, true)
        }
        progress("plausible: waiting \(Int(wait.rounded(.up))) s for the key's hourly budget (\(source.requestsPerHour) requests an hour)")
        try? await client.sleep(wait)
      }
      count += 1
      progress("[\(count)] plausible \(endpoint) for \(target)")
      let shown = client.redactor.redact(request.url)
      guard let credential else {
        snapshot.failures.append(RawSnapshot.Failure(target: target, endpoint: endpoint, message: "no API key: set the variable \(source.keyEnv) (sources.plausible.key_env) to a Stats API key"))
        return (false, nil, true)
      }
      let response: HTTPResponse
      do {
        let headers = HTTPHeaders(request.body == nil ? [] : [("Content-Type", "application/json")])
        response = try await client.send(HTTPRequest(
          method: request.body == nil ? "GET" : "POST", url: request.url, headers: headers, body: request.body.map { Data($0.utf8) },
          purpose: "plausible \(endpoint) for \(target)", credential: credential))
      } catch {
        let limited = error.kind == .rateLimited
        if limited { stopAll = "Plausible's hourly limit for the key was reached (\(error.detail))" }
        snapshot.failures.append(RawSnapshot.Failure(target: target, endpoint: endpoint, message: error.description))
        return (false, nil, limited)
      }
      guard response.status == 200 else {
        let why = Plausible.explain(status: response.status, body: response.text)
        snapshot.failures.append(RawSnapshot.Failure(target: target, endpoint: endpoint, message: "HTTP \(response.status) from \(shown): \(client.redactor.redact(why))"))
        if response.status == 402 { stopAll = "the account has no Stats API access (HTTP 402)" }
        // A wrong key or site, or a plan without access, fails every further request alike.
        return (false, nil, [401, 402, 400].contains(response.status))
      }
      do { try check(response.text) } catch {
        snapshot.failures.append(RawSnapshot.Failure(
          target: target, endpoint: endpoint,
          message: "HTTP 200 from \(shown) with a body that is not Plausible's answer (\(client.redactor.redact(error.message))); the earlier answer, if any, is kept"))
        return (false, nil, false)
      }
      snapshot.exchanges.append(RawSnapshot.Exchange(
        target: target, endpoint: endpoint, url: shown, status: 200, contentType: response.headers["content-type"] ?? "", body: client.redactor.redact(response.text)))
      return (true, response.text, false)
    }

    let api = source.api
    for plan in plans {
      let endpoint = plan.backfill ? Plausible.backfillTimeseriesEndpoint : Plausible.timeseriesEndpoint
      var days: [Plausible.Day] = []
      let series = await ask(
        Plausible.timeseriesRequest(api, base: source.baseURL, site: plan.site, from: plan.from, through: plan.through), target: plan.site, endpoint: endpoint
      ) { body throws(Plausible.Failure) in days = try Plausible.decodeTimeseries(body, api: api) }
      guard series.ok else { continue }
      var stop = false
      for day in days where day.visitors > 0 && (plan.from...plan.through).contains(day.date) && !stop {
        let pages = await ask(
          Plausible.breakdownRequest(api, base: source.baseURL, site: plan.site, kind: .pages, day: day.date, limit: source.topPages, page: 1),
          target: plan.site, endpoint: Plausible.breakdownEndpoint(.pages, day: day.date, page: 1)
        ) { body throws(Plausible.Failure) in _ = try Plausible.decodeBreakdown(body, kind: .pages, api: api) }
        if pages.stop { stop = true; break }
        for page in 1...50 {
          var rows = 0
          let countries = await ask(
            Plausible.breakdownRequest(api, base: source.baseURL, site: plan.site, kind: .countries, day: day.date, limit: Plausible.countryPageLimit, page: page),
            target: plan.site, endpoint: Plausible.breakdownEndpoint(.countries, day: day.date, page: page)
          ) { body throws(Plausible.Failure) in rows = try Plausible.decodeBreakdown(body, kind: .countries, api: api).count }
          if countries.stop { stop = true }
          if !countries.ok || rows < Plausible.countryPageLimit { break }
        }
      }
    }
    return snapshot
  }

  /// A same-day re-run that failed somewhere keeps the earlier run's answers for every
  /// (site, endpoint) it did not get this time; its own answers come first (they win).
  public static func merge(new: RawSnapshot, old: RawSnapshot?) -> RawSnapshot {
    guard let old, !new.failures.isEmpty, old.source == new.source, old.date == new.date else { return new }
    var merged = new
    let got = Set(new.exchanges.map { [$0.target, $0.endpoint] })
    merged.exchanges += old.exchanges.filter { !got.contains([$0.target, $0.endpoint]) }
    return merged
  }
}
