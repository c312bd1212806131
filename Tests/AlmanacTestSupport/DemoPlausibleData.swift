import AlmanacKit
import Foundation

/// The demo's documentation site, `docs.tidewater.dev`, as Plausible counts it: launched on
/// 2026-11-01 (so the demo's first night, in May, finds no visitors and records nothing), with
/// a weekday rhythm, a bump on release day 2026-11-18, a handful of pages and countries. As of
/// a night, the newest day is still being counted (half its visitors), the way Plausible's
/// "today" looks, so the next night revises it.
public enum DemoPlausibleData {
  public static let site = "docs.tidewater.dev"
  public static let launched = Day("2026-11-01")!
  public static let key = "demo-plausible-key-replayed-never-sent"

  public static func days(asOf night: Day) -> [Day: PlausibleFakeDay] {
    guard launched <= night else { return [:] }
    var out: [Day: PlausibleFakeDay] = [:]
    for (i, d) in (launched...night).days.enumerated() {
      var visitors = 40 + (i * 11) % 17 - (d.isoWeekday >= 6 ? 18 : 0)
      if d == Day("2026-11-18")! { visitors += 60 }
      if d == night { visitors /= 2 }
      let visits = visitors + visitors / 5
      let install = visitors * 2 / 5, api = visitors / 4, quick = visitors / 3
      out[d] = PlausibleFakeDay(
        visitors: visitors, visits: visits, pageviews: visitors * 3 + i % 7, visitDuration: Double(70 + (i * 13) % 50), bounceRate: Double(38 + (i * 7) % 21),
        pages: [
          "/": (visitors, visitors + 4, 21), "/install/": (install, install + 1, 48), "/quickstart/": (quick, quick + 2, 95),
          "/api/": (api, api * 3, 130), "/changelog/": (visitors / 8, visitors / 8, 35),
        ],
        countries: ["US": visitors * 3 / 10, "DE": visitors / 6, "IN": visitors / 7, "GB": visitors / 10, "FR": visitors / 12, "BR": visitors / 15, "JP": visitors / 20, "NL": visitors / 25])
    }
    return out
  }

  /// The fake as of `night`, answering the demo's key for the demo's site.
  public static func fake(asOf night: Day) -> PlausibleFake {
    PlausibleFake(sites: [site: days(asOf: night)], keys: [key: [site]])
  }
}
