import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Each source states through `NightlySource.exportEntities` how (or whether) its files export:
/// a new source is exported without the store knowing its name, usage's aggregates are left out
/// by the usage source itself, and GitHub's repositories are one entity each.
@Suite struct ExportMappingThroughTheSeam {
  /// A source the store has never heard of, whose one entity is a fixed row.
  struct Almanack: NightlySource {
    var name: String { "almanack" }
    func isEnabled(in config: Config) -> Bool { false }
    func night(_ night: Night) async throws -> SourceResult { SourceResult(source: name, status: .failed) }
    func render(_ night: Night) throws -> SourceRendering { SourceRendering(source: name) }
    func fetch(_ request: FetchRequest) async throws {}
    var noRecordsReason: String? { "a test source" }
    func aggregate(_ stages: Stages, config: Config?, rebuild: Bool) throws(AlmanacError) {}
    func initSnippet(_ targets: InitTargets) -> String { "" }
    func exportEntities(_ store: Store) -> [Store.ExportEntity] {
      [Store.ExportEntity(source: name, entity: "moon") { _ in
        [ExportRow(date: Day(year: 2026, month: 1, day: 1) ?? Day(ordinal: 0), source: "almanack", entity: "moon", metric: "phase", value: 3)]
      }]
    }
  }

  func store(_ dir: TempDirectory) throws -> Store {
    try dir.write("stats/series/pypistats/tidewater.csv", "#almanac:series:1\npackage,source,date,dimension,category,downloads,snapshot\ntidewater,pypistats,2026-11-20,overall,with_mirrors,5,2026-11-21\n")
    try dir.write("stats/series/usage/daily.csv", "#almanac:usage-daily:1\nthis is not a tidy series\n")
    try dir.write("stats/series/github/o/r/stars.csv", "")
    try dir.write("stats/series/github/o/empty/.keep", "")
    return Store(root: dir.file("stats"))
  }

  @Test func everyRegisteredSourceDeclaresItsEntities() throws {
    let dir = TempDirectory("export-seam")
    let entities = try store(dir).exportEntities()
    #expect(entities.map { "\($0.source) \($0.entity)" } == ["github o/r", "pypistats tidewater"])
    let rows = try #require(try entities.last?.rows(ExportFilter()))
    #expect(rows.map(\.value) == [5] && rows.first?.metric == "downloads")
    #expect(UsageNightly().exportEntities(try store(dir)).isEmpty)
  }

  @Test func aNewSourceExportsWithoutTheStoreNamingIt() throws {
    let dir = TempDirectory("export-seam-new")
    let store = try store(dir)
    let all = store.exportEntities(sources: NightlySources.all + [Almanack()])
    #expect(all.map(\.source) == ["almanack", "github", "pypistats"])
    #expect(try all.first?.rows(ExportFilter()).first?.metric == "phase")
    #expect(store.exportEntities(source: "almanack", sources: NightlySources.all + [Almanack()]).map(\.entity) == ["moon"])
  }
}
