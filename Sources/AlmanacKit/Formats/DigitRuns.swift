/// The runs of ASCII digits in a chunk, for `TextDelta.Op.digits`: a new day's row is the row
/// before it with other digits (`2026-11-19,…,3.10,233` after `2026-11-18,…,3.10,251`).
enum DigitRuns {
  static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

  /// The runs of `bytes`, in order.
  static func runs<C: Collection<UInt8>>(_ bytes: C) -> [Range<C.Index>] {
    var out: [Range<C.Index>] = []
    var i = bytes.startIndex
    while i < bytes.endIndex {
      guard isDigit(bytes[i]) else {
        i = bytes.index(after: i)
        continue
      }
      let start = i
      while i < bytes.endIndex, isDigit(bytes[i]) { i = bytes.index(after: i) }
      out.append(start..<i)
    }
    return out
  }

  /// `reference` with its i-th run replaced by `fields[i]` (kept when empty); nil unless there
  /// is one field for each run (at least one) and each field is digits.
  static func replacing(_ reference: [UInt8], with fields: [String]) -> [UInt8]? {
    let runs = runs(reference)
    guard !runs.isEmpty, fields.count == runs.count, fields.allSatisfy({ $0.utf8.allSatisfy(isDigit) }) else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(reference.count + 8)
    var at = 0
    for (run, field) in zip(runs, fields) {
      out += reference[at..<run.lowerBound]
      out += field.isEmpty ? Array(reference[run]) : Array(field.utf8)
      at = run.upperBound
    }
    return out + reference[at...]
  }

  /// The fields that turn `reference` into `target`, or nil when the two differ in more than
  /// their digits (or hold none).
  static func fields(turning reference: ArraySlice<UInt8>, into target: ArraySlice<UInt8>) -> [String]? {
    let a = Array(reference), b = Array(target)
    let ra = runs(a), rb = runs(b)
    guard !ra.isEmpty, ra.count == rb.count else { return nil }
    let fields = zip(ra, rb).map { a[$0] == b[$1] ? "" : String(decoding: b[$1], as: UTF8.self) }
    return replacing(a, with: fields) == b ? fields : nil
  }
}
