extension DetailAccumulator {
  func finish(snapshot: Day, source: String, releases given: [String: [String: Day]]) -> (ClassifiedDetail, [Diagnostic]) {
    let classes = InstallerClass.allCases
    let mirror = InstallerClass.mirror.index
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
    var days: [String: [Day]] = [:]
    var firstDay: [Int32: Int32] = [:]
    for page in groups.pages {
      let day = Day(ordinal: Int(page.day))
      var sums = Array(repeating: Int64(0), count: Self.slots)
      var proxyMix: [String: Int64] = [:]
      var humanMix: [String: Int64] = [:]
      for (g, v) in page.versions.enumerated() {
        let base = g * Self.slots
        let version = versionNames[Int(v)]
        var total: Int64 = 0
        for cls in classes {
          let n = page.counts[base + cls.index]
          sums[cls.index] += n
          total += n
          if n > 0 {
            emit(page.package, versionDimensions[cls.index], version, versionID: v, day, n)
          }
        }
        sums[Self.humanSlot] += page.counts[base + Self.humanSlot]
        if page.counts[base + mirror] > 0 { proxyMix[version] = page.counts[base + mirror] }
        if page.counts[base + Self.humanSlot] > 0 { humanMix[version] = page.counts[base + Self.humanSlot] }
        if total > 0, firstSeen[page.package]?[v].map({ page.day < $0 }) ?? true {
          firstSeen[page.package, default: [:]][v] = page.day
        }
      }
      days[packageNames[Int(page.package)], default: []].append(day)
      firstDay[page.package] = min(firstDay[page.package] ?? page.day, page.day)
      var total: Int64 = 0
      for cls in classes {
        total += sums[cls.index]
        if sums[cls.index] > 0 {
          emit(page.package, Dimension.installerClass, cls.rawValue, day, sums[cls.index])
        }
      }
      let human = sums[Self.humanSlot]
      emit(page.package, Dimension.audience, Audience.couldBeHuman, day, human)
      emit(page.package, Dimension.audience, Audience.bot, day, total - human)
      let estimate = sums[mirror] == 0 ? 0 : DemandEstimate.estimate(proxy: proxyMix, human: humanMix)?.downloads
      if let estimate {
        emit(page.package, Dimension.estimate, Audience.estimatedHumanBehindProxy, day, estimate)
      }
    }
    // Given release days (PyPI's upload times) are the truth for their package. Otherwise the
    // first day a version has downloads, except on the data's first day (it may be older). In a
    // short window an old, rarely fetched version can look new: pass release days when known.
    var releases = given
    for (p, versionsSeen) in firstSeen where given[packages.string(p)] == nil {
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
