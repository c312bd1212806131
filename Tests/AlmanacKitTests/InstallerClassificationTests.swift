import Testing

@testable import AlmanacKit

@Suite struct InstallerClassificationTests {
  /// Every installer name linehaul emits (pypi-notes.md §4.2), with the class it must get.
  static let linehaulNames: [(String, InstallerClass)] = [
    ("pip", .installer), ("uv", .installer), ("poetry", .installer), ("pdm", .installer), ("pex", .installer),
    ("conda", .installer), ("setuptools", .build), ("distribute", .build), ("Bazel", .build), ("maturin", .build),
    ("twine", .build), ("bandersnatch", .mirror), ("devpi", .mirror), ("z3c.pypimirror", .mirror), ("Artifactory", .mirror),
    ("Nexus", .mirror), ("pep381client", .mirror), ("requests", .httpClient), ("Homebrew", .osPackaging), ("OS", .osPackaging),
    ("Browser", .browser), ("Python-urllib", .httpClient), ("", .unknown),
  ]

  @Test func everyLinehaulNameHasAClass() {
    let rules = InstallerRules()
    for (name, cls) in Self.linehaulNames { #expect(rules.classOf(name) == cls, "`\(name)`") }
    #expect(rules.classOf("artifactory") == .mirror)
    #expect(rules.classOf("made-up-tool") == nil)
  }

  @Test func theSeedsSplitIsTheDefaultAndConfigurable() {
    #expect(InstallerRules().human == ["pip", "uv"])
    #expect(!InstallerRules().couldBeHuman("poetry"))
    let rules = InstallerRules(overrides: ["corp-cache": .mirror], mirrors: ["my-mirror"], human: ["pip", "uv", "poetry"])
    #expect(rules.couldBeHuman("poetry"))
    #expect(rules.classOf("my-mirror") == .mirror)
    #expect(rules.classOf("corp-cache") == .mirror)
  }

  static func row(_ date: String, _ version: String, _ installer: String, _ n: Int64, package: String = "tidewater") -> DetailedDownload {
    DetailedDownload(date: day(date), package: package, version: version, installer: installer, type: "bdist_wheel", country: "US", downloads: n)
  }

  static func lines(_ set: RecordSet, _ dimension: String) -> [String] {
    set.records.filter { $0.dimension == dimension }.map { "\($0.date) \($0.category) \($0.downloads)" }
  }

  @Test func sumsPerDayByClassAndPerVersionByClass() {
    let detail = DetailedRecordSet(snapshot: day("2026-11-22"), rows: [
      Self.row("2026-11-21", "1.0", "pip", 30), Self.row("2026-11-21", "1.0", "uv", 5), Self.row("2026-11-21", "1.0", "bandersnatch", 7),
      Self.row("2026-11-21", "1.1", "bandersnatch", 7), Self.row("2026-11-21", "1.1", "", 2), Self.row("2026-11-21", "1.1", "requests", 4),
      Self.row("2026-11-22", "1.1", "poetry", 3), Self.row("2026-11-22", "1.1", "Browser", 1),
    ])
    let (out, diagnostics) = InstallerClassifier.classify(detail, rules: InstallerRules())
    #expect(diagnostics.isEmpty)
    #expect(out.records.kind == RecordSet.classifiedKind)
    #expect(out.rulesVersion == 1)
    #expect(Self.lines(out.records, Dimension.installerClass) == [
      "2026-11-22 browser 1", "2026-11-21 http_client 4", "2026-11-21 installer 35", "2026-11-22 installer 3",
      "2026-11-21 mirror 14", "2026-11-21 unknown 2",
    ])
    #expect(Self.lines(out.records, Dimension.audience) == [
      "2026-11-21 bot 20", "2026-11-22 bot 4", "2026-11-21 could_be_human 35", "2026-11-22 could_be_human 0",
    ])
    #expect(Self.lines(out.records, "version_mirror") == ["2026-11-21 1.0 7", "2026-11-21 1.1 7"])
    #expect(Self.lines(out.records, "version_installer") == ["2026-11-21 1.0 35", "2026-11-22 1.1 3"])
    // Uniform mirror mix against a skewed human mix: a pure sync, no demand.
    #expect(Self.lines(out.records, Dimension.estimate) == ["2026-11-21 estimated_human_behind_proxy 0", "2026-11-22 estimated_human_behind_proxy 0"])
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func everyDownloadIsCountedOnceInEachSplit(seed: UInt64) {
    var g = SeededGenerator(seed: seed)
    let names = Self.linehaulNames.map(\.0) + ["fetchbot", "pip"]
    var rows: [DetailedDownload] = []
    for _ in 0..<400 {
      rows.append(DetailedDownload(
        date: day("2026-11-01").adding(days: Int.random(in: 0..<12, using: &g)), package: ["a", "b"][Int.random(in: 0..<2, using: &g)],
        version: "1.\(Int.random(in: 0..<6, using: &g))", installer: names[Int.random(in: 0..<names.count, using: &g)], type: "sdist",
        country: "", downloads: Int64.random(in: 0..<1000, using: &g)))
    }
    let (out, _) = InstallerClassifier.classify(DetailedRecordSet(snapshot: day("2026-11-12"), rows: rows), rules: InstallerRules())
    struct Key: Hashable {
      var package: String
      var day: Day
    }
    var input: [Key: Int64] = [:]
    for r in rows { input[Key(package: r.package, day: r.date), default: 0] += r.downloads }
    var byClass: [Key: Int64] = [:]
    var byAudience: [Key: Int64] = [:]
    var byVersion: [Key: Int64] = [:]
    for r in out.records.records {
      let k = Key(package: r.package, day: r.date)
      if r.dimension == Dimension.installerClass { byClass[k, default: 0] += r.downloads }
      if r.dimension == Dimension.audience { byAudience[k, default: 0] += r.downloads }
      if r.dimension.hasPrefix(Dimension.versionClassPrefix) { byVersion[k, default: 0] += r.downloads }
    }
    #expect(byClass.filter { $0.value > 0 } == input.filter { $0.value > 0 })
    #expect(byAudience == input)
    #expect(byVersion.filter { $0.value > 0 } == input.filter { $0.value > 0 })
    let mirror = out.records.records.filter { $0.dimension == Dimension.installerClass && $0.category == "mirror" }
    for estimate in out.records.records where estimate.dimension == Dimension.estimate {
      let proxy = mirror.first { $0.package == estimate.package && $0.date == estimate.date }?.downloads ?? 0
      #expect(estimate.downloads <= proxy)
    }
  }

  @Test func reportsEachUnknownInstallerOnceAndCountsItAsUnknown() {
    let detail = DetailedRecordSet(snapshot: day("2026-11-22"), rows: [
      Self.row("2026-11-21", "1.0", "fetchbot", 3), Self.row("2026-11-22", "1.0", "fetchbot", 4), Self.row("2026-11-22", "1.0", "pip", 1),
    ])
    let (out, diagnostics) = InstallerClassifier.classify(detail, rules: InstallerRules())
    #expect(diagnostics.map(\.description) == [
      "warning: unknown installer name `fetchbot` (7 downloads) counted as `unknown`; name its class under `classification.classes` in almanac.yml (installer rules version 1)"
    ])
    #expect(Self.lines(out.records, Dimension.installerClass) == ["2026-11-22 installer 1", "2026-11-21 unknown 3", "2026-11-22 unknown 4"])
  }

  @Test func flagsTwoDaysAfterAReleaseButNotVersionsOlderThanTheData() {
    var rows: [DetailedDownload] = []
    for d in 0..<8 { rows.append(Self.row(day("2026-11-10").adding(days: d).description, "1.0", "pip", 10)) }
    for d in 3..<8 { rows.append(Self.row(day("2026-11-10").adding(days: d).description, "2.0", "pip", 10)) }
    let (out, _) = InstallerClassifier.classify(DetailedRecordSet(snapshot: day("2026-11-17"), rows: rows), rules: InstallerRules())
    #expect(out.releases == ["tidewater": ["2.0": day("2026-11-13")]])
    #expect(out.flags.map(\.description) == [
      "tidewater 2026-11-13: release: release 2.0 (2026-11-13)", "tidewater 2026-11-14: release: release 2.0 (2026-11-13)",
      "tidewater 2026-11-15: release: release 2.0 (2026-11-13)",
    ])
    let given = InstallerClassifier.classify(
      DetailedRecordSet(snapshot: day("2026-11-17"), rows: rows), rules: InstallerRules(), releases: ["tidewater": ["1.0": day("2026-11-16")]]).0
    #expect(given.flags.map(\.day) == [day("2026-11-16"), day("2026-11-17")])
    #expect(given.releases == ["tidewater": ["1.0": day("2026-11-16")]])
  }

  @Test func knownOutagesAnnotateTheirDaysForTheirSourceOnly() {
    let rows = [Self.row("2024-06-19", "1.0", "pip", 10), Self.row("2024-06-21", "1.0", "pip", 10)]
    let (out, diagnostics) = InstallerClassifier.classify(DetailedRecordSet(snapshot: day("2024-06-21"), rows: rows), rules: InstallerRules())
    #expect(diagnostics.isEmpty)
    #expect(out.flags.map(\.description) == [
      "tidewater 2024-06-19: outage: upstream missing data, not back-filled on pypistats.org (psf/pypistats.org#67)"
    ])
    #expect(OutageCalendar.windows(on: day("2024-10-26"), source: "pypi").isEmpty)
    for window in OutageCalendar.known {
      #expect(window.first.ordinal > 17_000 && window.first <= window.last, "\(window.note)")
    }
  }

  @Test func theHumanShareIsASeriesWithATypicalValueAndABadge() throws {
    var rows: [DetailedDownload] = []
    for d in 0..<10 {
      let date = day("2026-11-01").adding(days: d).description
      rows.append(Self.row(date, "1.0", "pip", 3))
      rows.append(Self.row(date, "1.0", "bandersnatch", d == 5 ? 997 : 97))
    }
    rows.append(Self.row("2026-11-06", "1.1", "bandersnatch", 100))
    let (out, _) = InstallerClassifier.classify(DetailedRecordSet(snapshot: day("2026-11-10"), rows: rows), rules: InstallerRules())
    let series = Series(classified: out.records, package: "tidewater")
    let flags = DayFlag.flags(series: series, source: "pypi")
    #expect(flags.map(\.day) == [day("2026-11-06"), day("2026-11-07"), day("2026-11-08")])
    let points = HumanShare.daily(series, flags: flags)
    #expect(points.count == 10)
    #expect(points[0].percent == 3)
    #expect(points[5].excluded)
    #expect(HumanShare.typical(points) == 3)
    let summary = try #require(ClassificationSummary(series: series, flags: flags))
    #expect(summary.botPercent == 97)
    #expect(summary.headline == "97% bots (≤3% could be human)")
    #expect(summary.baselineDays == 7)
    #expect(summary.markdown().contains("Typically ~97% of downloads are bots; at most 3% could have been a person (upper bound"))
    #expect(summary.json["could_be_human_percent_upper_bound"] == .double(3))
    #expect(summary.json["by_class"]?["mirror"] == .int(97 * 9 + 997 + 100))
    try Fixtures.expect(summary.markdown(), matches: "classify/human-share/section.md")
    try Fixtures.expect(CanonicalJSON.encode(summary.json), matches: "classify/human-share/summary.json")
    let badge = try #require(BadgeSet.humanShare(summary))
    #expect(badge.name == "tidewater-human-share")
    #expect(badge.badge.message == "≤3%")
    #expect(badge.badge.label == "could be human")
  }
}
