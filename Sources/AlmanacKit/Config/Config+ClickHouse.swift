extension Config {
  /// Where a ClickHouse source sends its SQL. The password is never in the file: `passwordEnv`
  /// names the environment variable that holds it (empty for the public endpoint's `demo`).
  public struct ClickHouseEndpoint: Equatable, Sendable {
    public var endpoint = PyPIClickHouse.defaultEndpoint
    public var user: String? = PyPIClickHouse.defaultUser
    public var passwordEnv: String?
    public var database: String

    public init(database: String) { self.database = database }
  }

  /// `sources.pypi`: PyPI downloads from ClickHouse (the ClickPy data set).
  public struct PyPISource: Equatable, Sendable {
    public var enabled = true
    /// Packages for this source; empty means `targets.packages`.
    public var packages: [PackageName] = []
    public var clickhouse = ClickHouseEndpoint(database: PyPIClickHouse.defaultDatabase)
    /// The large project whose newest day and count tell whether the data set is fresh.
    public var referenceProject = PackageName(PyPIClickHouse.defaultReferenceProject)
    /// Days re-asked every night (the data set rewrites recent days).
    public var trailingDays = 3
    public var freshness = PyPIFreshness()
    /// Largest accepted difference between pypistats.org and ClickHouse on a day (0.05 = 5%).
    public var tolerance = ConsistencyCheck.defaultTolerance

    public init() {}
  }

  /// `sources.github-events`: GitHub activity from the public events data set.
  public struct GitHubEventsSource: Equatable, Sendable {
    public var enabled = true
    /// Repositories for this source; empty means `targets.repos`.
    public var repos: [String] = []
    public var clickhouse = ClickHouseEndpoint(database: GitHubEvents.defaultDatabase)
    public var trailingDays = 3
    /// Keep the logins of forkers and releasers (personal data) in `stats/`. Off by default.
    public var personalData = false

    public init() {}
  }

  /// The packages the `pypi` source fetches.
  public var pypiPackages: [PackageName] {
    guard let source = pypi, source.enabled else { return [] }
    return source.packages.isEmpty ? packages : source.packages
  }

  /// The repositories the `github-events` source fetches.
  public var githubEventsRepos: [RepoName] {
    guard let source = githubEvents, source.enabled else { return [] }
    return (source.repos.isEmpty ? repos : source.repos).compactMap(RepoName.init)
  }
}
