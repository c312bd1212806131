/// What `almanac init` was told to watch; each source's `initSnippet` reads it.
public struct InitTargets: Equatable, Sendable {
  public var packages: [String] = []
  public var repos: [String] = []
  public var plausibleSite: String?
  public var statsDir = "stats"
  /// Publish the HTML report to GitHub Pages (else: a run artifact).
  public var pages = false

  public init(packages: [String] = [], repos: [String] = [], plausibleSite: String? = nil, statsDir: String = "stats", pages: Bool = false) {
    self.packages = packages
    self.repos = repos
    self.plausibleSite = plausibleSite
    self.statsDir = statsDir
    self.pages = pages
  }

  /// The placeholder `almanac config example` prints.
  static let example = InitTargets(packages: ["your-package"])
}
