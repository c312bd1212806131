/// A lossless delta between two texts, at the grain of rows: a chunk ends after a line feed,
/// after `\n` (a line feed escaped in a JSON string), or after a comma that follows `}` or `]`
/// (one JSON object of a list, escaped or not); since delta format 3 also after `[` and before
/// `]`, so a list's first and last rows are chunks of their own. A CSV file is a chunk per
/// line, a pypistats.org body a chunk per row, a JSONEachRow answer kept in a raw snapshot a
/// chunk per row. Any boundaries would be lossless; these make the copies long. The target is
/// a list of operations: copy a run of the base's chunks, insert one chunk's text, or repeat
/// the chunk before, or a base's chunk, with other digits (a new day's row is yesterday's with
/// another date and count; a revised row the base's with another count). `apply(make(base, target), base) == target`, byte for byte.
public enum TextDelta {
  public enum Op: Equatable, Sendable {
    /// The base's chunks `start ..< start + count`.
    case copy(start: Int, count: Int)
    case insert(String)
    /// The last chunk the operation before wrote, with its runs of ASCII digits replaced in
    /// order (an empty string keeps that run). Format 3.
    case digits([String])
    /// The base's chunk `start` with its digit runs replaced, as in `digits`. Format 3.
    case edit(start: Int, fields: [String])
  }

  /// Where chunks end: `rows` is delta format 2's rule, `rowsAndLists` format 3's.
  public enum Chunking: Sendable {
    case rows, rowsAndLists
  }

  /// A copy shorter than this many bytes is written as text: the operation would cost more
  /// (format 2's `=S+N` more than format 3's `=N`).
  static func shortestCopy(_ chunking: Chunking) -> Int { chunking == .rows ? 16 : 8 }
  /// Candidates tried for a chunk that repeats in the base (`},` of nested lists).
  static let candidateLimit = 8

  /// Chunk boundaries of `bytes` (each range non-empty; together they cover `bytes`).
  public static func chunks(_ bytes: [UInt8], _ chunking: Chunking = .rowsAndLists) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var start = 0
    let lists = chunking == .rowsAndLists
    for i in bytes.indices {
      let b = bytes[i]
      let previous = i > 0 ? bytes[i - 1] : 0
      if b == 0x0A || (b == 0x2C && (previous == 0x7D || previous == 0x5D)) || (b == 0x6E && previous == 0x5C)
        || (lists && (b == 0x5B || (i + 1 < bytes.count && bytes[i + 1] == 0x5D))) {
        out.append(start..<(i + 1))
        start = i + 1
      }
    }
    if start < bytes.count { out.append(start..<bytes.count) }
    return out
  }

  /// The operations that turn `base` into `target`: format 3's (`digits` only there), or
  /// format 2's for `.rows`.
  public static func make(base: String, target: String, chunking: Chunking = .rowsAndLists) -> [Op] {
    let b = Array(base.utf8), t = Array(target.utf8)
    let bc = chunks(b, chunking), tc = chunks(t, chunking)
    var index: [ArraySlice<UInt8>: [Int]] = [:]
    for (i, r) in bc.enumerated() { index[b[r], default: []].append(i) }
    func same(_ i: Int, _ j: Int) -> Bool { i < bc.count && j < tc.count && b[bc[i]] == t[tc[j]] }
    var ops: [Op] = []
    var expected = 0
    var j = 0
    var last: ArraySlice<UInt8>?
    while j < tc.count {
      var candidates = Array((index[t[tc[j]]] ?? []).prefix(candidateLimit))
      if same(expected, j) { candidates.insert(expected, at: 0) }
      var best = (start: 0, count: 0, bytes: 0)
      for start in candidates {
        var count = 0, bytes = 0
        while same(start + count, j + count) {
          bytes += tc[j + count].count
          count += 1
        }
        if bytes > best.bytes { best = (start, count, bytes) }
      }
      if best.bytes >= shortestCopy(chunking) {
        ops.append(.copy(start: best.start, count: best.count))
        expected = best.start + best.count
        j += best.count
        last = b[bc[expected - 1]]
      } else {
        let chunk = t[tc[j]]
        func size(_ fields: [String]?) -> Int { fields.map { $0.reduce($0.count) { $0 + $1.count } } ?? Int.max }
        let previous = last.flatMap { DigitRuns.fields(turning: $0, into: chunk) }
        let atCursor = expected < bc.count ? DigitRuns.fields(turning: b[bc[expected]], into: chunk) : nil
        if chunking == .rowsAndLists, let fields = previous, size(fields) < chunk.count, size(fields) <= size(atCursor) {
          ops.append(.digits(fields))
        } else if chunking == .rowsAndLists, let fields = atCursor, size(fields) < chunk.count {
          ops.append(.edit(start: expected, fields: fields))
          expected += 1
        } else {
          ops.append(.insert(String(decoding: chunk, as: UTF8.self)))
        }
        last = chunk
        j += 1
      }
    }
    return ops
  }

  /// The target rebuilt from `base`; nil when an operation reaches past the base's chunks, or
  /// a `digits` or `edit` has no chunk to repeat or other fields than that chunk's digit runs.
  public static func apply(_ ops: [Op], to base: String, chunking: Chunking = .rowsAndLists) -> String? {
    let b = Array(base.utf8)
    let bc = chunks(b, chunking)
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var last: Range<Int>?
    for op in ops {
      let start = out.count
      switch op {
      case .copy(let first, let count):
        guard first >= 0, first < bc.count, count > 0, count <= bc.count - first else { return nil }
        out += b[bc[first].lowerBound..<bc[first + count - 1].upperBound]
        last = (out.count - bc[first + count - 1].count)..<out.count
      case .insert(let text):
        out += text.utf8
        last = start..<out.count
      case .digits(let fields):
        guard let previous = last, let chunk = DigitRuns.replacing(Array(out[previous]), with: fields) else { return nil }
        out += chunk
        last = start..<out.count
      case .edit(let at, let fields):
        guard at >= 0, at < bc.count, let chunk = DigitRuns.replacing(Array(b[bc[at]]), with: fields) else { return nil }
        out += chunk
        last = start..<out.count
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
