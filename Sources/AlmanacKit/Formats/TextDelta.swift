/// A lossless delta between two texts, at the grain of rows: a chunk ends after a line feed,
/// after `\n` (a line feed escaped in a JSON string), or after a comma that follows `}` or `]`
/// (one JSON object of a list, escaped or not). A CSV file is a chunk per line, a
/// pypistats.org body a chunk per row, a JSONEachRow answer kept in a raw snapshot a chunk per
/// row. Any boundaries would be lossless; these make the copies long. The target is a list of
/// operations: copy a run of the base's chunks, or insert one chunk's text.
/// `apply(make(base, target), base) == target`, byte for byte.
public enum TextDelta {
  public enum Op: Equatable, Sendable {
    /// The base's chunks `start ..< start + count`.
    case copy(start: Int, count: Int)
    case insert(String)
  }

  /// A copy shorter than this many bytes is written as text: the operation would cost more.
  static let shortestCopy = 16
  /// Candidates tried for a chunk that repeats in the base (`},` of nested lists).
  static let candidateLimit = 8

  /// Chunk boundaries of `bytes` (each range non-empty; together they cover `bytes`).
  public static func chunks(_ bytes: [UInt8]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var start = 0
    for i in bytes.indices {
      let b = bytes[i]
      let previous = i > 0 ? bytes[i - 1] : 0
      if b == 0x0A || (b == 0x2C && (previous == 0x7D || previous == 0x5D)) || (b == 0x6E && previous == 0x5C) {
        out.append(start..<(i + 1))
        start = i + 1
      }
    }
    if start < bytes.count { out.append(start..<bytes.count) }
    return out
  }

  public static func make(base: String, target: String) -> [Op] {
    let b = Array(base.utf8), t = Array(target.utf8)
    let bc = chunks(b), tc = chunks(t)
    var index: [ArraySlice<UInt8>: [Int]] = [:]
    for (i, r) in bc.enumerated() { index[b[r], default: []].append(i) }
    func same(_ i: Int, _ j: Int) -> Bool { i < bc.count && j < tc.count && b[bc[i]] == t[tc[j]] }
    var ops: [Op] = []
    var expected = 0
    var j = 0
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
      if best.bytes >= shortestCopy {
        ops.append(.copy(start: best.start, count: best.count))
        expected = best.start + best.count
        j += best.count
      } else {
        ops.append(.insert(String(decoding: t[tc[j]], as: UTF8.self)))
        j += 1
      }
    }
    return ops
  }

  /// The target rebuilt from `base`; nil when an operation reaches past the base's chunks.
  public static func apply(_ ops: [Op], to base: String) -> String? {
    let b = Array(base.utf8)
    let bc = chunks(b)
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    for op in ops {
      switch op {
      case .copy(let start, let count):
        guard start >= 0, count > 0, start + count <= bc.count else { return nil }
        out += b[bc[start].lowerBound..<bc[start + count - 1].upperBound]
      case .insert(let text):
        out += text.utf8
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
