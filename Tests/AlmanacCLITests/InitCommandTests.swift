import AlmanacKit
import ArgumentParser
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

@Suite struct InitTemplatesAreTheRepositorysOwnFiles {
  func repositoryFile(_ path: String) throws -> String {
    try String(contentsOfFile: "\(Paths.packageRoot)/\(path)", encoding: .utf8)
  }

  @Test func statsReadmeIsTheTemplate() throws {
    #expect(try repositoryFile("stats/README.md") == InitTemplates.statsReadme())
  }

  @Test func theNightlyWorkflowIsWhatInitWritesWithTheLocalAction() throws {
    #expect(try repositoryFile(".github/workflows/nightly.yml") == InitTemplates.workflow(action: "./", pages: true))
  }

  @Test func theProjectsOwnConfigIsWhatInitWritesForIt() throws {
    let targets = InitTemplates.Targets(packages: ["almanac-stats"], repos: ["almanac-stats/almanac"])
    #expect(try repositoryFile("almanac.yml") == InitTemplates.config(targets))
  }

  @Test func theReadmeShowsTheWorkflowInitWrites() throws {
    #expect(try repositoryFile("README.md").contains("```yaml\n" + InitTemplates.workflow(action: InitTemplates.actionReference, pages: false) + "```\n"))
  }

  @Test func theConfigExampleIsInitsConfigWithAPlaceholder() {
    #expect(ConfigExample.text == InitTemplates.config(.example))
  }
}

@Suite struct InitWritesConfigsThatReadBack {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var targets: InitTemplates.Targets
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "one package", targets: .init(packages: ["demo"])),
    Case(name: "packages and repos", targets: .init(packages: ["Demo_Pkg", "other"], repos: ["o/r", "o/r2"])),
    Case(name: "repos only", targets: .init(repos: ["octo/tidewater"])),
    Case(name: "plausible site and stats dir", targets: .init(packages: ["demo"], plausibleSite: "docs.example.org", statsDir: "data/stats")),
    Case(name: "names YAML would misread", targets: .init(packages: ["true", "123", "null"], statsDir: "2026")),
  ]

  @Test(arguments: cases) func theConfigParsesToWhatWasAskedFor(_ c: Case) throws {
    let config = try ConfigParser.parse(InitTemplates.config(c.targets), path: "almanac.yml")
    #expect(config.packages.map(\.normalized) == c.targets.packages.compactMap(PackageName.init).map(\.normalized))
    #expect(config.repos == c.targets.repos)
    #expect(config.statsDir == c.targets.statsDir)
    #expect(config.pypistats?.enabled == !c.targets.packages.isEmpty)
    #expect(config.tokens == (c.targets.repos.isEmpty ? [:] : ["github": "ALMANAC_GITHUB_TOKEN"]))
    // `--repo` turns on the sources it implies.
    #expect((config.github?.enabled ?? false) == !c.targets.repos.isEmpty)
    #expect((config.githubEvents?.enabled ?? false) == !c.targets.repos.isEmpty)
  }

  @Test func everyKnownAndPlannedSourceIsListedAndThePlannedOnesAreDisabled() {
    let text = InitTemplates.config(.init(packages: ["demo"], plausibleSite: "docs.example.org"))
    for source in ConfigParser.knownSources + ConfigParser.plannedSources {
      #expect(text.contains("\n  \(source):"), "sources.\(source) is missing")
    }
    for source in ConfigParser.plannedSources + ["plausible", "sentry", "reddit", "usage"] {
      #expect(text.contains("\n  \(source):"))
      let block = text.components(separatedBy: "\n  \(source):").last ?? ""
      #expect(block.split(separator: "\n").dropFirst().first?.trimmingCharacters(in: .whitespaces).hasPrefix("enabled: false") == true, "\(source)")
    }
    #expect(text.contains("    sites: [docs.example.org]\n"))
  }

  @Test func scalarsQuoteWhatYAMLWouldReadAsAnotherType() {
    #expect(InitTemplates.scalar("demo") == "demo")
    #expect(InitTemplates.scalar("o/r") == "o/r")
    #expect(InitTemplates.scalar("True") == "\"True\"")
    #expect(InitTemplates.scalar("123") == "\"123\"")
    #expect(InitTemplates.scalar("1.0") == "\"1.0\"")
  }

  @Test func theFilesAreTheConfigTheWorkflowAndTheStatsReadme() throws {
    let files = try InitCommand.files(.init(packages: ["demo"], statsDir: "data"))
    #expect(files.map(\.path) == ["almanac.yml", ".github/workflows/almanac.yml", "data/README.md"])
    #expect(files[1].text.contains("      - uses: almanac-stats/almanac@v1\n"))
    #expect(files[2].text.hasPrefix("# data/\n"))
  }
}

