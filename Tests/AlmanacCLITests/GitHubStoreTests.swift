import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// The GitHub source through the store: files written change-only, a second run of the same
/// night changes nothing, the report section, no personal data, and every file validates.
@Suite struct GitHubThroughTheStore {
  static func config(_ server: FakeAPIServer) -> Config {
    var config = Config()
    var github = Config.GitHubSource()
    github.repos = ["o/r"]
    github.baseURL = server.baseURL
    config.github = github
    config.privacy.profiles = .basic  // profiles.csv is written and validated too, without contact data
    return config
  }

  static func stages(_ dir: TempDirectory, _ day: Day) -> Stages {
    Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: day)
  }

  @Test func twoNightsWriteTheRepositoryFilesAndARerunChangesNothing() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    var repo = sampleRepo(stars: 7)
    repo.stars.append(.init(at: "2026-11-20T08:00:00Z", id: 77, login: "ncthuc"))
    repo.clones["2026-11-21"] = (2, 1)  // the nightly job's own checkout among them
    server.serveGitHub([repo])
    let dir = TempDirectory("github-store")
    // The nightly job runs in o/r itself: its checkouts are clones the report subtracts.
    let env = ["ALMANAC_GITHUB_TOKEN": "ghp_secret_value_1", "GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "o/r"]
    let night1 = Self.stages(dir, ghDay)
    let raw = try await night1.githubNight(config: Self.config(server), client: client(), environment: env)
    #expect(raw.failures.isEmpty)
    for name in ["profiles.csv", "stars.csv", "forks-daily.csv", "traffic.csv", "traffic-windows.csv", "traffic-coverage.csv", "repo.csv", "popular.csv", "stargazers.csv", "forks.csv", "releases.csv", "release-downloads.csv"] {
      #expect(dir.read("stats/series/github/o/r/\(name)") != nil, "\(name)")
    }
    #expect(dir.read("stats/raw/github/2026-11-21.json") != nil)
    #expect(dir.read("stats/series/github/o/r/stars.csv")?.hasSuffix("2026-01-03,1,7\n2026-11-20,1,8\n") == true)
    #expect(dir.read("stats/state/github.json")?.contains("W/\\\"") == true)

    // The same night again: every file unchanged.
    let again = Self.stages(dir, ghDay)
    _ = try await again.githubNight(config: Self.config(server), client: client(), environment: env)
    #expect(again.written.all.filter { $0.contains("/series/github/") }.isEmpty)

    // The next night: the report shows counts, traffic, stars grouped per day.
    let night2 = Self.stages(dir, ghDay.adding(days: 1))
    _ = try await night2.githubNight(config: Self.config(server), client: client(), environment: env)
    let rendering = try GitHubNightly(environment: env).render(Night(config: Self.config(server), client: client(), stages: night2))
    let section = rendering.reportSection
    #expect(section.contains("## GitHub: o/r"))
    #expect(section.contains("| Stars | 8 |"))
    #expect(section.contains("| Open issues and pull requests (GitHub counts both) | 4 |"))
    #expect(section.contains("| Sum of daily uniques |"))
    #expect(section.contains("- 2026-11-20: #8 - ncthuc"))
    #expect(section.contains("Clones exclude 1 checkout by Almanac's own nightly job, which runs in this repository."))
    #expect(section.contains("(3 stars)"))
    #expect(rendering.summary["github"]?["o/r"]?["stars"] == .int(8))
    #expect(dir.read("stats/badges/o-r-stars.svg") != nil)

    // Nothing personal and no token anywhere in stats/.
    let everything = try allFiles(dir.file("stats")).joined(separator: "\n")
    #expect(!everything.contains("ghp_secret_value_1"))
    let email = try Regex(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#)
    #expect(everything.firstMatch(of: email) == nil)

    // Every file matches its schema (skipped when the validator is not installed).
    let checker = ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"] ?? ""
    if FileManager.default.isExecutableFile(atPath: checker) {
      let result = try await Shell.run("'\(Paths.packageRoot)/scripts/validate-store' '\(dir.file("stats"))'", environment: ["CHECK_JSONSCHEMA": checker])
      #expect(result.status == 0, "\(result.stderr)")
    }
  }

  func allFiles(_ root: String) throws -> [String] {
    let names = FileManager.default.enumerator(atPath: root)?.allObjects.compactMap { $0 as? String } ?? []
    return names.compactMap { FileManager.default.contents(atPath: "\(root)/\($0)").map { String(decoding: $0, as: UTF8.self) } }
  }
}

/// Profiles are opt-in; contact data only with `privacy.profiles: full` (catalogue 21 too).
@Suite struct GitHubProfiles {
  func fetch(_ level: GitHubProfile.Level, users: [String: String] = [:]) async throws -> (RawSnapshot, GitHubRepoData?, [FakeRequest]) {
    let server = try FakeAPIServer()
    defer { server.stop() }
    var repo = sampleRepo(stars: 2)
    repo.stars += [.init(at: "2026-02-01T00:00:00Z", id: 5, login: "gone"), .init(at: "2026-02-02T00:00:00Z", id: 6, login: "bare"),
                   .init(at: "2026-02-03T00:00:00Z", id: 7, login: "acme-org"), .init(at: "2026-02-04T00:00:00Z", id: 8, login: "dependabot")]
    server.serveGitHub([repo]) {
      $0.users = users
    }
    var options = GitHubFetcher.Options()
    options.profiles = level
    options.traffic = false
    let result = await ghFetcher(server, options: options).fetch(repos: ["o/r"], date: ghDay)
    let (repos, diagnostics) = normalized(result.snapshot)
    #expect(diagnostics.isEmpty)
    return (result.snapshot, repos["o/r"], server.requests)
  }

