import Yams

/// Typed reads from a YAML node with errors that carry the key path and line.
struct Cursor {
  var path: String

  struct Mapping {
    var values: [String: Node] = [:]
    var keyNodes: [String: Node] = [:]
    var ordered: [(String, Node)] = []
    subscript(key: String) -> Node? { values[key] }
  }

  func error(_ node: Node, _ keyPath: String, _ problem: String) -> ConfigError {
    ConfigError(path: path, line: node.mark?.line, keyPath: keyPath, problem: problem)
  }

  func kind(_ node: Node) -> String {
    switch node {
    case .scalar:
      if node.null != nil { return "nothing (null)" }
      if node.bool != nil { return "a boolean" }
      if node.int != nil || node.float != nil { return "a number" }
      return "a string"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
  }

  func mapping(_ node: Node, _ keyPath: String, allowed: Set<String>?) throws(ConfigError) -> Mapping {
    guard case .mapping(let m) = node else {
      throw error(node, keyPath, "expected a mapping of keys, found \(kind(node))")
    }
    var out = Mapping()
    for (k, v) in m {
      guard case .scalar = k, let key = k.string else {
        throw error(k, keyPath, "keys must be plain strings")
      }
      let full = keyPath.isEmpty ? key : "\(keyPath).\(key)"
      if let allowed, !allowed.contains(key) {
        let hint = didYouMean(key, among: allowed.sorted())
        throw error(k, full, "unknown key\(hint); allowed here: \(allowed.sorted().joined(separator: ", "))")
      }
      guard out.values[key] == nil else { throw error(k, full, "appears twice") }
      out.values[key] = v
      out.keyNodes[key] = k
      out.ordered.append((key, v))
    }
    return out
  }

  /// ` (did you mean `targets`?)` when one candidate is at most two edits away, else "".
  func didYouMean(_ key: String, among candidates: [String]) -> String {
    candidates.min(by: { editDistance($0, key) < editDistance($1, key) })
      .flatMap { editDistance($0, key) <= 2 ? " (did you mean `\($0)`?)" : nil } ?? ""
  }

  func string(_ node: Node, _ keyPath: String) throws(ConfigError) -> String {
    guard case .scalar(let s) = node, node.null == nil || s.style != .plain else {
      throw error(node, keyPath, "expected a string, found \(kind(node))")
    }
    guard !s.string.isEmpty else { throw error(node, keyPath, "expected a string, found an empty value") }
    return s.string
  }

  func bool(_ node: Node, _ keyPath: String) throws(ConfigError) -> Bool {
    guard case .scalar = node, let b = node.bool else {
      throw error(node, keyPath, "expected true or false, found \(kind(node))")
    }
    return b
  }

  func int(_ node: Node, _ keyPath: String, range: ClosedRange<Int>) throws(ConfigError) -> Int {
    guard case .scalar = node, let i = node.int else {
      throw error(node, keyPath, "expected a whole number, found \(kind(node))")
    }
    guard range.contains(i) else {
      throw error(node, keyPath, "expected a number from \(range.lowerBound) to \(range.upperBound), found \(i)")
    }
    return i
  }

  func number(_ node: Node, _ keyPath: String, range: ClosedRange<Double>) throws(ConfigError) -> Double {
    guard case .scalar = node, let d = node.float ?? node.int.map(Double.init) else {
      throw error(node, keyPath, "expected a number, found \(kind(node))")
    }
    guard range.contains(d) else {
      throw error(node, keyPath, "expected a number from \(CanonicalJSON.number(range.lowerBound)) to \(CanonicalJSON.number(range.upperBound)), found \(CanonicalJSON.number(d))")
    }
    return d
  }

  func list(_ node: Node, _ keyPath: String) throws(ConfigError) -> [Node] {
    guard case .sequence(let s) = node else {
      throw error(node, keyPath, "expected a list, found \(kind(node))")
    }
    return Array(s)
  }

  func packageName(_ node: Node, _ keyPath: String) throws(ConfigError) -> PackageName {
    let raw = try string(node, keyPath)
    guard let name = PackageName(raw) else {
      throw error(node, keyPath, "`\(raw)` is not \(PackageName.grammarHint)")
    }
    return name
  }

  func packageList(_ node: Node, _ keyPath: String) throws(ConfigError) -> [PackageName] {
    if case .scalar = node {
      throw error(node, keyPath, "expected a list of package names (`[\(node.string ?? "name")]`), found \(kind(node))")
    }
    var seen = Set<PackageName>()
    var out: [PackageName] = []
    for (i, item) in try list(node, keyPath).enumerated() {
      let name = try packageName(item, "\(keyPath)[\(i)]")
      guard seen.insert(name).inserted else { throw error(item, "\(keyPath)[\(i)]", "`\(name)` is listed twice") }
      out.append(name)
    }
    return out
  }

  /// The name of an environment variable that holds a secret (never the secret itself, which
  /// the message does not echo).
  func variableName(_ node: Node, _ keyPath: String, example: String) throws(ConfigError) -> String {
    let name = try string(node, keyPath)
    guard let first = name.first, first == "_" || (first.isASCII && first.isLetter),
      name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }), !ConfigParser.looksLikeToken(name[...])
    else {
      throw error(node, keyPath, "expected the name of an environment variable (like \(example)), not a token; tokens never go in this file")
    }
    return name
  }

  func url(_ node: Node, _ keyPath: String) throws(ConfigError) -> String {
    let s = try string(node, keyPath)
    guard s.hasPrefix("https://") || s.hasPrefix("http://"), s.count > 8, !s.contains(" ") else {
      throw error(node, keyPath, "expected an http(s) URL, found `\(s)`")
    }
    return s
  }
}

extension Cursor {
  /// The name of the environment variable that holds a secret (never the secret itself).
  func variableName(_ node: Node, _ keyPath: String, like example: String, what: String) throws(ConfigError) -> String {
    let name = try string(node, keyPath)
    guard let first = name.first, first == "_" || (first.isASCII && first.isLetter),
      name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }), !ConfigParser.looksLikeToken(name[...])
    else {
      throw error(node, keyPath, "expected the name of an environment variable (like \(example)), not a \(what); \(what)s never go in this file")
    }
    return name
  }
}

func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  var previous = Array(0...b.count)
  for i in 1...max(a.count, 1) where !a.isEmpty {
    var current = [i] + Array(repeating: 0, count: b.count)
    for j in 1...max(b.count, 1) where !b.isEmpty {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return a.isEmpty ? b.count : previous[b.count]
}
