import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// The `pypi` report's window figures come from the merged series, not from the newest records
/// file (which holds only the days a night re-asked).
@Suite struct PyPIRenderTests {
  func records(_ snapshot: Day, _ days: ClosedRange<Day>, _ downloads: Int64) -> RecordSet {
    RecordSet(snapshot: snapshot, records: days.days.map {
      DownloadRecord(date: $0, package: "tidewater", source: "pypi", dimension: Dimension.overall, category: "with_mirrors", downloads: downloads)
    } + [DownloadRecord(date: snapshot, package: "tidewater", source: "pypi", dimension: PyPIClickHouse.totalDimension, category: "all", downloads: 99_999)])
  }

  @Test func theLastSevenDaysAfterAnOrdinarySecondNightAreTheWeeksSum() throws {
    let dir = TempDirectory("pypi-render")
    let store = Store(root: dir.file("stats"))
    let config = try ConfigParser.parse("targets:\n  packages: [tidewater]\nsources:\n  pypistats: {enabled: false}\n  pypi: {}\n", path: "almanac.yml")
    let first = try #require(Day("2026-11-20"))
    let second = first.adding(days: 1)
    // Night one backfills ten days; night two re-asks the trailing three and adds one.
    for (night, set) in [(first, records(first, first.adding(days: -10)...first.adding(days: -1), 100)),
                         (second, records(second, second.adding(days: -4)...second.adding(days: -1), 200))] {
      try dir.write("stats/records/pypi/\(night).csv", set.encoded())
      try Stages(store: store, console: Console(environment: [:], quiet: true), date: night).aggregatePyPI(rebuild: false)
    }
    let stages = Stages(store: store, console: Console(environment: [:], quiet: true), date: second)
    let rendering = try PyPINightly().render(Night(config: config, client: client(), stages: stages))
    // 2026-11-14 … 2026-11-16 from night one (3 × 100), 2026-11-17 … 2026-11-20 from night two (4 × 200).
    #expect(rendering.summary["pypi"]?["packages"]?["tidewater"]?["last_7_days"] == .int(1_100))
    #expect(rendering.reportSection.contains("| tidewater | 99,999 | 2026-11-20: 200 | 1,100 |"), "\(rendering.reportSection)")
  }
}