  static let users = [
    "gone": "",  // a deleted account: 404
    "bare": #"{"login":"bare","id":6,"type":"User","name":null,"company":null,"blog":"","location":null,"email":null,"hireable":null,"bio":null,"twitter_username":null,"public_repos":0,"followers":0,"created_at":"2020-01-01T00:00:00Z"}"#,
    "dependabot": #"{"login":"dependabot","id":8,"type":"Bot","public_repos":0,"followers":0,"created_at":"2019-05-01T00:00:00Z"}"#,
    "acme-org": #"{"login":"acme-org","id":7,"type":"Organization","name":"Acme","company":null,"blog":"","location":null,"email":"hello@acme.example","public_repos":3,"followers":9,"created_at":"2019-01-01T00:00:00Z"}"#,
  ]

  @Test func byDefaultNoProfileIsAskedForOrKept() async throws {
    let (raw, data, requests) = try await fetch(.off)
    #expect(!requests.contains { $0.path.hasPrefix("/users/") })
    #expect(data?.profiles.rows.isEmpty == true)
    #expect(!raw.encoded().contains("@example.org"))
  }

  @Test func basicKeepsNoContactDataEvenInTheRawSnapshot() async throws {
    let (raw, data, _) = try await fetch(.basic, users: Self.users)
    let rows = try #require(data?.profiles.sortedRows)
    #expect(rows.map { $0[0] } == ["acme-org", "bare", "dependabot", "user1000", "user1001"])  // `gone` answered 404
    #expect(rows.first { $0[0] == "dependabot" }?[2] == "Bot")
    #expect(rows.first { $0[0] == "user1000" } == ["user1000", "1000", "User", "42", "8", "2015-01-14T04:33:35Z", "@acme", "Lyon", "", "", "", ""])
    #expect(rows.first { $0[0] == "acme-org" }?[2] == "Organization")
    let everything = raw.encoded() + (data?.profiles.encoded() ?? "")
    #expect(everything.firstMatch(of: try Regex(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#)) == nil)
  }

  @Test func fullKeepsContactDataBecauseItWasAskedFor() async throws {
    let (_, data, _) = try await fetch(.full)
    #expect(data?.profiles.rows[["user1000"]]?[9] == "user1000@example.org")
  }
}

/// Many repositories: an owner's, chosen by globs, forks and archived skipped by default.
@Suite struct GitHubDiscovery {
  @Test(arguments: [true, false])
  func anOwnersRepositoriesAreChosenByGlobsAndEachGetsItsFiles(organisation: Bool) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    var fork = sampleRepo("acme/fork-of-x")
    fork.isFork = true
    var old = sampleRepo("acme/old-tool")
    old.archived = true
    let names = (1...120).map { "acme/lib-\($0)" }
    server.serveGitHub([sampleRepo("acme/tool"), sampleRepo("acme/tool-docs"), fork, old] + names.map { GitHubFakeRepo($0, id: 1) }) {
      if organisation { $0.organisations = ["acme"] }
    }
    var config = Config()
    var github = Config.GitHubSource()
    github.baseURL = server.baseURL
    github.traffic = false
    github.stars = "count"
    github.forks = false
    github.releases = false
    var discovery = RepoDiscovery(owner: "acme")
    discovery.include = ["tool*", "lib-1?"]
    discovery.exclude = ["*-docs"]
    github.discover = discovery
    config.github = github
    #expect(config.githubEnabled)
    let dir = TempDirectory("github-discovery")
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: ghDay)
    let raw = try await stages.githubNight(config: config, client: client(), environment: ["ALMANAC_GITHUB_TOKEN": "ghp_x1234"])
    let fetched = Set(raw.exchanges.filter { $0.endpoint == "repo" }.map(\.target))
    #expect(fetched == Set(["acme/tool"] + (10...19).map { "acme/lib-\($0)" }))
    #expect(dir.read("stats/series/github/acme/tool/repo.csv") != nil)
    #expect(stages.githubStoredRepos(config: config).count == 11)
    let report = try GitHubNightly().render(Night(config: config, client: client(), stages: stages)).reportSection
    #expect(report.hasPrefix("## GitHub: all repositories\n"))
    #expect(report.contains("| **All** | **5** |"))
  }

  @Test func globsMatchLikeAShell() {
    #expect(RepoDiscovery.glob("*", matches: "anything"))
    #expect(RepoDiscovery.glob("lib-?", matches: "LIB-7"))
    #expect(!RepoDiscovery.glob("lib-?", matches: "lib-17"))
    #expect(RepoDiscovery.glob("*-docs", matches: "tool-docs"))
    #expect(!RepoDiscovery.glob("tool*", matches: "my-tool"))
  }
}
