/// What the classify stage makes of detail rows (`DetailedRecordSet`): classified records, the
/// days to keep out of trend baselines, and the release days it inferred.
public struct ClassifiedDetail: Equatable, Sendable {
  /// Kind `classified`, one row per (package, day or version, dimension, category):
  /// `installer_class/<class>` per day, `audience/could_be_human|bot` per day (both always
  /// present, so the human share is computable), `version_<class>/<version>` per day, and
  /// `estimate/estimated_human_behind_proxy` per day when the estimate is defined.
  public var records: RecordSet
  public var flags: [DayFlag]
  /// Package → version → release day (given, or the first day a version has downloads).
  public var releases: [String: [String: Day]]
  /// `InstallerRules.version` of the table that classified the rows.
  public var rulesVersion: Int
}

/// The classify stage of the ClickHouse PyPI source: installer names → classes, per day and per
/// version, the coarse could-be-human/bot split, the behind-proxy demand estimate, release and
/// outage flags. Pure; `DetailStreamClassifier` does the same over a file read in chunks.
public enum InstallerClassifier {
  public static func classify(
    _ detail: DetailedRecordSet, rules: InstallerRules, source: String = "pypi", releases: [String: [String: Day]] = [:]
  ) -> (ClassifiedDetail, [Diagnostic]) {
    var acc = DetailAccumulator(rules: rules)
    for row in detail.rows { acc.add(row) }
    return acc.finish(snapshot: detail.snapshot, source: source, releases: releases)
  }
}

/// `InstallerClassifier.classify` over a detail file fed in chunks: memory grows with the
/// number of (package, day, version) groups, not with the rows.
public final class DetailStreamClassifier {
  private let reader: DetailCSVReader
  private var acc: DetailAccumulator
  private let source: String
  private let releases: [String: [String: Day]]
  public private(set) var rows = 0

  public init(path: String, rules: InstallerRules, source: String = "pypi", releases: [String: [String: Day]] = [:], fallbackSnapshot: Day? = nil) {
    reader = DetailCSVReader(path: path, fallbackSnapshot: fallbackSnapshot)
    acc = DetailAccumulator(rules: rules)
    self.source = source
    self.releases = releases
  }

  public func consume(_ chunk: UnsafeRawBufferPointer) throws(FormatError) {
    // The accumulator is moved into a local for the chunk: mutating a class property per row
    // would pay a dynamic exclusivity check each time.
    var local = DetailAccumulator(rules: acc.rules)
    swap(&local, &acc)
    var count = 0
    defer {
      swap(&local, &acc)
      rows += count
    }
    try reader.consume(chunk) { row in Self.add(row, to: &local, count: &count) }
  }

  public func finish() throws(FormatError) -> (ClassifiedDetail, [Diagnostic]) {
    var count = 0
    let snapshot = try reader.finish { row in Self.add(row, to: &acc, count: &count) }
    rows += count
    return acc.finish(snapshot: snapshot, source: source, releases: releases)
  }

  @inline(__always)
  private static func add(_ row: DetailCSVReader.Row, to acc: inout DetailAccumulator, count: inout Int) {
    count += 1
    acc.add(day: row.date, package: row.package, version: row.version, installer: row.installer, downloads: row.downloads)
  }
}

