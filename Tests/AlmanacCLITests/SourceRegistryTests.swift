import AlmanacKit
import Testing

@testable import AlmanacCLI

/// The seam a new source plugs into: one line in `SourceCatalog`, and every command finds it.
@Suite struct EverySourceIsRegisteredOnce {
  @Test func everyRegisteredSectionProvidesItsNightlySourceInCatalogOrder() {
    #expect(NightlySources.all.count == SourceCatalog.all.count)
    #expect(NightlySources.names == SourceCatalog.names)
    #expect(Set(NightlySources.names).count == NightlySources.names.count)
  }

  @Test func aPlannedSourceIsNotRegisteredYet() {
    #expect(Set(SourceCatalog.planned).isDisjoint(with: SourceCatalog.names))
  }

  @Test func theFirstFourSourcesKeepTheirReportOrder() {
    #expect(Array(NightlySources.names.prefix(4)) == ["pypistats", "pypi", "github", "github-events"])
  }

  @Test func eachSourceWritesItsOwnInitBlockNamedAfterIt() {
    let targets = InitTargets(packages: ["demo"], repos: ["o/r"])
    for source in NightlySources.all {
      #expect(source.initSnippet(targets).hasPrefix("  \(source.name):"), "\(source.name)")
    }
  }

  @Test func aSectionTheParserReadsIsKeptUnderItsSourcesName() throws {
    let config = try ConfigParser.parse("targets: {packages: [demo], repos: [o/r]}\nsources: {github: {stars: count}, pypi: {trailing_days: 5}}\n", path: "a.yml")
    #expect(config.sources.all.keys.sorted() == ["github", "pypi", "pypistats"])
    #expect(config.github?.stars == "count")
    #expect(config.pypi?.trailingDays == 5)
    var other = config
    other.pypi?.trailingDays = 6
    #expect(other != config)
  }

  @Test func onlySourcesWithRecordsAreNormalized() {
    let withRecords = NightlySources.all.filter { $0.noRecordsReason == nil }.map(\.name)
    #expect(withRecords == ["pypistats", "pypi", "github-events", "plausible", "sentry", "reddit"])
  }
}
