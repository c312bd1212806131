/// A dated store file kept as what changed since the file before it:
/// `stats/<raw|records|classified>/<source>/<name>.delta` stands for `<name>`, rebuilt by
/// applying `ops` to `base` (an earlier file of the same directory, itself whole or a delta).
/// Both texts' checksums (zlib's CRC-32) are kept, so a cut or edited delta, and a base
/// changed after the delta was made, are refused instead of rebuilding wrong bytes.
///
/// Plain text, one operation a line, so the inserted rows read as they are (nothing escaped):
///
///     #almanac:delta:2
///     base=2026-11-20.csv
///     base_crc32=83ecb10d
///     crc32=9825442c
///     =2+180
///     +2026-11-20,tidewater,pypistats,overall,with_mirrors,2920
///
/// `=S+N` copies the base's chunks S ..< S+N (`TextDelta.chunks`); `+TEXT` inserts TEXT and a
/// line feed; `~TEXT` inserts TEXT alone (a chunk that ends at a comma). A chunk holds a line
/// feed only at its end, so every operation is one line.
public struct DeltaFile: Equatable, Sendable {
  public static let kind = "delta"
  /// 2: CRC-32 checksums (`base_crc32`, `crc32`); 1 (never released) had FNV-1a's.
  public static let version = 2
  public static let suffix = ".delta"

  /// The base's file name (a sibling, never a delta's name).
  public var base: String
  public var baseChecksum: String
  public var checksum: String
  public var ops: [TextDelta.Op]

  public init(base: String, baseChecksum: String, checksum: String, ops: [TextDelta.Op]) {
    self.base = base
    self.baseChecksum = baseChecksum
    self.checksum = checksum
    self.ops = ops
  }

  /// The delta from `baseText` (the file named `base`) to `text`.
  public static func make(base: String, baseText: String, text: String) -> DeltaFile {
    DeltaFile(base: base, baseChecksum: CRC32.hex(baseText), checksum: CRC32.hex(text), ops: TextDelta.make(base: baseText, target: text))
  }

  public static let formatLine = "#almanac:\(kind):\(version)"

  public func encoded() -> String {
    var out = "\(Self.formatLine)\nbase=\(base)\nbase_crc32=\(baseChecksum)\ncrc32=\(checksum)\n"
    for op in ops {
      switch op {
      case .copy(let start, let count): out += "=\(start)+\(count)\n"
      case .insert(let text) where text.hasSuffix("\n"): out += "+" + text
      case .insert(let text): out += "~" + text + "\n"
      }
    }
    return out
  }

  public static func decode(_ text: String, path: String) throws(FormatError) -> DeltaFile {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.first == Substring(formatLine) else {
      throw FormatError(path: path, line: 1, problem: "expected `\(formatLine)` on the first line, found `\(lines.first.map { String($0.prefix(40)) } ?? "")`")
    }
    guard text.hasSuffix("\n") else { throw FormatError(path: path, line: lines.count, problem: "is cut: the last line has no line feed") }
    func field(_ i: Int, _ key: String) throws(FormatError) -> String {
      guard i < lines.count, lines[i].hasPrefix(key + "=") else {
        throw FormatError(path: path, line: i + 1, problem: "expected `\(key)=…`")
      }
      return String(lines[i].dropFirst(key.count + 1))
    }
    let base = try field(1, "base")
    guard !base.contains("/"), !base.hasSuffix(suffix), base.count > 10 else {
      throw FormatError(path: path, line: 2, problem: "`base`: expected the name of an earlier file in the same directory, found `\(base)`")
    }
    let baseChecksum = try field(2, "base_crc32"), checksum = try field(3, "crc32")
    var ops: [TextDelta.Op] = []
    for (i, line) in lines.enumerated().dropFirst(4).dropLast() {
      let rest = line.dropFirst()
      let parts = rest.split(separator: "+", omittingEmptySubsequences: false)
      if line.first == "+" {
        ops.append(.insert(String(rest) + "\n"))
      } else if line.first == "~" {
        ops.append(.insert(String(rest)))
      } else if line.first == "=", parts.count == 2, let start = Int(parts[0]), let count = Int(parts[1]), start >= 0, count > 0 {
        ops.append(.copy(start: start, count: count))
      } else {
        throw FormatError(path: path, line: i + 1, problem: "expected `=START+COUNT`, `+TEXT` or `~TEXT`, found `\(line.prefix(40))`")
      }
    }
    return DeltaFile(base: base, baseChecksum: baseChecksum, checksum: checksum, ops: ops)
  }

  /// The text this delta stands for, checked against both hashes. `path` is the delta's own
  /// file, `basePath` its base's (named in the errors, with the `git checkout` hint).
  public func apply(to baseText: String, path: String, basePath: String) throws(FormatError) -> String {
    guard CRC32.hex(baseText) == baseChecksum else {
      throw FormatError(
        path: path,
        problem: "was made against another \(basePath) than the one on disk (its checksum differs), so it cannot be rebuilt",
        remedy: "One of the two was edited or cut; restore both with `git checkout -- \(basePath) <path>`, or re-run the stage that writes them.")
    }
    guard let text = TextDelta.apply(ops, to: baseText), CRC32.hex(text) == checksum else {
      throw FormatError(
        path: path, problem: "does not rebuild the file it stands for (an operation or its checksum was changed or cut)",
        remedy: "Restore it with `git checkout -- <path>`, or re-run the stage that writes it.")
    }
    return text
  }
}
