/// What the classify stage makes of detail rows (`DetailedRecordSet`): classified records, the
/// days to keep out of trend baselines, and the release days it inferred.
public struct ClassifiedDetail: Equatable, Sendable {
  /// Kind `classified`, one row per (package, day or version, dimension, category):
  /// `installer_class/<class>` per day, `audience/could_be_human|bot` per day (both always
  /// present, so the human share is computable), `version_<class>/<version>` per day, and
  /// `estimate/estimated_human_behind_proxy` per day when the estimate is defined.
  public var records: RecordSet
  public var flags: [DayFlag]
  /// Package → version → release day: as given for a package whose release days were passed,
  /// else the first day a version has downloads (not the data's first day).
  public var releases: [String: [String: Day]]
  /// `InstallerRules.version` of the table that classified the rows.
  public var rulesVersion: Int
}
