/// A dated store file kept as what changed since the file before it:
/// `stats/<raw|records|classified>/<source>/<name>.delta` stands for `<name>`, rebuilt by
/// applying `ops` to `base` (an earlier file of the same directory, itself whole or a delta).
/// Both texts' checksums (zlib's CRC-32) are kept, so a cut or edited delta, and a base
/// changed after the delta was made, are refused instead of rebuilding wrong bytes.
///
/// Plain text, one operation a line, so the inserted rows read as they are (nothing escaped).
/// Format 3 (written since issue 13 item 7's second pass) puts the base's name and the two
/// checksums on the format line and moves through the base with a cursor:
///
///     #almanac:delta:3 2026-11-20.csv 83ecb10d 9825442c
///     =1
///     >1
///     =180
///     &,,21,,,2920
///     +2026-11-20,tidewater,pypistats,recent,last_day,1054
///
/// `=N` copies the base's next N chunks (`TextDelta.chunks`) from the cursor, which starts at
/// the first chunk; `>N` and `<N` move the cursor forward or back N chunks; `+TEXT` inserts
/// TEXT and a line feed; `~TEXT` inserts TEXT alone (a chunk that ends at a comma);
/// `&D1,D2,…` repeats the chunk the operation before wrote with its runs of digits replaced in
/// order (an empty field keeps a run); `%D1,D2,…` does the same to the base's chunk at the
/// cursor and moves the cursor past it (a row the night revised). A chunk holds a line feed only at its end, so every
/// operation is one line. Format 2 (still read) had `base=`, `base_crc32=` and `crc32=` lines,
/// `=S+N` for the chunks S ..< S+N, no `&`, and chunks that did not end at `[` and `]`.
public struct DeltaFile: Equatable, Sendable {
  public static let kind = "delta"
  /// 3: one header line, cursor moves, `&` and `%`, list-edge chunks; 2: a field a line, `=S+N`;
  /// 1 (never released) had FNV-1a checksums.
  public static let version = 3
  public static let versions = 2...3
  public static let suffix = ".delta"

  /// The format it is written in (`version` unless read from an older file).
  public var format: Int
  /// The base's file name (a sibling, never a delta's name).
  public var base: String
  public var baseChecksum: String
  public var checksum: String
  /// Copies hold absolute chunk numbers, whatever the format.
  public var ops: [TextDelta.Op]

  public init(format: Int = Self.version, base: String, baseChecksum: String, checksum: String, ops: [TextDelta.Op]) {
    self.format = format
    self.base = base
    self.baseChecksum = baseChecksum
    self.checksum = checksum
    self.ops = ops
  }

  /// The delta from `baseText` (the file named `base`) to `text`; Almanac writes only the
  /// current `version` (an older `format` makes a store as an earlier Almanac wrote it).
  public static func make(base: String, baseText: String, text: String, format: Int = version) -> DeltaFile {
    let ops = TextDelta.make(base: baseText, target: text, chunking: chunking(format))
    return DeltaFile(format: format, base: base, baseChecksum: CRC32.hex(baseText), checksum: CRC32.hex(text), ops: ops)
  }

  public static func formatLine(_ format: Int = version) -> String { "#almanac:\(kind):\(format)" }

  static func chunking(_ format: Int) -> TextDelta.Chunking { format >= 3 ? .rowsAndLists : .rows }

  public func encoded() -> String {
    var out: String
    var cursor = 0
    if format >= 3 {
      out = "\(Self.formatLine(format)) \(base) \(baseChecksum) \(checksum)\n"
    } else {
      out = "\(Self.formatLine(format))\nbase=\(base)\nbase_crc32=\(baseChecksum)\ncrc32=\(checksum)\n"
    }
    for op in ops {
      switch op {
      case .copy(let start, let count) where format < 3: out += "=\(start)+\(count)\n"
      case .copy(let start, let count):
        if start > cursor { out += ">\(start - cursor)\n" } else if start < cursor { out += "<\(cursor - start)\n" }
        out += "=\(count)\n"
        cursor = start + count
      case .insert(let text) where text.hasSuffix("\n"): out += "+" + text
      case .insert(let text): out += "~" + text + "\n"
      case .digits(let fields): out += "&" + fields.joined(separator: ",") + "\n"
      case .edit(let start, let fields):
        if start > cursor { out += ">\(start - cursor)\n" } else if start < cursor { out += "<\(cursor - start)\n" }
        out += "%" + fields.joined(separator: ",") + "\n"
        cursor = start + 1
      }
    }
    return out
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
    guard let text = TextDelta.apply(ops, to: baseText, chunking: Self.chunking(format)), CRC32.hex(text) == checksum else {
      throw FormatError(
        path: path, problem: "does not rebuild the file it stands for (an operation or its checksum was changed or cut)",
        remedy: "Restore it with `git checkout -- <path>`, or re-run the stage that writes it.")
    }
    return text
  }
}
