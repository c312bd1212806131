import AlmanacKit
import ArgumentParser
import Foundation

/// `almanac init`: sets up a repository for the nightly job.
public struct InitCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Set up the nightly job in a git repository: almanac.yml, the workflow, stats/README.md.",
    discussion: """
      Writes three files at the top of the repository and changes nothing else:

        almanac.yml
            every source listed: pypistats on for the named packages, the
            planned ones `enabled: false`
        .github/workflows/almanac.yml
            runs the \(InitTemplates.actionReference) action every night, which
            commits what changed under the stats directory
        <stats-dir>/README.md
            what the directory holds, for people browsing it

      Asks nothing when --package or --repo is given; otherwise asks for the package on a \
      terminal. If any of the files exists, writes nothing and says which, unless --force is \
      given. Then prints the secrets to add and why.

      Examples:
        almanac init --package requests --repo psf/requests
        almanac init --package tidewater --stats-dir data --force
      """)

  @Option(name: .customLong("package"), help: ArgumentHelp("A PyPI project to watch (repeatable); the first is the primary one.", valueName: "name"))
  var packages: [String] = []

  @Option(name: .customLong("repo"), help: ArgumentHelp("A GitHub repository, for the github and github-events sources (repeatable).", valueName: "owner/name"))
  var repos: [String] = []

  @Option(name: .customLong("plausible-site"), help: ArgumentHelp("The docs site's domain in Plausible (written into the planned, disabled plausible source).", valueName: "domain"))
  var plausibleSite: String?

  @Option(name: .customLong("stats-dir"), help: ArgumentHelp("Where the dated files go, relative to the repository.", valueName: "dir"))
  var statsDir = "stats"

  @Flag(help: "Replace the files if they exist.")
  var force = false

  @Flag(help: "Publish the HTML report to GitHub Pages (turn Pages on with source \"GitHub Actions\"); without it the report is a run artifact.")
  var pages = false

  @Flag(name: .customLong("workflow-only"), help: "Rewrite only .github/workflows/almanac.yml from the existing almanac.yml: it passes the secret of every enabled source (the variables the config names). Run it after enabling plausible, sentry, reddit or usage.")
  var workflowOnly = false

  @Option(help: ArgumentHelp("The top of the git repository to set up.", valueName: "dir"))
  var directory = "."

  public init() {}

  public func validate() throws {
    if workflowOnly {
      guard packages.isEmpty, repos.isEmpty, plausibleSite == nil, statsDir == "stats" else {
        throw ValidationError("--workflow-only reads what to watch from almanac.yml; drop --package, --repo, --plausible-site and --stats-dir (edit almanac.yml instead).")
      }
      return
    }
    try InitCommand.validate(packages: packages, repos: repos, plausibleSite: plausibleSite, statsDir: statsDir)
    if packages.isEmpty, repos.isEmpty, isatty(STDIN_FILENO) != 1 {
      throw ValidationError("""
        nothing to watch, and no terminal to ask on. Name it with flags:
          --package NAME         a PyPI project (repeatable)
          --repo OWNER/NAME      a GitHub repository (repeatable)
        e.g. `almanac init --package requests --repo psf/requests`
        """)
    }
  }

  public func run() async throws {
    let console = Console()
    try await reporting(console) {
      try Self.requireRepositoryTop(directory)
      if workflowOnly {
        let config = try ConfigCommand.load(join(directory, "almanac.yml"))
        let secrets = InitTemplates.secretEnv(config)
        try write([(InitTemplates.workflowPath, InitTemplates.workflow(action: InitTemplates.actionReference, pages: pages, secrets: secrets))])
        let passed = secrets.isEmpty ? "only \(InitTemplates.tokenVariable) (no enabled source reads another secret)" : ([InitTemplates.tokenVariable] + secrets.map { "\($0.variable) (\($0.source))" }).joined(separator: ", ")
        console.data("wrote \(InitTemplates.workflowPath); it passes \(passed). Add each as a repository secret (Settings → Secrets and variables → Actions).\n")
        return
      }
      var targets = InitTemplates.Targets(repos: repos, plausibleSite: plausibleSite, statsDir: statsDir, pages: pages)
      targets.packages = try Self.packagesToWatch(given: packages, repos: repos, isTerminal: isatty(STDIN_FILENO) == 1) { prompt in
        FileHandle.standardError.write(Data(prompt.utf8))
        return readLine()
      }
      let files = try Self.files(targets)
      try write(files)
      // The usage source's raw inbox must never be committed, even before its first night.
      try Store(root: join(directory, targets.statsDir)).ensureIgnored("\(Usage.inboxDirectory)/")
      console.data(InitTemplates.nextSteps(written: files.map(\.path), repos: repos, pages: pages))
    }
  }

  /// Writes every file, or none when one exists and `--force` is not given.
  func write(_ files: [(path: String, text: String)]) throws(AlmanacError) {
    let existing = files.map(\.path).filter { FileSystem.exists(join(directory, $0)) }
    if !existing.isEmpty, !force {
      let place = directory == "." ? "" : " in \(directory)"
      throw .usage("\(existing.joined(separator: ", ")) already exist\(existing.count == 1 ? "s" : "")\(place); nothing was written. Pass --force to replace \(existing.count == 1 ? "it" : "them") (commit first: git keeps the old version).")
    }
    for file in files { try FileSystem.atomicWrite(Data(file.text.utf8), to: join(directory, file.path)) }
  }
}

