import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// The per-night request counts the docs state, against the loopback fakes: counted exactly
/// (they depend on nothing but the plan); the time of each night is printed as a `figure:` line
/// for the docs, never asserted (it depends on the machine and its load).
@Suite struct NightFigures {
  static func figure(_ what: String, requests: Int, _ elapsed: Duration) {
    let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    print("figure: \(what): \(requests) requests, \(Int(ms.rounded())) ms")
  }

  /// One site: a first night of `lookback_days` 30, then an ordinary night (the two newest
  /// days re-asked plus the new one: 1 timeseries + 3 × (pages + countries)).
  @Test(arguments: Plausible.API.allCases)
  func plausible(_ api: Plausible.API) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let dir = TempDirectory("figures-plausible")
    let day = Day("2026-11-20")!
    PlausibleNights.serve(server, through: day)
    let config = PlausibleV2Nights.config(server, api, lookback: 30)
    let clock = ContinuousClock()
    var start = clock.now
    _ = try await PlausibleNights.night(dir, server, day, config: config)
    Self.figure("plausible \(api.rawValue) first night (30 days)", requests: server.requests.count, clock.now - start)
    #expect(server.requests.count == 1 + 2 * 30)
    let base = server.requests.count
    PlausibleNights.serve(server, through: day.adding(days: 1))
    start = clock.now
    let (result, _) = try await PlausibleNights.night(dir, server, day.adding(days: 1), config: config)
    Self.figure("plausible \(api.rawValue) ordinary night", requests: server.requests.count - base, clock.now - start)
    #expect(result.status == .complete)
    #expect(server.requests.count - base == 1 + 2 * 3)
  }

  /// One project (the organisation's two projects on one list page): a first night of 40 days,
  /// then an ordinary one; both are the list + stats + issues + sessions.
  @Test func sentry() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let dir = TempDirectory("figures-sentry")
    let day = Day("2026-11-20")!
    SentryHealthNights.serve(server)
    let clock = ContinuousClock()
    var start = clock.now
    _ = try await SentryNights.night(dir, server, day)
    Self.figure("sentry first night (40 days)", requests: server.requests.count, clock.now - start)
    #expect(server.requests.count == 1 + 3)
    let base = server.requests.count
    start = clock.now
    let (result, _) = try await SentryNights.night(dir, server, day.adding(days: 1))
    Self.figure("sentry ordinary night", requests: server.requests.count - base, clock.now - start)
    #expect(result.status == .complete)
    #expect(server.requests.count - base == 1 + 3)
  }
}
