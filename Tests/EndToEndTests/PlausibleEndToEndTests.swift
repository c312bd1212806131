import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// The plausible source through the real binary: `almanac run` on a config that watches only a
/// documentation site, against the loopback Plausible fake; every file validates against its
/// schema, the key never appears, and `almanac aggregate --rebuild --source plausible` after
/// the series are lost gives the same bytes.
@Suite(.serialized) struct PlausibleEndToEnd {
  @Test func aRunWritesTheSiteSeriesReportSummaryAndOutputs() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let site = "docs.example.org"
    var days: [Day: PlausibleFakeDay] = [:]
    for (i, d) in (Day("2026-10-01")!...Day("2026-11-21")!).days.enumerated() {
      days[d] = PlausibleFakeDay(
        visitors: 10 + i % 5, visits: 12 + i % 5, pageviews: 30, visitDuration: 61, bounceRate: 48,
        pages: ["/": (8, 20, 14), "/<script>alert(1)</script>": (2, 3, 9)], countries: ["US": 6, "NL": 4 + i % 5])
    }
    let fake = PlausibleFake(sites: [site: days], keys: ["pk-e2e-secret-key-42": [site]])
    server.route("*", "/api/*") { fake.respond(to: $0) }
    let dir = TempDirectory("plausible-run")
    try dir.write("almanac.yml", """
      targets: {}
      sources:
        plausible: {sites: [\(site)], base_url: "\(server.baseURL)", key_env: DOCS_KEY, lookback_days: 40}

      """)
    let env = ["DOCS_KEY": "pk-e2e-secret-key-42", "GITHUB_OUTPUT": dir.file("output")]
    let r = try await Shell.run("almanac run --date 2026-11-21 --site site", cwd: dir.path, environment: env)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!(r.stdout + r.stderr).contains("pk-e2e-secret-key-42"))
    let report = try #require(dir.read("stats/REPORT.md"))
    #expect(report.contains("## Documentation site (Plausible)"))
    // 30 days × 48% bounce weighted by visits is 48%; duration 61 s is "1 min 1 s".
    #expect(report.contains("| 1 min 1 s | 48% |"), "\(report)")
    #expect(!report.contains("<script>"))
    let summary = try #require(dir.read("stats/summary.json"))
    #expect(summary.contains("\"plausible\""))
    #expect(dir.read("output")?.contains("docs-visitors-last-7-days=") == true)
    let html = try #require(dir.read("site/index.html"))
    #expect(html.contains(">Docs site</h2>"))
    #expect(!html.contains("<script>alert(1)"))
    for file in ["stats/raw/plausible/2026-11-21.json", "stats/records/plausible/2026-11-21.csv", "stats/series/plausible/\(site).csv"] {
      #expect(!(dir.read(file) ?? "pk-e2e-secret-key-42").contains("pk-e2e-secret-key-42"), "\(file)")
    }

    let checker = ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"] ?? ""
    if FileManager.default.isExecutableFile(atPath: checker) {
      let v = try await Shell.run("'\(Paths.packageRoot)/scripts/validate-store' '\(dir.file("stats"))' --config '\(dir.file("almanac.yml"))'", environment: ["CHECK_JSONSCHEMA": checker])
      #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
    }

    let series = try #require(dir.read("stats/series/plausible/\(site).csv"))
    try FileManager.default.removeItem(atPath: dir.file("stats/series"))
    let rebuild = try await Shell.run("almanac aggregate --rebuild --source plausible --date 2026-11-21", cwd: dir.path, environment: env)
    #expect(rebuild.status == 0, "\(rebuild.stderr)")
    #expect(dir.read("stats/series/plausible/\(site).csv") == series)
  }
}
