import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// The validators scripts/test installs into .venv-tools/.
enum Validators {
  static func tool(_ name: String, variable: String) throws -> String {
    let path = ProcessInfo.processInfo.environment[variable] ?? "\(Paths.packageRoot)/.venv-tools/bin/\(name)"
    try #require(FileManager.default.isExecutableFile(atPath: path), "\(name) is missing: run scripts/test, which installs it")
    return path
  }

  static func checkJSONSchema() throws -> String { try tool("check-jsonschema", variable: "CHECK_JSONSCHEMA") }
  static func actionlint() throws -> String { try tool("actionlint", variable: "ACTIONLINT") }

  /// Runs both workflow validators on `files` (paths relative to `cwd`, a git repository).
  static func expectValidWorkflows(_ files: [String], cwd: String) async throws {
    let quoted = files.map { "'\($0)'" }.joined(separator: " ")
    let schema = try await Shell.run("'\(try checkJSONSchema())' --builtin-schema vendor.github-workflows \(quoted)", cwd: cwd)
    #expect(schema.status == 0, "\(schema.stdout)\(schema.stderr)")
    let lint = try await Shell.run("'\(try actionlint())' \(quoted)", cwd: cwd)
    #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
  }
}

/// A fresh `git init`ed directory.
func gitRepository(_ label: String) async throws -> TempDirectory {
  let dir = TempDirectory(label)
  let r = try await Shell.run("git init -q .", cwd: dir.path)
  try #require(r.status == 0, "git init failed: \(r.stderr)")
  return dir
}

@Suite(.serialized) struct TheNightlyJobValidates {
  @Test func theActionMatchesGitHubsSchema() async throws {
    let r = try await Shell.run("'\(try Validators.checkJSONSchema())' --builtin-schema vendor.github-actions action.yml", cwd: Paths.packageRoot)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
  }

  @Test func everyWorkflowOfThisRepositoryPassesBothValidators() async throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: "\(Paths.packageRoot)/.github/workflows").filter { $0.hasSuffix(".yml") }.sorted()
    #expect(names.contains("nightly.yml"))
    try await Validators.expectValidWorkflows(names.map { ".github/workflows/\($0)" }, cwd: Paths.packageRoot)
  }

  @Test func theProjectsOwnConfigMatchesTheSchema() async throws {
    let r = try await Shell.run("'\(try Validators.checkJSONSchema())' --schemafile schemas/almanac.config.schema.json almanac.yml", cwd: Paths.packageRoot)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
  }
}

