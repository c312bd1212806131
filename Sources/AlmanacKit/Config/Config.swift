/// `almanac.yml`: what to watch, where the data comes from, how to classify and render it.
///
/// Tokens are never in this file: it names the environment variables that hold them.
public struct Config: Equatable, Sendable {
  public struct PyPIStatsSource: Equatable, Sendable {
    public var enabled = true
    /// Packages for this source; empty means `targets.packages`.
    public var packages: [PackageName] = []
    public var baseURL = PyPIStats.defaultBaseURL
    /// Seconds between two requests (pypistats.org allows 30 a minute per IP).
    public var requestInterval = PyPIStats.defaultRequestInterval

    public init() {}
  }

  public struct HTTP: Equatable, Sendable {
    /// Whole seconds per request (URLSession on Linux truncates fractions).
    public var timeout = 30
    /// Attempts per request, including the first.
    public var attempts = 4
    /// Seconds one source may spend in all, waits included.
    public var deadline = 600
    /// Longest single wait Almanac accepts from `Retry-After` or a rate-limit reset.
    public var maxRetryWait = 120
    /// Who to contact, added to the User-Agent (pypistats.org and GitHub ask for one).
    public var contact: String?

    public init() {}
  }

  public struct Render: Equatable, Sendable {
    public var badges = true
    public var report = true
    public var labelColor = "grey"
    /// `render.cache_seconds`, `render.named_logo`, `render.logo_color`: the endpoint JSON's
    /// extra keys.
    public var endpoint = Badge.Endpoint()

    public init() {}
  }

  public struct Retention: Equatable, Sendable {
    /// Raw snapshots older than this many days are removed from the working tree (git history
    /// keeps them). 0 keeps them all.
    public var rawDays = 0

    public init() {}
  }

  public var statsDir = "stats"
  public var packages: [PackageName] = []
  public var repos: [String] = []
  /// Every `sources.<name>` section, each the type its source owns (`SourceCatalog`).
  public var sources = SourceSections()
  /// Token name → environment variable that holds it, e.g. `github: ALMANAC_GITHUB_TOKEN`.
  public var tokens: [String: String] = [:]
  public var mirrorInstallers = ["bandersnatch", "z3c.pypimirror", "Artifactory", "devpi"]
  /// `classification.human`: installers whose downloads could have been a person (an upper bound).
  public var humanInstallers = InstallerRules.defaultHuman.sorted()
  /// `classification.classes`: installer name → class, overriding the rule table.
  public var installerClasses: [String: InstallerClass] = [:]
  public var http = HTTP()
  public var render = Render()
  public var retention = Retention()
  public var privacy = Privacy()
  /// `alerts:`: rules over every stored series and where alerts are delivered.
  public var alerts = AlertsConfig()
  /// `sinks:`: where the series are copied after each night (ClickHouse).
  public var sinks = Sinks()

  public init() {}

  public var pypistats: PyPIStatsSource? {
    get { sources[PyPIStatsSource.self] }
    set { sources[PyPIStatsSource.self] = newValue }
  }

  public var pypi: PyPISource? {
    get { sources[PyPISource.self] }
    set { sources[PyPISource.self] = newValue }
  }

  public var githubEvents: GitHubEventsSource? {
    get { sources[GitHubEventsSource.self] }
    set { sources[GitHubEventsSource.self] = newValue }
  }

  public var github: GitHubSource? {
    get { sources[GitHubSource.self] }
    set { sources[GitHubSource.self] = newValue }
  }

  /// The installer rules the ClickHouse PyPI source classifies with: the versioned table, the
  /// configured mirrors and class overrides, and the human list.
  public var installerRules: InstallerRules {
    InstallerRules(overrides: installerClasses, mirrors: mirrorInstallers, human: Set(humanInstallers))
  }

  /// The packages the pypistats source fetches.
  public var pypistatsPackages: [PackageName] {
    guard let source = pypistats, source.enabled else { return [] }
    return source.packages.isEmpty ? packages : source.packages
  }

  /// Every package the report covers, primary (first) first.
  public var allPackages: [PackageName] {
    var seen = Set<PackageName>()
    return (packages + (pypistats?.packages ?? [])).filter { seen.insert($0).inserted }
  }
}
