import Testing

@testable import AlmanacKit

@Suite struct PackedKeyCacheTests {
  /// Two byte strings get the same key only when they are equal, for every length the cache
  /// takes (0 to 15); longer ones get none. Seeded strings over a small alphabet, so shared
  /// prefixes, suffixes and lengths are common.
  @Test func equalKeysOnlyForEqualBytes() {
    var g = SeededGenerator(seed: 8)
    let alphabet: [UInt8] = [0, 0x2E, 0x30, 0x31, 0x61, 0xFF]
    var byKey: [String: [UInt8]] = [:]
    var clashes: [[UInt8]] = []
    for _ in 0..<20_000 {
      let bytes = (0..<Int.random(in: 0...15, using: &g)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] }
      let key = bytes.withUnsafeBufferPointer { PackedKeyCache.key($0) }
      guard let key else {
        clashes.append(bytes)
        continue
      }
      let name = "\(key.lo),\(key.hi)"
      if let other = byKey[name], other != bytes { clashes.append(bytes) }
      byKey[name] = bytes
    }
    #expect(clashes.isEmpty)
    #expect(byKey.count > 5_000)
    let long = [UInt8](repeating: 0x61, count: 16)
    #expect(long.withUnsafeBufferPointer { PackedKeyCache.key($0) } == nil)
  }

  @Test func answersWhatWasSetAndMissesTheRest() throws {
    var cache = PackedKeyCache(bits: 4)
    let a = try #require(Array("2.25.2".utf8).withUnsafeBufferPointer { PackedKeyCache.key($0) })
    let b = try #require(Array("2.25.20".utf8).withUnsafeBufferPointer { PackedKeyCache.key($0) })
    #expect(cache.value(a) == nil)
    cache.set(a, 7)
    #expect(cache.value(a) == 7)
    #expect(cache.value(b) == nil)
  }
}
