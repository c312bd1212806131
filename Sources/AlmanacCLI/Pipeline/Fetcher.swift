import AlmanacKit
import Foundation

/// The fetch stage for pypistats.org: asks each planned URL once (the client retries), spaced
/// by the source's request interval, and keeps every answer verbatim. A 404 is an answer
/// (pypistats' "no such package"); what could not be fetched, or came back as a 200 whose body
/// the decoder refuses, is listed under `failures`.
public struct PyPIStatsFetcher: Sendable {
  public var client: HTTPClient
  public var baseURL: String
  public var interval: Double
  public var progress: @Sendable (String) -> Void

  public init(client: HTTPClient, baseURL: String, interval: Double, progress: @escaping @Sendable (String) -> Void = { _ in }) {
    self.client = client
    self.baseURL = baseURL
    self.interval = interval
    self.progress = progress
  }

  public func fetch(packages: [PackageName], date: Day) async -> RawSnapshot {
    var snapshot = RawSnapshot(source: PyPIStats.source, date: date)
    let plan = PyPIStats.plan(packages: packages, baseURL: baseURL)
    for (i, planned) in plan.enumerated() {
      if i > 0, interval > 0 { try? await client.sleep(interval) }
      progress("[\(i + 1)/\(plan.count)] pypistats \(planned.endpoint.name) for \(planned.package)")
      let request = HTTPRequest(url: planned.url, purpose: "pypistats \(planned.endpoint.name) for \(planned.package)")
      do {
        let response = try await client.send(request)
        if response.status == 200 {
          // A 200 that is not the endpoint's answer (an error page, `{"error": …}`, a cut body)
          // is a failure: it must not replace an earlier good answer of the same day.
          do {
            try PyPIStats.check(response.text, endpoint: planned.endpoint, package: planned.package.normalized, snapshot: date)
          } catch {
            snapshot.failures.append(RawSnapshot.Failure(
              target: planned.package.normalized, endpoint: planned.endpoint.name,
              message: "HTTP 200 from \(client.redactor.redact(planned.url)) with a body that is not pypistats.org's answer (\(client.redactor.redact(error.message))); the earlier answer, if any, is kept"))
            continue
          }
        }
        if response.status == 200 || (response.status == 404 && planned.endpoint.notFoundMeansNoData) {
          snapshot.exchanges.append(RawSnapshot.Exchange(
            target: planned.package.normalized, endpoint: planned.endpoint.name, url: client.redactor.redact(planned.url),
            status: response.status, contentType: response.headers["content-type"] ?? "", body: client.redactor.redact(response.text)))
        } else {
          snapshot.failures.append(RawSnapshot.Failure(
            target: planned.package.normalized, endpoint: planned.endpoint.name,
            message: "HTTP \(response.status) from \(client.redactor.redact(planned.url))"))
        }
      } catch {
        snapshot.failures.append(RawSnapshot.Failure(target: planned.package.normalized, endpoint: planned.endpoint.name, message: error.description))
      }
    }
    return snapshot
  }

  /// Keeps what an earlier fetch of the same day got for endpoints that failed this time, so
  /// a second run that hits a rate limit never loses the first run's answers.
  public static func merge(new: RawSnapshot, old: RawSnapshot?) -> RawSnapshot {
    guard let old, !new.failures.isEmpty else { return new }
    var merged = new
    let failed = Set(new.failures.map { [$0.target, $0.endpoint] })
    for exchange in old.exchanges where failed.contains([exchange.target, exchange.endpoint]) {
      merged.exchanges.append(exchange)
      merged.failures.removeAll { $0.target == exchange.target && $0.endpoint == exchange.endpoint }
    }
    // Plan order: by package, then in the order the endpoints are asked for.
    let order = Dictionary(uniqueKeysWithValues: PyPIStats.endpoints.enumerated().map { ($1.name, $0) })
    merged.exchanges.sort { ($0.target, order[$0.endpoint] ?? 99) < ($1.target, order[$1.endpoint] ?? 99) }
    return merged
  }
}
