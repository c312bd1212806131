/// A direct-mapped cache from short byte strings (up to 15 bytes: versions, installer names,
/// dates) to an `Int32`, in front of a slower lookup. The bytes are packed into two words with
/// their length, so a lookup is a few loads, one multiply and one compare, not a byte loop; a
/// collision only costs a miss. Rows in any order miss the classifier's last-value caches on
/// every row; this keeps those misses cheap.
struct PackedKeyCache {
  struct Key: Equatable {
    var lo: UInt64
    var hi: UInt64
  }

  private var keys: [Key]
  private var values: [Int32]
  private let shift: UInt64

  /// `bits`: log2 of the number of entries.
  init(bits: Int = 10) {
    keys = Array(repeating: Key(lo: 0, hi: 0), count: 1 << bits)
    values = Array(repeating: 0, count: 1 << bits)
    shift = UInt64(64 - bits)
  }

  /// The bytes with their length (never the all-zero key of an empty entry); nil when longer
  /// than 15 bytes. Reads only inside `b`.
  @inline(__always)
  static func key(_ b: UnsafeBufferPointer<UInt8>) -> Key? {
    let n = b.count
    guard n <= 15 else { return nil }
    let length = UInt64(n + 1) << 56
    guard let base = b.baseAddress, n > 0 else { return Key(lo: 0, hi: length) }
    let raw = UnsafeRawPointer(base)
    if n >= 8 {
      let tail = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
      return Key(lo: raw.loadUnaligned(as: UInt64.self), hi: (tail >> (8 * (16 - n))) | length)
    }
    if n >= 4 {
      // Two overlapping 4-byte loads; the overlap holds the same bytes in both.
      let head = UInt64(raw.loadUnaligned(as: UInt32.self))
      let tail = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
      return Key(lo: head | tail << (8 * (n - 4)), hi: length)
    }
    var lo: UInt64 = 0
    for i in 0..<n { lo |= UInt64(base[i]) << (8 * i) }
    return Key(lo: lo, hi: length)
  }

  @inline(__always)
  private func index(_ key: Key) -> Int {
    Int(truncatingIfNeeded: ((key.lo &* 0x9E37_79B9_7F4A_7C15) ^ (key.hi &* 0xC2B2_AE3D_27D4_EB4F)) >> shift)
  }

  @inline(__always)
  func value(_ key: Key) -> Int32? {
    let i = index(key)
    return keys[i] == key ? values[i] : nil
  }

  @inline(__always)
  mutating func set(_ key: Key, _ value: Int32) {
    let i = index(key)
    keys[i] = key
    values[i] = value
  }
}
