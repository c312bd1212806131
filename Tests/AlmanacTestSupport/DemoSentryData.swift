import AlmanacKit
import Foundation

/// The demo's error counts: organisation `tidewater-dev`, project `tidewater` (id 4501), with a
/// weekday rhythm, inbound filters dropping a few events a day, a rate-limited burst on
/// 2026-05-20, and more errors after the release of 2026-11-18. As of a night, today is half
/// counted (the next night revises it).
public enum DemoSentryData {
  public static let org = "tidewater-dev"
  public static let project = "tidewater"
  public static let token = "demo-sentry-token-replayed-never-sent"

  public static func days(asOf night: Day) -> [Day: [String: Int]] {
    var out: [Day: [String: Int]] = [:]
    let start = Day("2026-01-01")!
    guard start <= night else { return [:] }
    for (i, d) in (start...night).days.enumerated() {
      var accepted = 12 + (i * 5) % 9 - (d.isoWeekday >= 6 ? 6 : 0)
      if d >= Day("2026-11-18")! { accepted += 25 }
      if d == night { accepted /= 2 }
      out[d] = ["accepted": accepted, "filtered": i % 4, "rate_limited": d == Day("2026-05-20")! ? 340 : 0]
    }
    return out
  }

  /// New issues (more after the release) and resolutions, by day.
  public static func issues(asOf night: Day) -> [Day: (new: Int, resolved: Int)] {
    guard Day("2026-01-01")! <= night else { return [:] }
    var out: [Day: (new: Int, resolved: Int)] = [:]
    for (i, d) in (Day("2026-01-01")!...night).days.enumerated() {
      out[d] = (new: (i % 4 == 0 ? 1 : 0) + (d >= Day("2026-11-18")! ? 2 : 0), resolved: i % 6 == 0 ? 1 : 0)
    }
    return out
  }

  /// Release-health sessions, from the SDK upgrade of 2026-03-01 on (none before).
  public static func sessions(asOf night: Day) -> [Day: Int] {
    guard Day("2026-03-01")! <= night else { return [:] }
    var out: [Day: Int] = [:]
    for (i, d) in (Day("2026-03-01")!...night).days.enumerated() {
      out[d] = (4000 + (i * 37) % 500 - (d.isoWeekday >= 6 ? 1500 : 0)) / (d == night ? 2 : 1)
    }
    return out
  }

  public static func fake(asOf night: Day) -> SentryFake {
    var fake = SentryFake(
      org: org, projects: [project: ("4501", days(asOf: night)), "tidewater-docs": ("4502", [:])], tokens: [token: true], baseURL: Sentry.defaultBaseURL)
    fake.pageSize = 100
    fake.issues = [project: issues(asOf: night)]
    fake.sessions = [project: sessions(asOf: night)]
    return fake
  }
}