extension InitCommand {
  /// The files, repository-relative, after checking the configuration reads back as written.
  static func files(_ targets: InitTemplates.Targets) throws(AlmanacError) -> [(path: String, text: String)] {
    let config = InitTemplates.config(targets)
    func parsed(_ text: String) throws(AlmanacError) -> Config {
      do { return try ConfigParser.parse(text, path: "almanac.yml") } catch { throw .config(error) }
    }
    _ = try parsed(config)
    return [
      ("almanac.yml", config),
      (InitTemplates.workflowPath, InitTemplates.workflow(action: InitTemplates.actionReference, pages: targets.pages, secrets: InitTemplates.secretEnv(try parsed(config)))),
      (targets.statsDir + "/README.md", InitTemplates.statsReadme(directory: targets.statsDir)),
    ]
  }

  /// The packages from the flags, or asked for on a terminal when no flag names anything.
  static func packagesToWatch(given: [String], repos: [String], isTerminal: Bool, ask: (String) -> String?) throws(AlmanacError) -> [String] {
    guard given.isEmpty, isTerminal else { return given }
    let answer = ask("PyPI package to watch (several: separate with spaces)\(repos.isEmpty ? "" : ", or Enter for none"): ") ?? ""
    let names = answer.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
    if names.isEmpty, repos.isEmpty { throw .usage("no package named; nothing was written. Pass --package NAME, or answer with a PyPI project name.") }
    for name in names where PackageName(name) == nil { throw .usage("`\(name)` is not \(PackageName.grammarHint); nothing was written.") }
    return names
  }

  /// Init writes the workflow where GitHub reads it, so `dir` must be the repository's top.
  static func requireRepositoryTop(_ dir: String) throws(AlmanacError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw .usage("\(dir): no such directory.")
    }
    var url = URL(fileURLWithPath: dir).standardizedFileURL
    if FileSystem.exists(url.appendingPathComponent(".git").path) { return }
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileSystem.exists(url.appendingPathComponent(".git").path) {
        throw .usage("\(dir) is inside the git repository \(url.path), not at its top; GitHub reads workflows only from \(url.path)/.github/workflows. Run `almanac init --directory \(url.path)`.")
      }
    }
    throw .usage("\(dir) is not in a git repository. Almanac keeps its history in git and the nightly job commits to it: run `git init` there first (or pass --directory with your repository's top).")
  }

  static func validate(packages: [String], repos: [String], plausibleSite: String?, statsDir: String) throws {
    var seen = Set<PackageName>()
    for p in packages {
      guard let name = PackageName(p) else { throw ValidationError("--package `\(p)` is not \(PackageName.grammarHint).") }
      guard seen.insert(name).inserted else { throw ValidationError("--package `\(p)` is given twice (as `\(name)`).") }
    }
    func word(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) } }
    for r in repos {
      let parts = r.split(separator: "/", omittingEmptySubsequences: false)
      guard parts.count == 2, parts.allSatisfy(word) else { throw ValidationError("--repo `\(r)` is not `owner/name`.") }
    }
    if let site = plausibleSite, !word(site[...]) || !site.contains(".") {
      throw ValidationError("--plausible-site `\(site)` is not a domain like docs.example.org.")
    }
    let segments = statsDir.split(separator: "/", omittingEmptySubsequences: false)
    guard !statsDir.hasPrefix("/"), segments.allSatisfy({ word($0) && $0 != "." && $0 != ".." }) else {
      throw ValidationError("--stats-dir `\(statsDir)` must be a path inside the repository, like `stats` or `data/stats`.")
    }
  }
}

private func join(_ directory: String, _ path: String) -> String {
  directory.hasSuffix("/") ? directory + path : directory + "/" + path
}
