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

  public static func fake(asOf night: Day) -> SentryFake {
    var fake = SentryFake(
      org: org, projects: [project: ("4501", days(asOf: night)), "tidewater-docs": ("4502", [:])], tokens: [token: true], baseURL: Sentry.defaultBaseURL)
    fake.pageSize = 100
    return fake
  }
}