@Suite struct InitAsksOnlyWhenItMust {
  @Test func flagsMeanNoQuestion() throws {
    let packages = try InitCommand.packagesToWatch(given: ["demo"], repos: [], isTerminal: true) { _ in
      Issue.record("asked although --package was given")
      return nil
    }
    #expect(packages == ["demo"])
  }

  @Test func aTerminalIsAskedForThePackages() throws {
    var prompts: [String] = []
    let packages = try InitCommand.packagesToWatch(given: [], repos: [], isTerminal: true) { prompt in
      prompts.append(prompt)
      return "demo, other"
    }
    #expect(packages == ["demo", "other"])
    #expect(prompts == ["PyPI package to watch (several: separate with spaces): "])
  }

  @Test func anEmptyAnswerIsFineOnlyWhenReposAreNamed() throws {
    #expect(try InitCommand.packagesToWatch(given: [], repos: ["o/r"], isTerminal: true) { _ in "" } == [])
    for answer in ["", "  ", nil] as [String?] {
      do {
        _ = try InitCommand.packagesToWatch(given: [], repos: [], isTerminal: true) { _ in answer }
        Issue.record("accepted no package and no repo")
      } catch {
        #expect(error.description == "no package named; nothing was written. Pass --package NAME, or answer with a PyPI project name.")
      }
    }
  }

  @Test func aNameThatIsNotAPackageIsRefused() {
    do {
      _ = try InitCommand.packagesToWatch(given: [], repos: [], isTerminal: true) { _ in "not/a/package" }
      Issue.record("accepted an invalid name")
    } catch {
      #expect(error.description == "`not/a/package` is not \(PackageName.grammarHint); nothing was written.")
    }
  }

  struct BadFlags: CustomTestStringConvertible, Sendable {
    var packages: [String] = []
    var repos: [String] = []
    var site: String?
    var statsDir = "stats"
    var message: String
    var testDescription: String { message }
  }

  @Test(arguments: [
    BadFlags(packages: ["-bad"], message: "--package `-bad` is not \(PackageName.grammarHint)."),
    BadFlags(packages: ["Demo", "demo"], message: "--package `demo` is given twice (as `demo`)."),
    BadFlags(repos: ["just-a-name"], message: "--repo `just-a-name` is not `owner/name`."),
    BadFlags(site: "https://docs.example.org", message: "--plausible-site `https://docs.example.org` is not a domain like docs.example.org."),
    BadFlags(statsDir: "../elsewhere", message: "--stats-dir `../elsewhere` must be a path inside the repository, like `stats` or `data/stats`."),
    BadFlags(statsDir: "/tmp/stats", message: "--stats-dir `/tmp/stats` must be a path inside the repository, like `stats` or `data/stats`."),
  ])
  func badFlagsAreUsageErrors(_ c: BadFlags) {
    #expect(throws: ValidationError.self) {
      try InitCommand.validate(packages: c.packages, repos: c.repos, plausibleSite: c.site, statsDir: c.statsDir)
    }
    do {
      try InitCommand.validate(packages: c.packages, repos: c.repos, plausibleSite: c.site, statsDir: c.statsDir)
    } catch let error as ValidationError {
      #expect(error.message == c.message)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}

@Suite struct InitNeedsTheTopOfAGitRepository {
  @Test func aDirectoryOutsideGitIsRefused() {
    let dir = TempDirectory("nogit")
    #expect(throws: AlmanacError.self) { try InitCommand.requireRepositoryTop(dir.path) }
  }

  @Test func aSubdirectoryNamesTheTop() throws {
    let dir = TempDirectory("sub")
    try FileManager.default.createDirectory(atPath: dir.file(".git"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: dir.file("docs"), withIntermediateDirectories: true)
    try InitCommand.requireRepositoryTop(dir.path)
    do {
      try InitCommand.requireRepositoryTop(dir.file("docs"))
      Issue.record("accepted a subdirectory")
    } catch {
      #expect(error.description.contains("is inside the git repository \(dir.path), not at its top"))
    }
  }

  @Test func aWorktreeWhoseGitIsAFileCounts() throws {
    let dir = TempDirectory("worktree")
    try dir.write(".git", "gitdir: /elsewhere/.git/worktrees/x\n")
    try InitCommand.requireRepositoryTop(dir.path)
  }
}
