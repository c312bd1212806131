import Testing

@testable import AlmanacKit

@Suite struct MirrorSplitTests {
  static func classify(_ records: [DownloadRecord]) -> (rows: [String], diagnostics: [String]) {
    let (set, diagnostics) = MirrorSplit.classify(RecordSet(snapshot: day("2026-11-20"), records: records))
    #expect(set.kind == RecordSet.classifiedKind)
    #expect(set.snapshot == day("2026-11-20"))
    return (set.records.map { "\($0.package) \($0.date) \($0.category) \($0.downloads)" }, diagnostics.map(\.description))
  }

  @Test func mirrorDownloadsAreWithMinusWithout() {
    let result = Self.classify([
      record("2026-11-19", "overall", "with_mirrors", 60), record("2026-11-19", "overall", "without_mirrors", 52),
      record("2026-11-19", "system", "Linux", 48), record("2026-11-20", "recent", "last_day", 40),
    ])
    #expect(result.rows == ["demo-pkg 2026-11-19 mirror 8", "demo-pkg 2026-11-19 non_mirror 52"])
    #expect(result.diagnostics.isEmpty)
  }

  @Test func aDayMissingFromOneSeriesHadNoDownloadsThere() {
    let result = Self.classify([
      record("2026-11-17", "overall", "with_mirrors", 50), record("2026-11-17", "overall", "without_mirrors", 40),
      record("2026-11-18", "overall", "with_mirrors", 45),
    ])
    #expect(result.rows == [
      "demo-pkg 2026-11-17 mirror 10", "demo-pkg 2026-11-18 mirror 45",
      "demo-pkg 2026-11-17 non_mirror 40", "demo-pkg 2026-11-18 non_mirror 0",
    ])
    #expect(result.diagnostics.isEmpty)
  }

  @Test func moreWithoutThanWithIsAWarningAndNoMirrorShare() {
    let result = Self.classify([
      record("2026-11-18", "overall", "without_mirrors", 7),
      record("2026-11-19", "overall", "with_mirrors", 5), record("2026-11-19", "overall", "without_mirrors", 9),
    ])
    #expect(result.rows == [
      "demo-pkg 2026-11-18 mirror 0", "demo-pkg 2026-11-19 mirror 0",
      "demo-pkg 2026-11-18 non_mirror 7", "demo-pkg 2026-11-19 non_mirror 9",
    ])
    #expect(result.diagnostics == [
      "warning: demo-pkg 2026-11-18: without_mirrors (7) exceeds with_mirrors (0); mirror share taken as 0",
      "warning: demo-pkg 2026-11-19: without_mirrors (9) exceeds with_mirrors (5); mirror share taken as 0",
    ])
  }

  @Test func splitsEachPackageOnItsOwn() {
    let result = Self.classify([
      record("2026-11-19", "overall", "with_mirrors", 3, package: "b-pkg"),
      record("2026-11-19", "overall", "with_mirrors", 10, package: "a-pkg"),
      record("2026-11-19", "overall", "without_mirrors", 4, package: "a-pkg"),
    ])
    #expect(result.rows == [
      "a-pkg 2026-11-19 mirror 6", "a-pkg 2026-11-19 non_mirror 4", "b-pkg 2026-11-19 mirror 3", "b-pkg 2026-11-19 non_mirror 0",
    ])
  }

  @Test func aSnapshotWithoutOverallRowsClassifiesNothing() {
    #expect(Self.classify([record("2026-11-19", "system", "Linux", 48)]).rows.isEmpty)
  }
}
