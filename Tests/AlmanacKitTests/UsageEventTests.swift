import Foundation
import Testing

@testable import AlmanacKit

/// Reading usage events: consent first, then the documented fields; what is kept is scrubbed.
@Suite struct UsageEventsAreReadWithConsent {
  static let good = #"{"id":"ev-0000001","time":"2026-11-20T14:03:11Z","consent":true,"installation":"inst-aaaa1111","feature":"sync","duration_ms":120,"success":true,"error_type":null,"sdk_version":"1.4.2","python_version":"3.12","os":"Linux"}"#

  @Test func aConsentedEventIsKeptWithEveryField() throws {
    guard case .event(let e, let scrubbed) = UsageEvent.decode(line: Array(Self.good.utf8)) else { Issue.record("not an event"); return }
    #expect(scrubbed == 0)
    #expect(e.day == Day("2026-11-20") && e.installation == "inst-aaaa1111" && e.feature == "sync" && e.durationMs == 120 && e.success)
    #expect(e.sdkVersion == "1.4.2" && e.pythonVersion == "3.12" && e.os == "Linux" && e.errorType == nil)
    // The stored line reads back as the same event.
    guard case .event(let again, _) = UsageEvent.decode(line: Array(e.line.utf8)) else { Issue.record("stored line unreadable"); return }
    #expect(again == e)
  }

  @Test(arguments: [
    #"{"consent":false,"id":"ev-0000001"}"#, #"{"id":"ev-0000001","feature":"sync"}"#, #"{"consent":"yes"}"#, #"{"consent":1}"#, #"{"consent":null}"#,
    #"{"consent":"true","installation":"x"}"#,
  ])
  func anEventWithoutExplicitConsentIsDropped(_ line: String) {
    #expect(UsageEvent.decode(line: Array(line.utf8)) == .withoutConsent)
  }

