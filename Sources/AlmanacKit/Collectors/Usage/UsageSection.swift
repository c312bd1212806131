import Yams

extension Config {
  /// `sources.usage`: opt-in usage events a package's own telemetry wrote, as NDJSON.
  public struct UsageSource: Equatable, Sendable {
    public var enabled = true
    /// A directory (every `*.ndjson` in it), a file, a glob (`events/*.ndjson`), or an
    /// http(s) URL that serves NDJSON.
    public var input = ""
    /// With a URL input: the variable holding a bearer token, sent only to the URL's origin.
    public var tokenEnv: String?
    /// k-anonymity: a cell seen from fewer installations is merged into `other`.
    public var minGroupSize = Usage.defaultMinGroupSize

    public init() {}

    public var inputIsURL: Bool { input.hasPrefix("https://") || input.hasPrefix("http://") }
  }

  public var usage: UsageSource? {
    get { sources[UsageSource.self] }
    set { sources[UsageSource.self] = newValue }
  }

  /// The usage section when it is on.
  public var usageEnabled: UsageSource? { usage.flatMap { $0.enabled ? $0 : nil } }
}

extension Config.UsageSource: ParsedSourceSection {
  public static var name: String { Usage.source }
  public var watchesOnItsOwn: Bool { !input.isEmpty }

  static func parse(_ node: Node, _ c: Cursor) throws(ConfigError) -> Self {
    let p = "sources.usage"
    let m = try c.mapping(node, p, allowed: ["enabled", "input", "token_env", "min_group_size"])
    var s = Self()
    if let n = m["enabled"] { s.enabled = try c.bool(n, "\(p).enabled") }
    if let n = m["input"] {
      s.input = try c.string(n, "\(p).input")
      if s.inputIsURL { s.input = try c.url(n, "\(p).input") }
    }
    if let n = m["token_env"] {
      s.tokenEnv = try c.variableName(n, "\(p).token_env", example: "USAGE_COLLECTOR_TOKEN")
      guard s.inputIsURL else { throw c.error(n, "\(p).token_env", "a token is sent only to a URL input; `input` names files, so remove `token_env`") }
    }
    if let n = m["min_group_size"] { s.minGroupSize = try c.int(n, "\(p).min_group_size", range: 2...1000) }
    if s.enabled, s.input.isEmpty {
      throw c.error(node, p, "names no input: add `input: usage-events/` (a directory, a glob like `events/*.ndjson`, or an https:// URL serving NDJSON), or set `enabled: false`")
    }
    return s
  }
}
