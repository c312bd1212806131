/// A dated store file kept as what changed since the file before it:
/// `stats/<raw|records|classified>/<source>/<name>.delta` stands for `<name>`, rebuilt by
/// applying `ops` to `base` (an earlier file of the same directory, itself full or a delta).
/// Both texts' SHA-256 are kept, so a cut or edited delta, and a base changed after the delta
/// was made, are refused instead of rebuilding wrong bytes.
///
/// Operations are strings, one a line in the canonical JSON: `=S+N` copies the base's chunks
/// S ..< S+N (`TextDelta.chunks`), `+TEXT` inserts TEXT (one chunk, usually one row).
public struct DeltaFile: Equatable, Sendable {
  public static let kind = "delta"
  public static let version = 1
  public static let suffix = ".delta"

  /// The base's file name (a sibling, never a delta's name).
  public var base: String
  public var baseSHA256: String
  public var sha256: String
  public var ops: [TextDelta.Op]

  public init(base: String, baseSHA256: String, sha256: String, ops: [TextDelta.Op]) {
    self.base = base
    self.baseSHA256 = baseSHA256
    self.sha256 = sha256
    self.ops = ops
  }

  /// The delta from `baseText` (the file named `base`) to `text`.
  public static func make(base: String, baseText: String, text: String) -> DeltaFile {
    DeltaFile(base: base, baseSHA256: hex(baseText), sha256: hex(text), ops: TextDelta.make(base: baseText, target: text))
  }

  public static func hex(_ text: String) -> String {
    let digits = Array("0123456789abcdef")
    return String(SHA256.hash(text.utf8).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
  }

  public func encoded() -> String {
    CanonicalJSON.encode(.object([
      "format_version": .int(Int64(Self.version)), "kind": .string(Self.kind),
      "base": .string(base), "base_sha256": .string(baseSHA256), "sha256": .string(sha256),
      "ops": .array(ops.map {
        switch $0 {
        case .copy(let start, let count): .string("=\(start)+\(count)")
        case .insert(let text): .string("+" + text)
        }
      }),
    ]))
  }

  public static func decode(_ text: String, path: String) throws(FormatError) -> DeltaFile {
    let doc = try FileKind.checkedJSON(text, path: path, kind: kind, version: version)
    let reader = JSONReader(path: path)
    let base = try reader.string(doc, "base")
    guard !base.contains("/"), !base.hasSuffix(suffix), base.count > 10 else {
      throw FormatError(path: path, problem: "`base`: expected the name of an earlier file in the same directory, found \(CanonicalJSON.encodeCompact(.string(base)))")
    }
    var ops: [TextDelta.Op] = []
    for (i, item) in try reader.array(doc, "ops").enumerated() {
      guard let s = item.stringValue, let tag = s.first else {
        throw FormatError(path: path, problem: "`ops[\(i)]`: expected a string starting with `=` or `+`")
      }
      let rest = s.dropFirst()
      if tag == "+" {
        ops.append(.insert(String(rest)))
        continue
      }
      let parts = rest.split(separator: "+", omittingEmptySubsequences: false)
      guard tag == "=", parts.count == 2, let start = Int(parts[0]), let count = Int(parts[1]), start >= 0, count > 0 else {
        throw FormatError(path: path, problem: "`ops[\(i)]`: expected `=START+COUNT` or `+TEXT`, found \(CanonicalJSON.encodeCompact(item))")
      }
      ops.append(.copy(start: start, count: count))
    }
    return DeltaFile(base: base, baseSHA256: try reader.string(doc, "base_sha256"), sha256: try reader.string(doc, "sha256"), ops: ops)
  }

  /// The text this delta stands for, checked against both hashes. `path` is the delta's own
  /// file, `basePath` its base's (named in the errors, with the `git checkout` hint).
  public func apply(to baseText: String, path: String, basePath: String) throws(FormatError) -> String {
    guard Self.hex(baseText) == baseSHA256 else {
      throw FormatError(
        path: path,
        problem: "was made against another \(basePath) than the one on disk (its SHA-256 differs), so it cannot be rebuilt",
        remedy: "One of the two was edited or cut; restore both with `git checkout -- \(basePath) <path>`, or re-run the stage that writes them.")
    }
    guard let text = TextDelta.apply(ops, to: baseText), Self.hex(text) == sha256 else {
      throw FormatError(
        path: path, problem: "does not rebuild the file it stands for (an operation or its SHA-256 was changed or cut)",
        remedy: "Restore it with `git checkout -- <path>`, or re-run the stage that writes it.")
    }
    return text
  }
}
