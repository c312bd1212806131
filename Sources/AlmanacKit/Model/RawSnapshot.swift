/// What fetch saw: every HTTP exchange of one source on one day, bodies verbatim, plus what
/// failed. `stats/raw/<source>/<date>.json`. Never holds a token: requests keep only the method
/// and the URL (whose secrets, if any, were redacted by the transport).
public struct RawSnapshot: Equatable, Sendable {
  public static let kind = "raw"
  public static let version = 1

  public struct Exchange: Equatable, Sendable {
    public var target: String
    public var endpoint: String
    public var url: String
    public var status: Int
    public var contentType: String
    public var body: String

    public init(target: String, endpoint: String, url: String, status: Int, contentType: String, body: String) {
      self.target = target
      self.endpoint = endpoint
      self.url = url
      self.status = status
      self.contentType = contentType
      self.body = body
    }
  }

  public struct Failure: Equatable, Sendable {
    public var target: String
    public var endpoint: String
    public var message: String

    public init(target: String, endpoint: String, message: String) {
      self.target = target
      self.endpoint = endpoint
      self.message = message
    }
  }

  public var source: String
  public var date: Day
  public var exchanges: [Exchange]
  public var failures: [Failure]

  public init(source: String, date: Day, exchanges: [Exchange] = [], failures: [Failure] = []) {
    self.source = source
    self.date = date
    self.exchanges = exchanges
    self.failures = failures
  }

  public var json: JSONValue {
    .object([
      "format_version": .int(Int64(Self.version)),
      "kind": .string(Self.kind),
      "source": .string(source),
      "date": .string(date.description),
      "exchanges": .array(exchanges.map {
        .object([
          "target": .string($0.target), "endpoint": .string($0.endpoint), "url": .string($0.url),
          "status": .int(Int64($0.status)), "content_type": .string($0.contentType), "body": .string($0.body),
        ])
      }),
      "failures": .array(failures.map {
        .object(["target": .string($0.target), "endpoint": .string($0.endpoint), "message": .string($0.message)])
      }),
    ])
  }

  public func encoded() -> String { CanonicalJSON.encode(json) }

  public static func decode(_ text: String, path: String) throws(FormatError) -> RawSnapshot {
    let doc = try FileKind.checkedJSON(text, path: path, kind: kind, version: version)
    let reader = JSONReader(path: path)
    let source = try reader.string(doc, "source")
    let date = try reader.day(doc, "date")
    var exchanges: [Exchange] = []
    for (i, item) in try reader.array(doc, "exchanges").enumerated() {
      let at = "exchanges[\(i)]."
      exchanges.append(Exchange(
        target: try reader.string(item, "target", in: at), endpoint: try reader.string(item, "endpoint", in: at),
        url: try reader.string(item, "url", in: at), status: Int(clamping: try reader.int(item, "status", in: at)),
        contentType: try reader.string(item, "content_type", in: at), body: try reader.string(item, "body", in: at)))
    }
    var failures: [Failure] = []
    for (i, item) in try reader.array(doc, "failures").enumerated() {
      let at = "failures[\(i)]."
      failures.append(Failure(
        target: try reader.string(item, "target", in: at), endpoint: try reader.string(item, "endpoint", in: at),
        message: try reader.string(item, "message", in: at)))
    }
    return RawSnapshot(source: source, date: date, exchanges: exchanges, failures: failures)
  }
}

/// Checks the `format_version` and `kind` every Almanac JSON file carries.
public enum FileKind {
  public static func checkedJSON(_ text: String, path: String, kind: String, version: Int) throws(FormatError) -> JSONValue {
    let doc: JSONValue
    do {
      doc = try JSONParser.parse(text)
    } catch {
      throw FormatError(path: path, line: error.line, problem: "is not valid JSON (\(error.message))")
    }
    guard case .object = doc else {
      throw FormatError(path: path, line: 1, problem: "expected a JSON object at the top level")
    }
    guard let found = doc["format_version"]?.int64Value else {
      throw FormatError(path: path, problem: "has no `format_version`, so it was not written by Almanac or was edited by hand")
    }
    guard doc["kind"]?.stringValue == kind else {
      throw FormatError(path: path, problem: "expected `\"kind\": \"\(kind)\"`, found \(doc["kind"].map { CanonicalJSON.encodeCompact($0) } ?? "none")")
    }
    guard found == version else {
      throw FormatError(
        path: path, problem: "format version \(found) is not supported (this Almanac reads \(kind) version \(version))",
        remedy: found > version ? "The file was written by a newer Almanac; upgrade Almanac." : "Re-run the stage that writes it.")
    }
    return doc
  }
}

/// Typed access to a parsed JSON document with errors that name the file and the key.
public struct JSONReader: Sendable {
  public var path: String

  public init(path: String) { self.path = path }

  func missing(_ key: String, _ expected: String, _ found: JSONValue?, _ context: String) -> FormatError {
    FormatError(path: path, problem: "`\(context)\(key)`: expected \(expected), found \(found?.kindName ?? "nothing")")
  }

  /// `context` names where `v` sits in the document (`exchanges[2].`), so an error points at the
  /// one bad item rather than at a key every item has.
  public func string(_ v: JSONValue, _ key: String, in context: String = "") throws(FormatError) -> String {
    guard let s = v[key]?.stringValue else { throw missing(key, "a string", v[key], context) }
    return s
  }

  public func int(_ v: JSONValue, _ key: String, in context: String = "") throws(FormatError) -> Int64 {
    guard let i = v[key]?.int64Value else { throw missing(key, "an integer", v[key], context) }
    return i
  }

  public func array(_ v: JSONValue, _ key: String, in context: String = "") throws(FormatError) -> [JSONValue] {
    guard let a = v[key]?.arrayValue else { throw missing(key, "an array", v[key], context) }
    return a
  }

  public func day(_ v: JSONValue, _ key: String, in context: String = "") throws(FormatError) -> Day {
    guard let s = v[key]?.stringValue, let d = Day(s) else {
      if case .string(let s)? = v[key] {
        throw FormatError(path: path, problem: "`\(context)\(key)`: expected a date YYYY-MM-DD, found \(CanonicalJSON.encodeCompact(.string(s)))")
      }
      throw missing(key, "a date YYYY-MM-DD", v[key], context)
    }
    return d
  }
}
