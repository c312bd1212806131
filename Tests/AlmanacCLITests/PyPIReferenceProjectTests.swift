import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Issue 9 point 12: the freshness gate's reference project is an ordinary package when it is
/// configured (a maintainer of `requests` watches `requests`), and stays out when it is not.
@Suite struct PyPIReferenceProject {
  static func rendering(packages: [String], _ dir: TempDirectory) async throws -> SourceRendering {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let (result, night) = try await ClickPyStandIn(on: server).pypiNight(dir, packages: packages, lookbackDays: 5)
    #expect(result.status == .complete)
    return try PyPINightly().render(night)
  }

  @Test func aConfiguredReferenceProjectIsReported() async throws {
    let r = try await Self.rendering(packages: ["requests", "tidewater"], TempDirectory("reference"))
    #expect(r.reportSection.contains("| requests | 1,234 | 2026-11-20: 7 | 35 |"), "\(r.reportSection)")
    #expect(r.reportSection.contains("| tidewater | 1,234 |"))
    let packages = try #require(r.summary["pypi"]?["packages"]?.objectValue)
    #expect(packages.keys.sorted() == ["requests", "tidewater"])
    #expect(packages["requests"]?["last_7_days"] == .int(35))
  }

  @Test func anUnconfiguredReferenceProjectIsNot() async throws {
    let r = try await Self.rendering(packages: ["tidewater"], TempDirectory("reference-only"))
    #expect(!r.reportSection.contains("| requests |"))
    #expect(r.summary["pypi"]?["packages"]?.objectValue?.keys.sorted() == ["tidewater"])
  }
}