  @Test(arguments: [
    ("not json", "not JSON"), ("[1]", "expected an object"),
    (#"{"consent":true}"#, "`id`"),
    (#"{"consent":true,"id":"ev-0000001","time":"2026-11-20 14:03","installation":"inst-aaaa1111","feature":"a","success":true}"#, "`time`"),
    (#"{"consent":true,"id":"ev-0000001","time":"2026-11-20T14:03:11Z","installation":"alice@example.com","feature":"a","success":true}"#, "`installation`"),
    (#"{"consent":true,"id":"ev-0000001","time":"2026-11-20T14:03:11Z","installation":"inst-aaaa1111","feature":"","success":true}"#, "`feature`"),
    (#"{"consent":true,"id":"ev-0000001","time":"2026-11-20T14:03:11Z","installation":"inst-aaaa1111","feature":"a","success":"yes"}"#, "`success`"),
    (#"{"consent":true,"id":"ev-0000001","time":"2026-11-20T14:03:11Z","installation":"inst-aaaa1111","feature":"a","success":true,"duration_ms":-1}"#, "`duration_ms`"),
    (#"{"consent":true,"id":"ev-0000001","time":"2026-11-20T14:03:11Z","installation":"inst-aaaa1111","feature":"a","success":true,"os":3}"#, "`os`"),
  ])
  func aConsentedEventWithoutTheDocumentedFieldsIsInvalid(_ line: String, _ reason: String) {
    guard case .invalid(let why) = UsageEvent.decode(line: Array(line.utf8)) else { Issue.record("accepted \(line)"); return }
    #expect(why.contains(reason))
  }

  @Test func freeTextIsScrubbedAndUnknownKeysAreNotKept() throws {
    let line = #"{"id":"ev-0000002","time":"2026-11-20T14:03:11.250Z","consent":true,"installation":"inst-aaaa1111","feature":"open /home/alice/x","success":false,"error_type":"OSError at 10.0.0.7","email":"alice@example.com"}"#
    guard case .event(let e, let scrubbed) = UsageEvent.decode(line: Array(line.utf8)) else { Issue.record("not an event"); return }
    #expect(scrubbed == 2)
    #expect(e.feature == "open /home/<user>/x" && e.errorType == "OSError at <ip>")
    #expect(!e.line.contains("alice") && !e.line.contains("email"))
  }

  @Test func aBatchCountsLinesConsentAndInvalidOnesByLineNumberOnly() {
    var batch = Usage.Batch()
    let text = Self.good + "\n\n" + #"{"consent":false,"installation":"secret-person"}"# + "\r\n" + "oops alice@example.com\n"
    batch.read(ndjson: Array(text.utf8), name: "events.ndjson")
    #expect(batch.lines == 3 && batch.events.count == 1 && batch.withoutConsent == 1 && batch.invalid == 1)
    #expect(batch.problems.count == 1 && batch.problems[0].hasPrefix("events.ndjson:4: not JSON"))
    #expect(!batch.problems[0].contains("alice"))
  }
}

/// Daily aggregates: exact percentiles, k-anonymous cells, and a stored day never lowered.
@Suite struct UsageAggregatesAreKAnonymous {
  static func event(_ n: Int, installation: String, feature: String, ms: Int64?, ok: Bool = true, error: String? = nil, day: String = "2026-11-20") -> UsageEvent {
    UsageEvent(
      id: "ev-\(String(repeating: "0", count: 6))\(n)", time: "\(day)T10:00:00Z", day: Day(day)!, installation: installation, feature: feature, durationMs: ms,
      success: ok, errorType: error, sdkVersion: "1.0", pythonVersion: "3.12", os: nil)
  }

  @Test func percentilesAreNearestRankOverTheSortedDurations() {
    let values: [Int64] = (1...20).map { Int64($0 * 10) }
    #expect(UsageDaily.percentile(values, 50) == 100)
    #expect(UsageDaily.percentile(values, 95) == 190)
    #expect(UsageDaily.percentile([7], 95) == 7)
    #expect(UsageDaily.percentile([], 50) == nil)
  }

  @Test func aCellFromFewerThanKInstallationsIsMergedIntoOther() throws {
    var events: [UsageEvent] = []
    for i in 0..<6 { events.append(Self.event(i, installation: "inst-common\(i)", feature: "sync", ms: Int64(100 + i))) }
    // Two installations use `export`, one uses `debug-dump`, and only one fails with an error.
    events.append(Self.event(10, installation: "inst-common0", feature: "export", ms: 5))
    events.append(Self.event(11, installation: "inst-common1", feature: "export", ms: 7, ok: false, error: "ValueError"))
    events.append(Self.event(12, installation: "inst-rare0001", feature: "debug-dump", ms: nil))
    let rows = UsageDaily.day(Day("2026-11-20")!, events: events, minGroupSize: 5)
    let features = rows.filter { $0.dimension == "feature" }
    #expect(features.map(\.category).sorted() == ["other", "sync"])
    let other = try #require(features.first { $0.category == "other" })
    #expect(other.events == 3 && other.installations == 3 && other.successes == 2 && other.p50 == 5 && other.p95 == 7)
    #expect(rows.filter { $0.dimension == "error_type" }.map(\.category) == ["other"])
    let all = try #require(rows.first { $0.dimension == "all" })
    #expect(all.events == 9 && all.installations == 7 && all.successes == 8)
    #expect(rows.first { $0.dimension == "os" }?.category == "unknown")
    #expect(!rows.contains { $0.category.hasPrefix("inst-") })
  }

  @Test func aSmallerRecountNeverLowersAStoredDayUnlessAsked() throws {
    let day = Day("2026-11-20")!
    let full = UsageDaily.day(day, events: (0..<8).map { Self.event($0, installation: "inst-common\($0)", feature: "sync", ms: 1) }, minGroupSize: 5)
    let fewer = UsageDaily.day(day, events: (0..<3).map { Self.event($0, installation: "inst-common\($0)", feature: "sync", ms: 1) }, minGroupSize: 5)
    let stored = UsageDaily(rows: full)
    let (kept, keptDays) = stored.merging([day: fewer], replaceFewer: false)
    #expect(kept == stored && keptDays == [day])
    let (forgotten, none) = stored.merging([day: fewer], replaceFewer: true)
    #expect(none.isEmpty && forgotten.eventsPerDay[day] == 3)
    let (emptied, _) = stored.merging([day: []], replaceFewer: true)
    #expect(emptied.rows.isEmpty)
  }

  @Test func theDailyTableRoundTripsAndRefusesDamage() throws {
    let rows = UsageDaily.day(Day("2026-11-20")!, events: (0..<5).map { Self.event($0, installation: "inst-common\($0)", feature: "a,b \"q\"", ms: $0 == 0 ? nil : 3) }, minGroupSize: 5)
    let table = UsageDaily(rows: rows)
    #expect(try UsageDaily.decode(table.encoded(), path: "daily.csv") == table)
    #expect(table.encoded().hasPrefix("date,dimension,category,events,installations,successes,duration_p50_ms,duration_p95_ms\n"))
    #expect(throws: FormatError.self) { try UsageDaily.decode(table.encoded().replacingOccurrences(of: ",5,", with: ",x,"), path: "daily.csv") }
    var intake = UsageIntake.Row(night: Day("2026-11-20")!)
    intake.lines = 4
    intake.withoutConsent = 1
    let i = UsageIntake().replacing(intake)
    #expect(try UsageIntake.decode(i.encoded(), path: "intake.csv") == i)
  }
}

/// The usage report: the newest complete day, data as text, and the summary's keys.
@Suite struct UsageReportShowsTheNewestCompleteDay {
  @Test func dataIsTextAndTheNightsOwnDayIsLeftOut() throws {
    var events: [UsageEvent] = []
    for day in ["2026-11-19", "2026-11-20"] {
      for i in 0..<5 {
        events.append(UsageAggregatesAreKAnonymous.event(i, installation: "inst-common\(i)", feature: "<b>|x", ms: Int64(10 * (i + 1)), ok: i != 0, error: "Boom*", day: day))
      }
    }
    let daily = UsageDaily(rows: UsageDaily.days(events.enumerated().map { var e = $1; e.id += "-\($0)"; return e }, minGroupSize: 5).values.flatMap { $0 })
    var intake = UsageIntake.Row(night: Day("2026-11-20")!)
    intake.withoutConsent = 3
    let f = try #require(Usage.figures(daily, intake: UsageIntake(rows: [intake]), asOf: Day("2026-11-20")!))
    #expect(f.newestDay == Day("2026-11-19") && f.lastWeek == 5 && f.successesLastWeek == 4)
    let report = Usage.reportSection(f, minGroupSize: 5)
    #expect(report.contains("| &lt;b&gt;\\|x | 5 | 5 | 80% | 30 ms | 50 ms |"), "\(report)")
    #expect(report.contains("| Boom\\* | 5 |") && report.contains("5 were read with consent") == false && report.contains("3 without it"))
    #expect(!Usage.siteSection(f).panels.map(\.html).joined().contains("<b>|x"))
    let summary = Usage.summary(f, minGroupSize: 5)
    #expect(summary["features_newest_day"]?["<b>|x"]?["duration_p95_ms"] == .int(50))
    #expect(summary["percentiles"]?.stringValue == Usage.percentileMethod)
    #expect(Usage.figures(daily, intake: UsageIntake(), asOf: Day("2026-11-19")!) == nil)
  }
}