@Suite(.serialized) struct InitInARepository {
  @Test func whatInitWritesPassesTheValidatorsAndParses() async throws {
    let dir = try await gitRepository("init")
    let r = try await Shell.run("almanac init --package demo --repo o/r < /dev/null", cwd: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    #expect(Set(dir.snapshot().keys.filter { !$0.hasPrefix(".git/") }) == ["almanac.yml", ".github/workflows/almanac.yml", "stats/README.md", "stats/.gitignore"])
    // The usage source's raw inbox is ignored from the start.
    #expect(dir.read("stats/.gitignore") == ".almanac.lock\n.*.tmp\ninbox/\n")
    try await Validators.expectValidWorkflows([".github/workflows/almanac.yml"], cwd: dir.path)
    let schema = try await Shell.run(
      "'\(try Validators.checkJSONSchema())' --schemafile '\(Paths.packageRoot)/schemas/almanac.config.schema.json' almanac.yml", cwd: dir.path)
    #expect(schema.status == 0, "\(schema.stdout)\(schema.stderr)")
    let config = try ConfigParser.parse(try #require(dir.read("almanac.yml")), path: "almanac.yml")
    #expect(config.packages.map(\.normalized) == ["demo"])
    #expect(config.repos == ["o/r"])
    #expect(config.pypistats?.enabled == true)
    let check = try await Shell.run("almanac config check && almanac config get stats_dir", cwd: dir.path)
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stdout.hasSuffix("\nstats\n"))
  }

  @Test func withPagesTheWorkflowPublishesTheReportFromItsOwnJobAndPassesTheValidators() async throws {
    let dir = try await gitRepository("init-pages")
    let r = try await Shell.run("almanac init --package demo --pages < /dev/null", cwd: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    try await Validators.expectValidWorkflows([".github/workflows/almanac.yml"], cwd: dir.path)
    let workflow = try #require(dir.read(".github/workflows/almanac.yml"))
    // Least privilege: nothing at the top, contents for the commit job, Pages only for Pages.
    #expect(workflow.contains("\npermissions: {}\n"))
    let jobs = workflow.components(separatedBy: "\n  pages:\n")
    #expect(jobs.count == 2)
    #expect(jobs[0].contains("contents: write") && !jobs[0].contains("pages: write") && !jobs[0].contains("id-token"))
    #expect(jobs[1].contains("pages: write") && jobs[1].contains("id-token: write") && !jobs[1].contains("contents: write"))
    #expect(jobs[0].contains("uses: actions/upload-pages-artifact@v3"))
    #expect(jobs[1].contains("uses: actions/deploy-pages@v4"))
    let plain = try await gitRepository("init-artifact")
    _ = try await Shell.run("almanac init --package demo < /dev/null", cwd: plain.path)
    let artifact = try #require(plain.read(".github/workflows/almanac.yml"))
    #expect(artifact.contains("uses: actions/upload-artifact@v4") && !artifact.contains("pages: write"))
  }

  @Test func itPrintsTheSecretsAndWhy() async throws {
    let dir = try await gitRepository("secrets")
    let r = try await Shell.run("almanac init --package demo --repo o/r", cwd: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("Wrote almanac.yml, .github/workflows/almanac.yml, stats/README.md.\n"))
    for phrase in [
      "two tokens, each with the least privilege it needs", "ALMANAC_GITHUB_TOKEN  add it under Settings → Secrets and variables → Actions.",
      "\"Administration: Read-only\" on o/r", "a classic one with the\n    `repo` scope", "GITHUB_TOKEN  nothing to add",
      "used only to push the night's commit. It cannot read traffic.",
    ] {
      #expect(r.stdout.contains(phrase), "missing: \(phrase)")
    }
  }

  /// After enabling sources in almanac.yml, `init --workflow-only` rewrites the workflow to
  /// pass each enabled source's secret under the variable the config names; both validators
  /// accept it, and a disabled source's secret is not passed.
  @Test func theWorkflowPassesTheSecretsOfTheEnabledSources() async throws {
    let dir = try await gitRepository("init-secrets")
    let first = try await Shell.run("almanac init --package demo --plausible-site docs.demo.dev < /dev/null", cwd: dir.path)
    #expect(first.status == 0, "\(first.stderr)")
    let plain = try #require(dir.read(".github/workflows/almanac.yml"))
    #expect(!plain.contains("PLAUSIBLE") && !plain.contains("SENTRY") && !plain.contains("REDDIT"))
    var yaml = try #require(dir.read("almanac.yml"))
    for (from, to) in [
      ("enabled: false              # set the PLAUSIBLE_API_KEY secret, then set true", "enabled: true"),
      ("# key_env: PLAUSIBLE_API_KEY       # the variable that holds a Stats API key", "key_env: DOCS_STATS_KEY"),
      ("enabled: false              # name your org and projects, set the SENTRY_AUTH_TOKEN secret (scopes org:read, event:read), then set true", "enabled: true"),
    ] {
      #expect(yaml.contains(from), "almanac.yml lacks \(from)")
      yaml = yaml.replacingOccurrences(of: from, with: to)
    }
    try dir.write("almanac.yml", yaml)
    let refused = try await Shell.run("almanac init --workflow-only", cwd: dir.path)
    #expect(refused.status == 1 && refused.stderr.contains("Pass --force to replace it"), "\(refused.stderr)")
    let r = try await Shell.run("almanac init --workflow-only --force", cwd: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("it passes ALMANAC_GITHUB_TOKEN, DOCS_STATS_KEY (plausible), SENTRY_AUTH_TOKEN (sentry)"), "\(r.stdout)")
    let workflow = try #require(dir.read(".github/workflows/almanac.yml"))
    #expect(workflow.contains("          # plausible reads it.\n          DOCS_STATS_KEY: ${{ secrets.DOCS_STATS_KEY }}\n"))
    #expect(workflow.contains("          # sentry reads it.\n          SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}\n"))
    #expect(!workflow.contains("PLAUSIBLE_API_KEY") && !workflow.contains("REDDIT_CLIENT"))
    // Nothing else in the workflow changed.
    #expect(workflow.replacingOccurrences(of: "\n          # plausible reads it.\n          DOCS_STATS_KEY: ${{ secrets.DOCS_STATS_KEY }}", with: "")
      .replacingOccurrences(of: "\n          # sentry reads it.\n          SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}", with: "") == plain)
    try await Validators.expectValidWorkflows([".github/workflows/almanac.yml"], cwd: dir.path)
    #expect(dir.read("almanac.yml") == yaml)
    let mixed = try await Shell.run("almanac init --workflow-only --package demo", cwd: dir.path)
    #expect(mixed.status == 64 && mixed.stderr.contains("--workflow-only reads what to watch from almanac.yml"))
  }

  @Test func itRefusesToOverwriteWithoutForceAndWritesNothing() async throws {
    let dir = try await gitRepository("exists")
    try dir.write("stats/README.md", "mine\n")
    try dir.write(".github/workflows/almanac.yml", "mine too\n")
    let r = try await Shell.run("almanac init --package demo", cwd: dir.path)
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr == "error: .github/workflows/almanac.yml, stats/README.md already exist; nothing was written. Pass --force to replace them (commit first: git keeps the old version).\n")
    #expect(dir.read("almanac.yml") == nil)
    #expect(dir.read("stats/README.md") == "mine\n")
    #expect(dir.read(".github/workflows/almanac.yml") == "mine too\n")

    let forced = try await Shell.run("almanac init --package demo --force", cwd: dir.path)
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(dir.read("stats/README.md")?.hasPrefix("# stats/\n") == true)
    #expect(dir.read("almanac.yml") != nil)
  }