extension DetailAccumulator {
  func finish(snapshot: Day, source: String, releases given: [String: [String: Day]]) -> (ClassifiedDetail, [Diagnostic]) {
    let classes = InstallerClass.allCases
    let mirror = InstallerClass.mirror.index
    struct DayKey: Hashable {
      var package: Int32
      var day: Int32
    }
    var perDay: [DayKey: [Int64]] = [:]
    var proxyMix: [DayKey: [String: Int64]] = [:]
    var humanMix: [DayKey: [String: Int64]] = [:]
    var firstSeen: [Int32: [Int32: Int32]] = [:]
    // Records are built with integer sort keys (package, dimension, category, date ranks in
    // UTF-8 order) and sorted by those, so RecordSet's string-comparing sort meets sorted input.
    func ranks(_ interner: ByteInterner) -> [Int] {
      let ids = (0..<interner.count).sorted { CanonicalJSON.utf8Less(interner.string(Int32($0)), interner.string(Int32($1))) }
      var rank = Array(repeating: 0, count: ids.count)
      for (r, id) in ids.enumerated() { rank[id] = r }
      return rank
    }
    // One String per name, shared by every record that uses it (no allocation per record).
    let packageNames = (0..<packages.count).map { packages.string(Int32($0)) }
    let versionNames = (0..<versions.count).map { versions.string(Int32($0)) }
    let versionDimensions = classes.map(\.versionDimension)
    let packageRank = ranks(packages)
    let versionRank = ranks(versions)
    let fixed = [Dimension.installerClass, Dimension.audience, Dimension.estimate] + classes.map(\.versionDimension)
      + classes.map(\.rawValue) + [Audience.couldBeHuman, Audience.bot, Audience.estimatedHumanBehindProxy]
    var rank: [String: Int] = [:]
    for (r, name) in Set(fixed).sorted(by: CanonicalJSON.utf8Less).enumerated() { rank[name] = r }
    var sortKeys: [(Int, Int, Int, Int)] = []
    var out: [DownloadRecord] = []
    func emit(_ p: Int32, _ dimension: String, _ category: String, versionID: Int32? = nil, _ day: Day, _ n: Int64) {
      let categoryRank = versionID.map { versionRank[Int($0)] } ?? rank[category] ?? 0
      sortKeys.append((packageRank[Int(p)], rank[dimension] ?? 0, categoryRank, day.ordinal))
      out.append(DownloadRecord(date: day, package: packageNames[Int(p)], source: source, dimension: dimension, category: category, downloads: n))
    }
    for (g, key) in keys.enumerated() {
      let base = g * Self.slots
      let day = Day(ordinal: Int(key.day))
      let version = versionNames[Int(key.version)]
      let dk = DayKey(package: key.package, day: key.day)
      var sums = perDay[dk] ?? Array(repeating: 0, count: Self.slots)
      var total: Int64 = 0
      for cls in classes {
        let n = counts[base + cls.index]
        sums[cls.index] += n
        total += n
        if n > 0 {
          emit(key.package, versionDimensions[cls.index], version, versionID: key.version, day, n)
        }
      }
      sums[Self.humanSlot] += counts[base + Self.humanSlot]
      perDay[dk] = sums
      if counts[base + mirror] > 0 { proxyMix[dk, default: [:]][version] = counts[base + mirror] }
      if counts[base + Self.humanSlot] > 0 { humanMix[dk, default: [:]][version] = counts[base + Self.humanSlot] }
      if total > 0, firstSeen[key.package]?[key.version].map({ key.day < $0 }) ?? true {
        firstSeen[key.package, default: [:]][key.version] = key.day
      }
    }
    var days: [String: [Day]] = [:]
    var firstDay: [Int32: Int32] = [:]
    for (dk, sums) in perDay {
      let package = packageNames[Int(dk.package)]
      let day = Day(ordinal: Int(dk.day))
      days[package, default: []].append(day)
      firstDay[dk.package] = min(firstDay[dk.package] ?? dk.day, dk.day)
      var total: Int64 = 0
      for cls in classes {
        total += sums[cls.index]
        if sums[cls.index] > 0 {
          emit(dk.package, Dimension.installerClass, cls.rawValue, day, sums[cls.index])
        }
      }
      let human = sums[Self.humanSlot]
      emit(dk.package, Dimension.audience, Audience.couldBeHuman, day, human)
      emit(dk.package, Dimension.audience, Audience.bot, day, total - human)
      let estimate: Int64?
      if sums[mirror] == 0 {
        estimate = 0
      } else {
        estimate = DemandEstimate.estimate(proxy: proxyMix[dk] ?? [:], human: humanMix[dk] ?? [:])?.downloads
      }
      if let estimate {
        emit(dk.package, Dimension.estimate, Audience.estimatedHumanBehindProxy, day, estimate)
      }
    }
    // A version first seen on the data's first day may be older than the data: no release day.
    var releases = given
    for (p, versionsSeen) in firstSeen {
      let package = packages.string(p)
      for (v, first) in versionsSeen where first != firstDay[p] {
        let version = versions.string(v)
        if releases[package]?[version] == nil { releases[package, default: [:]][version] = Day(ordinal: Int(first)) }
      }
    }
    var diagnostics: [Diagnostic] = []
    for (id, downloads) in unknownDownloads.sorted(by: { installers.string($0.key) < installers.string($1.key) }) {
      diagnostics.append(Diagnostic(
        .warning,
        "unknown installer name `\(installers.string(id))` (\(downloads) downloads) counted as `unknown`; name its class under `classification.classes` in almanac.yml (installer rules version \(InstallerRules.version))"))
    }
    let flags = DayFlag.flags(days: days, releases: releases, source: source)
    let detail = ClassifiedDetail(
      records: RecordSet(snapshot: snapshot, records: out.indices.sorted { sortKeys[$0] < sortKeys[$1] }.map { out[$0] }, kind: RecordSet.classifiedKind),
      flags: flags, releases: releases,
      rulesVersion: InstallerRules.version)
    return (detail, diagnostics)
  }
}
