import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Issue 9 point 14: a table the ClickHouse server does not have (code 60) is one warning per
/// night naming the table and what is lost, and its later months are not asked.
@Suite struct ClickHouseMissingTable {
  @Test func aMissingTableIsOneWarningNamingItAndWhatIsLost() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let clickpy = ClickPyStandIn(on: server)
    clickpy.fail("by_version_by_python", with: FakeResponse.text(404, "Code: 60. DB::Exception: Table pypi.pypi_downloads_per_day_by_version_by_python doesn't exist. (UNKNOWN_TABLE) (version 24.6.1.4501 (official build))\n")
      .adding(header: "X-ClickHouse-Exception-Code", "60"))
    let dir = TempDirectory("missing-table")
    // 70 days: three calendar months, so three python_minor queries a night without the fix.
    let (result, night) = try await clickpy.pypiNight(dir, lookbackDays: 70)
    let stages = night.stages
    #expect(result.status == .partial)
    #expect(server.requests.filter { $0.bodyText.contains("by_version_by_python") }.count == 1)
    #expect(server.requests.filter { $0.bodyText.contains("by_version_by_system") }.count == 3)
    let table = "pypi.pypi_downloads_per_day_by_version_by_python"
    let said = stages.console.diagnostics.filter { $0.message.contains(table) }
    #expect(said.count == 1, "\(said.map(\.description))")
    #expect(said.first?.severity == .warning)
    #expect(said.first?.message.contains("table \(table) does not exist on \(server.baseURL) (ClickHouse code 60: Table \(table) doesn't exist. (UNKNOWN_TABLE)); downloads by Python version are not recorded tonight, and its other queries were not sent. Check the endpoint and `database` of the source in almanac.yml") == true, "\(said.map(\.description))")
    let raw = try RawSnapshot.decode(try #require(dir.read("stats/raw/pypi/2026-11-21.json")), path: "raw")
    #expect(raw.failures.count == 1)
    // What the other tables hold was kept.
    #expect(dir.read("stats/records/pypi/2026-11-21.csv")?.contains(",system,Linux,") == true)
  }
}
