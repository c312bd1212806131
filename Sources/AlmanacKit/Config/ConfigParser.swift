import Yams

/// Reads `almanac.yml` strictly: unknown keys, wrong types and missing values are errors with
/// the key path and line, because a typo that silently disables a source loses a night of data.
public enum ConfigParser {
  public static var knownSources: [String] { SourceCatalog.names }
  public static var plannedSources: [String] { SourceCatalog.planned }

  public static func parse(_ yaml: String, path: String) throws(ConfigError) -> Config {
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
      let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
      throw ConfigError(path: path, line: context.mark.line, keyPath: "", problem: "the key \(keys) appears twice in the same mapping")
    } catch {
      throw ConfigError(path: path, line: yamlLine(error), keyPath: "", problem: "is not valid YAML (\(yamlMessage(error)))")
    }
    guard let root else {
      throw ConfigError(path: path, line: 1, keyPath: "", problem: "is empty; it needs at least `targets.packages`. Run `almanac config example` for a starting point")
    }
    let c = Cursor(path: path)
    let top = try c.mapping(root, "", allowed: ["version", "stats_dir", "targets", "sources", "tokens", "classification", "http", "render", "retention", "privacy", "alerts", "sinks"])
    var config = Config()
    if let v = top["version"] {
      let version = try c.int(v, "version", range: Int.min...Int.max)
      guard version == 1 else {
        throw c.error(v, "version", version > 1
          ? "this Almanac reads config version 1, found \(version); upgrade Almanac"
          : "expected 1 (the only config version), found \(version)")
      }
    }
    if let v = top["stats_dir"] { config.statsDir = try c.string(v, "stats_dir") }
    guard let targetsNode = top["targets"] else {
      throw ConfigError(path: path, line: root.mark?.line, keyPath: "targets", problem: "is required: name at least one package (`targets: {packages: [your-package]}`)")
    }
    let targets = try c.mapping(targetsNode, "targets", allowed: ["packages", "repos"])
    if let v = targets["packages"] { config.packages = try c.packageList(v, "targets.packages") }
    if let v = targets["repos"] {
      config.repos = try c.list(v, "targets.repos").enumerated().map { (i, node) throws(ConfigError) -> String in
        let repo = try c.string(node, "targets.repos[\(i)]")
        let parts = repo.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) } }) else {
          throw c.error(node, "targets.repos[\(i)]", "expected `owner/name`, found `\(repo)`")
        }
        return repo
      }
    }
    if let sourcesNode = top["sources"] {
      let sources = try c.mapping(sourcesNode, "sources", allowed: nil)
      for (name, node) in sources.ordered {
        if let section = SourceCatalog.sections.first(where: { $0.name == name }) {
          config.sources.values[name] = try section.parse(node, c)
          continue
        }
        // Errors point at the source's name, the line a person looks for.
        let keyNode = sources.keyNodes[name] ?? node
        if plannedSources.contains(name) {
          let m = try c.mapping(node, "sources.\(name)", allowed: nil)
          if let enabled = m["enabled"], try c.bool(enabled, "sources.\(name).enabled") == false { continue }
          throw c.error(keyNode, "sources.\(name)", "this source is not available in this version of Almanac yet; set `enabled: false` or remove it (available: \(knownSources.joined(separator: ", ")))")
        }
        let hint = c.didYouMean(name, among: knownSources + plannedSources)
        throw c.error(keyNode, "sources.\(name)", "unknown source\(hint); known sources: \(knownSources.joined(separator: ", "))")
      }
    }
    // pypistats is the one package source: naming packages is enough to turn it on, as the
    // "empty file" message promises (`targets.packages` is all a config needs).
    if config.pypistats == nil, !config.packages.isEmpty { config.pypistats = Config.PyPIStatsSource() }
    if config.packages.isEmpty, config.repos.isEmpty, config.pypistatsPackages.isEmpty, config.githubRepos.isEmpty, config.github?.discover == nil,
      !config.sources.all.values.contains(where: { $0.enabled && $0.watchesOnItsOwn })
    {
      throw c.error(targetsNode, "targets", "names nothing to watch: add `packages: [your-package]`")
    }
    if config.pypistatsPackages.isEmpty, config.pypistats?.enabled == true {
      throw ConfigError(path: path, line: top["targets"]?.mark?.line, keyPath: "targets.packages", problem: "names no package, and `sources.pypistats` names none either")
    }
    if let v = top["tokens"] {
      let m = try c.mapping(v, "tokens", allowed: nil)
      for (name, node) in m.ordered {
        let variable = try c.string(node, "tokens.\(name)")
        func isName(_ s: Substring) -> Bool {
          s.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
            && s.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        }
        if variable.hasPrefix("$"), isName(variable.dropFirst()), !looksLikeToken(variable.dropFirst()) {
          throw c.error(node, "tokens.\(name)", "write the variable's name without `$`: \(variable.dropFirst())")
        }
        // Never echo the value: if it is a token, the error message would leak it into CI logs.
        guard isName(variable[...]), !looksLikeToken(variable[...]) else {
          throw c.error(node, "tokens.\(name)", "expected the name of an environment variable (like ALMANAC_GITHUB_TOKEN), not a token; tokens never go in this file")
        }
        config.tokens[name] = variable
      }
    }
    if let v = top["classification"] {
      let m = try c.mapping(v, "classification", allowed: ["mirrors", "human", "classes"])
      if let mirrors = m["mirrors"] {
        config.mirrorInstallers = try c.list(mirrors, "classification.mirrors").enumerated().map { (i, n) throws(ConfigError) in
          try c.string(n, "classification.mirrors[\(i)]")
        }
      }
      if let human = m["human"] {
        config.humanInstallers = try c.list(human, "classification.human").enumerated().map { (i, n) throws(ConfigError) in
          try c.string(n, "classification.human[\(i)]")
        }
      }
      if let classes = m["classes"] {
        for (name, node) in try c.mapping(classes, "classification.classes", allowed: nil).ordered {
          let value = try c.string(node, "classification.classes.\(name)")
          guard let cls = InstallerClass(rawValue: value) else {
            let known = InstallerClass.allCases.map(\.rawValue)
            throw c.error(node, "classification.classes.\(name)", "unknown class `\(value)`\(c.didYouMean(value, among: known)); classes: \(known.joined(separator: ", "))")
          }
          config.installerClasses[name] = cls
        }
      }
    }
    if let v = top["http"] {
      let m = try c.mapping(v, "http", allowed: ["timeout", "attempts", "deadline", "max_retry_wait", "contact"])
      if let n = m["timeout"] { config.http.timeout = try c.int(n, "http.timeout", range: 1...600) }
      if let n = m["attempts"] { config.http.attempts = try c.int(n, "http.attempts", range: 1...10) }
      if let n = m["deadline"] { config.http.deadline = try c.int(n, "http.deadline", range: 1...86_400) }
      if let n = m["max_retry_wait"] { config.http.maxRetryWait = try c.int(n, "http.max_retry_wait", range: 0...3600) }
      if let n = m["contact"] { config.http.contact = try c.string(n, "http.contact") }
    }
    if let v = top["render"] {
      let m = try c.mapping(v, "render", allowed: ["badges", "report", "label_color", "cache_seconds", "named_logo", "logo_color"])
      if let n = m["badges"] { config.render.badges = try c.bool(n, "render.badges") }
      if let n = m["report"] { config.render.report = try c.bool(n, "render.report") }
      if let n = m["label_color"] {
        let color = try c.string(n, "render.label_color")
        guard Badge.hex(color) != nil else {
          throw c.error(n, "render.label_color", "expected a shields color name (blue, grey, …) or a hex color like 555, found `\(color)`")
        }
        config.render.labelColor = color
      }
      config.render.endpoint = try badgeEndpoint(m, c)
    }
    if let v = top["privacy"] { config.privacy = try privacy(v, c) }
    if let v = top["alerts"] { config.alerts = try alerts(v, c) }
    if let v = top["sinks"] { config.sinks = try sinks(v, c) }
    if let v = top["retention"] {
      let m = try c.mapping(v, "retention", allowed: ["raw_days"])
      if let n = m["raw_days"] { config.retention.rawDays = try c.int(n, "retention.raw_days", range: 0...100_000) }
    }
    return config
  }

  static func pypistats(_ node: Node, _ c: Cursor) throws(ConfigError) -> Config.PyPIStatsSource {
    let m = try c.mapping(node, "sources.pypistats", allowed: ["enabled", "package", "packages", "base_url", "request_interval"])
    var s = Config.PyPIStatsSource()
    if let n = m["enabled"] { s.enabled = try c.bool(n, "sources.pypistats.enabled") }
    if let n = m["package"] { s.packages = [try c.packageName(n, "sources.pypistats.package")] }
    if let n = m["packages"] {
      if m["package"] != nil { throw c.error(n, "sources.pypistats.packages", "give either `package` or `packages`, not both") }
      s.packages = try c.packageList(n, "sources.pypistats.packages")
    }
    if let n = m["base_url"] { s.baseURL = try c.url(n, "sources.pypistats.base_url") }
    if let n = m["request_interval"] { s.requestInterval = try c.number(n, "sources.pypistats.request_interval", range: 0...60) }
    return s
  }

  /// Token formats a person might paste by mistake: GitHub (classic and fine-grained), GitLab,
  /// Slack, Sentry, PyPI. They match the grammar of a variable name, so the grammar alone lets them through.
  static let tokenPrefixes = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "sntrys_", "sntryu_", "pypi-"]

  static func looksLikeToken(_ s: Substring) -> Bool {
    tokenPrefixes.contains { s.hasPrefix($0) }
  }

  static func yamlLine(_ error: any Error) -> Int? {
    if let e = error as? YamlError {
      switch e {
      case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
        return mark.line
      default: return nil
      }
    }
    return nil
  }

  static func yamlMessage(_ error: any Error) -> String {
    if let e = error as? YamlError {
      switch e {
      case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
        return problem
      default: break
      }
    }
    return "\(error)".split(separator: "\n").first.map(String.init) ?? "syntax error"
  }
}