  @Test func outsideAGitRepositoryItFailsClearly() async throws {
    let dir = TempDirectory("nogit")
    let r = try await Shell.run("almanac init --package demo --directory '\(dir.path)'")
    #expect(r.status == 1)
    #expect(r.stderr == "error: \(dir.path) is not in a git repository. Almanac keeps its history in git and the nightly job commits to it: run `git init` there first (or pass --directory with your repository's top).\n")
    #expect(dir.snapshot().isEmpty)
  }

  @Test func withoutFlagsOrATerminalItExplainsTheFlags() async throws {
    let dir = try await gitRepository("noflags")
    let r = try await Shell.run("almanac init < /dev/null", cwd: dir.path)
    #expect(r.status == 64)
    #expect(r.stderr.contains("nothing to watch, and no terminal to ask on. Name it with flags:"))
    #expect(r.stderr.contains("--package NAME") && r.stderr.contains("--repo OWNER/NAME"))
    #expect(dir.read("almanac.yml") == nil)
  }

  @Test func onATerminalItAsksForThePackage() async throws {
    try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) from util-linux gives the test a terminal")
    let dir = try await gitRepository("prompt")
    let r = try await Shell.run("printf 'demo other\\n' | script -qec 'almanac init' /dev/null", cwd: dir.path)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("PyPI package to watch (several: separate with spaces): "))
    let config = try ConfigParser.parse(try #require(dir.read("almanac.yml")), path: "almanac.yml")
    #expect(config.packages.map(\.normalized) == ["demo", "other"])
  }

  @Test func aPlausibleSiteAndAStatsDirectoryAreWrittenWhereAsked() async throws {
    let dir = try await gitRepository("options")
    let r = try await Shell.run("almanac init --package demo --plausible-site docs.example.org --stats-dir data/stats --directory '\(dir.path)'")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(dir.read("data/stats/README.md")?.hasPrefix("# data/stats/\n") == true)
    let config = try ConfigParser.parse(try #require(dir.read("almanac.yml")), path: "almanac.yml")
    #expect(config.statsDir == "data/stats")
    #expect(dir.read("almanac.yml")?.contains("    enabled: false              # set the PLAUSIBLE_API_KEY secret, then set true\n    sites: [docs.example.org]\n") == true)
    #expect(config.plausible?.sites == ["docs.example.org"])
    #expect(config.plausible?.enabled == false)
    let get = try await Shell.run("almanac config get stats_dir --config '\(dir.file("almanac.yml"))'")
    #expect(get.stdout == "data/stats\n")
  }

  @Test func configGetNamesItsKeysAndTheMissingFile() async throws {
    let dir = TempDirectory("get")
    let unknown = try await Shell.run("almanac config get stats", cwd: dir.path)
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("unknown key `stats`; available: stats_dir, packages, repos."))
    let missing = try await Shell.run("almanac config get packages", cwd: dir.path)
    #expect(missing.status == 1)
    #expect(missing.stderr == "error: almanac.yml: no such configuration file. Start one with `almanac init` or `almanac config example > almanac.yml`.\n")
    try dir.write("almanac.yml", "targets: {packages: [Demo_Pkg, other], repos: [o/r]}\n")
    let packages = try await Shell.run("almanac config get packages && almanac config get repos", cwd: dir.path)
    #expect(packages.stdout == "demo-pkg\nother\no/r\n")
  }
}
