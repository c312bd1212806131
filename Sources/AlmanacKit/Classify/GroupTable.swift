/// The (package, day, version) groups of `DetailAccumulator`, numbered in order of first
/// appearance, behind an open-addressing table with a multiplicative hash. Rows in day order
/// rarely ask it (the accumulator remembers the last group); rows in any order (a query
/// without ORDER BY) ask it every row, where `Dictionary`'s SipHash of three fields cost 1.4×.
struct GroupTable {
  private var slots = [Int32](repeating: -1, count: 1_024)
  private(set) var keys: [DetailAccumulator.GroupKey] = []

  @inline(__always)
  private static func hash(_ key: DetailAccumulator.GroupKey) -> Int {
    var h = UInt64(UInt32(bitPattern: key.package)) &* 0x9E37_79B9_7F4A_7C15
    h ^= UInt64(UInt32(bitPattern: key.day)) &* 0xC2B2_AE3D_27D4_EB4F
    h ^= UInt64(UInt32(bitPattern: key.version)) &* 0x1656_67B1_9E37_79F9
    return Int(truncatingIfNeeded: h ^ (h >> 31))
  }

  /// The group's number, and whether this call added it.
  @inline(__always)
  mutating func number(of key: DetailAccumulator.GroupKey) -> (number: Int, isNew: Bool) {
    let mask = slots.count - 1
    var i = Self.hash(key) & mask
    while true {
      let n = slots[i]
      if n < 0 { break }
      if keys[Int(n)] == key { return (Int(n), false) }
      i = (i + 1) & mask
    }
    let n = keys.count
    keys.append(key)
    slots[i] = Int32(n)
    if keys.count * 2 > slots.count { grow() }
    return (n, true)
  }

  private mutating func grow() {
    var bigger = [Int32](repeating: -1, count: slots.count * 2)
    let mask = bigger.count - 1
    for (n, key) in keys.enumerated() {
      var i = Self.hash(key) & mask
      while bigger[i] >= 0 { i = (i + 1) & mask }
      bigger[i] = Int32(n)
    }
    slots = bigger
  }
}
