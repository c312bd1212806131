/// Maps short byte strings (versions, installer names) to dense ids without building a
/// `String` per lookup: FNV-1a hash, open addressing, bytes kept in one arena.
struct ByteInterner {
  private var slots: [Int32] = Array(repeating: -1, count: 64)
  private var hashes: [UInt64] = []
  private var starts: [Int] = []
  private var arena: [UInt8] = []

  var count: Int { hashes.count }

  /// The id of `bytes`, adding them if new.
  mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: hash) & mask
    while true {
      let id = slots[i]
      if id < 0 { break }
      if hashes[Int(id)] == hash, equal(Int(id), bytes) { return id }
      i = (i + 1) & mask
    }
    let id = Int32(hashes.count)
    hashes.append(hash)
    starts.append(arena.count)
    arena.append(contentsOf: bytes)
    slots[i] = id
    if hashes.count * 2 > slots.count { grow() }
    return id
  }

  func string(_ id: Int32) -> String {
    let start = starts[Int(id)]
    let end = Int(id) + 1 < starts.count ? starts[Int(id) + 1] : arena.count
    return String(decoding: arena[start..<end], as: UTF8.self)
  }

  private func equal(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[id]
    let end = id + 1 < starts.count ? starts[id + 1] : arena.count
    guard end - start == bytes.count else { return false }
    var j = start
    for b in bytes {
      if arena[j] != b { return false }
      j += 1
    }
    return true
  }

  private mutating func grow() {
    var bigger = [Int32](repeating: -1, count: slots.count * 2)
    let mask = bigger.count - 1
    for (id, hash) in hashes.enumerated() {
      var i = Int(truncatingIfNeeded: hash) & mask
      while bigger[i] >= 0 { i = (i + 1) & mask }
      bigger[i] = Int32(id)
    }
    slots = bigger
  }
}
