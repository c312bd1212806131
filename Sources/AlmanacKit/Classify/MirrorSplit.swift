/// Classifies pypistats.org downloads: `non_mirror` is pypistats' `without_mirrors` series and
/// `mirror` is what the four mirror tools (bandersnatch, z3c.pypimirror, Artifactory, devpi)
/// added on top (`with_mirrors − without_mirrors`). CI, scanners and other bots are still inside
/// `non_mirror`: pypistats.org keeps no installer detail, so this split is all it allows.
public enum MirrorSplit {
  public static let mirror = "mirror"
  public static let nonMirror = "non_mirror"

  public static func classify(_ records: RecordSet) -> (RecordSet, [Diagnostic]) {
    var with: [String: [Day: Int64]] = [:]
    var without: [String: [Day: Int64]] = [:]
    var source = PyPIStats.source
    for r in records.records where r.dimension == Dimension.overall {
      source = r.source
      switch r.category {
      case "with_mirrors": with[r.package, default: [:]][r.date] = r.downloads
      case "without_mirrors": without[r.package, default: [:]][r.date] = r.downloads
      default: continue
      }
    }
    var out: [DownloadRecord] = []
    var diagnostics: [Diagnostic] = []
    for package in Set(with.keys).union(without.keys).sorted() {
      let w = with[package] ?? [:]
      let wo = without[package] ?? [:]
      for day in Set(w.keys).union(wo.keys).sorted() {
        // Sparse series: a day missing from one series had no downloads in it.
        let all = w[day] ?? 0
        let nonMirrorCount = wo[day] ?? 0
        if nonMirrorCount > all {
          diagnostics.append(Diagnostic(
            .warning, "\(package) \(day): without_mirrors (\(nonMirrorCount)) exceeds with_mirrors (\(all)); mirror share taken as 0"))
        }
        out.append(DownloadRecord(date: day, package: package, source: source, dimension: Dimension.downloadClass, category: nonMirror, downloads: nonMirrorCount))
        out.append(DownloadRecord(date: day, package: package, source: source, dimension: Dimension.downloadClass, category: mirror, downloads: max(0, all - nonMirrorCount)))
      }
    }
    return (RecordSet(snapshot: records.snapshot, records: out, kind: RecordSet.classifiedKind), diagnostics)
  }
}
