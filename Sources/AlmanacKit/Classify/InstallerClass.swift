/// What kind of client fetched a file, from linehaul's installer name (pypi-notes.md §4.2).
///
/// The raw value is the category written in classified files (`installer_class` dimension)
/// and the suffix of the per-version dimensions (`version_mirror`, …).
public enum InstallerClass: String, CaseIterable, Hashable, Sendable, Comparable {
  /// Package installers a person or a CI job runs: pip, uv, poetry, pdm, conda, pex, …
  case installer
  /// Mirrors and caching proxies: bandersnatch, z3c.pypimirror, pep381client, devpi, Artifactory, Nexus.
  case mirror
  /// Browsers and download tools (linehaul's `Browser`: curl, wget, Mozilla, okhttp, …).
  case browser
  /// Bare HTTP clients used by scripts and scanners: requests, Python-urllib.
  case httpClient = "http_client"
  /// Operating-system packaging: Homebrew, `OS` (MacPorts, xbps, libfetch, …).
  case osPackaging = "os_packaging"
  /// Build and upload tools: Bazel, maturin, setuptools, distribute, twine.
  case build
  /// No installer name (linehaul could not parse the user agent), or a name the rule table
  /// does not know (reported as a diagnostic, never silently binned elsewhere).
  case unknown

  public static func < (a: InstallerClass, b: InstallerClass) -> Bool { a.rawValue < b.rawValue }

  /// Index into dense per-class counters (`allCases` order).
  var index: Int {
    switch self {
    case .installer: 0
    case .mirror: 1
    case .browser: 2
    case .httpClient: 3
    case .osPackaging: 4
    case .build: 5
    case .unknown: 6
    }
  }

  /// The per-version dimension of this class, e.g. `version_mirror`.
  public var versionDimension: String { Dimension.versionClassPrefix + rawValue }
}

extension Dimension {
  /// Classified downloads per day by installer class (category = `InstallerClass.rawValue`).
  public static let installerClass = "installer_class"
  /// The coarse split: `could_be_human` (an upper bound: the data has no CI flag) and `bot`.
  public static let audience = "audience"
  /// Per version and class: dimension `version_<class>`, category = the version string.
  public static let versionClassPrefix = "version_"
  /// Model estimates (category `estimated_human_behind_proxy`); not additive with `audience`.
  public static let estimate = "estimate"
}

/// Categories of the `audience` and `estimate` dimensions.
public enum Audience {
  /// Downloads by installers in the human list (pip and uv by default). An **upper bound** on
  /// people: CI runs pip and uv too, and ClickPy keeps no CI flag.
  public static let couldBeHuman = "could_be_human"
  public static let bot = "bot"
  /// Mirror and proxy downloads that follow the human version mix (see `DemandEstimate`).
  public static let estimatedHumanBehindProxy = "estimated_human_behind_proxy"
}
