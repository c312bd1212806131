/// The versioned rule table from linehaul installer name to `InstallerClass`, plus the list of
/// installers whose downloads "could have been a person".
///
/// Version 1 covers every name linehaul's user-agent parser emits (pypi-notes.md §4.2) and the
/// installers other analyses count as possibly human (pipenv, hatch, pip-tools, rye, flit).
/// Names match exactly first, then case-insensitively. Change the table only together with
/// `version`, so a classified file can say which rules made it.
public struct InstallerRules: Equatable, Sendable {
  public static let version = 1

  /// linehaul's names → class, rule table version 1.
  public static let linehaul: [String: InstallerClass] = [
    "pip": .installer, "uv": .installer, "poetry": .installer, "pdm": .installer, "conda": .installer,
    "pex": .installer, "pipenv": .installer, "hatch": .installer, "pip-tools": .installer, "rye": .installer,
    "flit": .installer,
    "bandersnatch": .mirror, "z3c.pypimirror": .mirror, "pep381client": .mirror, "devpi": .mirror,
    "Artifactory": .mirror, "Nexus": .mirror,
    "Browser": .browser,
    "requests": .httpClient, "Python-urllib": .httpClient,
    "Homebrew": .osPackaging, "OS": .osPackaging,
    "Bazel": .build, "maturin": .build, "setuptools": .build, "distribute": .build, "twine": .build,
    // linehaul's null (no parsable user agent) arrives from ClickHouse as ''.
    "": .unknown,
  ]

  /// The seed's coarse split: pip and uv could be people; everything else is a bot.
  public static let defaultHuman: Set<String> = ["pip", "uv"]

  public var classes: [String: InstallerClass]
  public var human: Set<String>
  private var folded: [String: InstallerClass]

  /// `overrides` (from `classification.classes`) replace table entries; `mirrors` (from
  /// `classification.mirrors`) are classed as mirrors on top; `human` replaces the default list.
  public init(
    overrides: [String: InstallerClass] = [:], mirrors: [String] = [], human: Set<String> = InstallerRules.defaultHuman
  ) {
    var classes = Self.linehaul
    for name in mirrors { classes[name] = .mirror }
    for (name, cls) in overrides { classes[name] = cls }
    self.classes = classes
    self.human = human
    var folded: [String: InstallerClass] = [:]
    for (name, cls) in classes.sorted(by: { $0.key < $1.key }) where folded[name.lowercased()] == nil {
      folded[name.lowercased()] = cls
    }
    self.folded = folded
  }

  /// The class of an installer name, or nil when the table does not know it.
  public func classOf(_ installer: String) -> InstallerClass? {
    classes[installer] ?? folded[installer.lowercased()]
  }

  /// Whether downloads by this installer could have been a person (an upper bound).
  public func couldBeHuman(_ installer: String) -> Bool {
    human.contains(installer)
  }
}
