import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// `almanac classify-detail`: the streaming classifier behind the benchmark, as a real process.
@Suite struct ClassifyDetailEndToEnd {
  static let detail = """
    #almanac:detail:1 snapshot=2026-11-22
    date,package,version,installer,type,country,downloads
    2026-11-21,tidewater,1.0,pip,bdist_wheel,US,30
    2026-11-21,tidewater,1.0,bandersnatch,bdist_wheel,DE,7
    2026-11-21,tidewater,1.1,bandersnatch,sdist,DE,7
    2026-11-21,tidewater,1.1,fetchbot,sdist,,2
    2026-11-22,tidewater,1.1,uv,bdist_wheel,FR,5

    """

  @Test func streamsADetailFileToClassifiedRecordsAndReportsUnknownNames() async throws {
    let dir = TempDirectory("classify-detail")
    try dir.write("d.csv", Self.detail)
    let r = try await Shell.run("almanac classify-detail d.csv", cwd: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    let expected = InstallerClassifier.classify(try DetailedRecordSet.decode(Self.detail, path: "d.csv"), rules: InstallerRules()).0
    #expect(r.stdout == expected.records.encoded(formatLine: true))
    #expect(r.stdout.contains("2026-11-21,tidewater,pypi,audience,could_be_human,30\n"))
    #expect(r.stderr.contains("d.csv: warning: unknown installer name `fetchbot` (2 downloads)"))
    #expect(r.stderr.contains("d.csv: 5 rows"))
    let piped = try await Shell.run("almanac classify-detail - < d.csv", cwd: dir.path)
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout == r.stdout)
  }

  @Test func itsOutputAndSummaryMatchTheSchemas() async throws {
    let checker = try Validators.checkJSONSchema()
    let dir = TempDirectory("classify-detail-schema")
    try dir.write("d.csv", Self.detail)
    try FileManager.default.createDirectory(atPath: dir.file("store/classified/pypi"), withIntermediateDirectories: true)
    let r = try await Shell.run("almanac classify-detail d.csv -o store/classified/pypi/2026-11-22.csv", cwd: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    let store = try await Shell.run("'\(Paths.packageRoot)/scripts/validate-store' store", cwd: dir.path, environment: ["CHECK_JSONSCHEMA": checker])
    #expect(store.status == 0, "\(store.stdout)\(store.stderr)")
    let classified = InstallerClassifier.classify(try DetailedRecordSet.decode(Self.detail, path: "d.csv"), rules: InstallerRules()).0
    let series = Series(classified: classified.records, package: "tidewater")
    let summary = try #require(ClassificationSummary(series: series, flags: DayFlag.flags(series: series, source: "pypi")))
    try dir.write("summary.json", CanonicalJSON.encode(summary.json))
    let check = try await Shell.run(
      "'\(checker)' --schemafile '\(Paths.packageRoot)/schemas/classification-summary.schema.json' summary.json", cwd: dir.path)
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
  }

  @Test func aTruncatedFileFailsWithItsLine() async throws {
    let dir = TempDirectory("classify-detail-cut")
    try dir.write("d.csv", String(Self.detail.dropLast()))
    let r = try await Shell.run("almanac classify-detail d.csv -o out.csv", cwd: dir.path)
    #expect(r.status == 1)
    #expect(r.stderr.contains("d.csv:7: the last line has no newline (the file is truncated)"))
    #expect(dir.read("out.csv") == nil)
  }
}
