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
