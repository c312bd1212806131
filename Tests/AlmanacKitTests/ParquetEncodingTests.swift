import Testing

@testable import AlmanacKit

/// The pieces of the Parquet writer, against the format's own examples and a reference
/// Snappy decoder written here from the format description.
@Suite struct ParquetEncodings {
  @Test func bitPackingFollowsTheSpecExample() {
    // parquet-format Encodings.md: 0…7 with bit width 3 pack into 10001000 11000110 11111010.
    #expect(RLEHybrid.encode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3) == [0x03, 0x88, 0xC6, 0xFA])
  }

  @Test func aLongRunIsOneRLERunAndShortTailsArePaddedGroups() {
    #expect(RLEHybrid.encode(Array(repeating: 5, count: 10), bitWidth: 3) == [20, 5])
    // Two literals, then a run of 14 ones: six of them top the group up to 8, the other eight
    // are a run.
    #expect(RLEHybrid.encode([1, 0] + Array(repeating: 1, count: 14), bitWidth: 1) == [0x03, 0xFD, 0x10, 0x01])
    // Too few left for a run: everything is bit-packed, the last group padded with zeros.
    #expect(RLEHybrid.encode([1, 0] + Array(repeating: 1, count: 10), bitWidth: 1) == [0x05, 0xFD, 0x0F])
    // A 300-long run: the count is a varint (600 = 0xD8 0x04), the value two bytes for width 9.
    #expect(RLEHybrid.encode(Array(repeating: 258, count: 300), bitWidth: 9) == [0xD8, 0x04, 0x02, 0x01])
    #expect(RLEHybrid.bitWidth(0) == 1 && RLEHybrid.bitWidth(1) == 1 && RLEHybrid.bitWidth(2) == 2 && RLEHybrid.bitWidth(255) == 8)
  }

  @Test func thriftCompactFieldsUseDeltasZigzagAndStopBytes() {
    var w = ThriftCompactWriter()
    w.structBody { s in
      s.i32(1, -1)
      s.i64(3, 300)
      s.string(20, "ab")
      s.structField(21) { inner in inner.bool(1, true) }
      s.listField(22, .i32, count: 2) { l in
        l.rawI32(0)
        l.rawI32(8)
      }
    }
    #expect(w.bytes == [0x15, 0x01, 0x26, 0xD8, 0x04, 0x08, 0x28, 0x02, 0x61, 0x62, 0x1C, 0x11, 0x00, 0x19, 0x25, 0x00, 0x10, 0x00])
  }

  @Test(arguments: [0, 1, 5, 64, 1000, 70_000, 200_000])
  func snappyRoundTripsThroughAReferenceDecoder(_ size: Int) throws {
    var rng = SeededGenerator(seed: UInt64(size) + 7)
    // Half repetitive text, half noise: both copies and long literals.
    let words = ["tidewater", "pypistats", "2026-11-", "linux", "with_mirrors"]
    var input: [UInt8] = []
    while input.count < size {
      if Bool.random(using: &rng) {
        input += Array(words[Int.random(in: 0..<words.count, using: &rng)].utf8)
      } else {
        input += (0..<Int.random(in: 1...80, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
      }
    }
    input = Array(input.prefix(size))
    let compressed = Snappy.compress(input)
    #expect(try SnappyReference.decompress(compressed) == input)
    if size >= 1000 { #expect(compressed.count < input.count) }
  }

  @Test func snappyCompressesRepetitionToAFraction() throws {
    let input = Array(String(repeating: "pypistats,tidewater,overall,with_mirrors\n", count: 2000).utf8)
    let compressed = Snappy.compress(input)
    #expect(try SnappyReference.decompress(compressed) == input)
    #expect(compressed.count * 20 < input.count)
  }
}

/// The Snappy block format decoded literally from its description, to check the compressor.
enum SnappyReference {
  struct Bad: Error {}

  static func decompress(_ b: [UInt8]) throws -> [UInt8] {
    var i = 0
    var length = 0
    var shift = 0
    while true {
      guard i < b.count else { throw Bad() }
      length |= Int(b[i] & 0x7F) << shift
      shift += 7
      i += 1
      if b[i - 1] < 0x80 { break }
    }
    var out: [UInt8] = []
    while i < b.count {
      let tag = b[i]
      i += 1
      switch tag & 3 {
      case 0:
        var n = Int(tag >> 2)
        if n >= 60 {
          let extra = n - 59
          n = 0
          for k in 0..<extra { n |= Int(b[i + k]) << (8 * k) }
          i += extra
        }
        n += 1
        guard i + n <= b.count else { throw Bad() }
        out += b[i..<(i + n)]
        i += n
      case 1:
        let n = Int((tag >> 2) & 7) + 4
        let offset = Int(tag >> 5) << 8 | Int(b[i])
        i += 1
        try copy(&out, offset, n)
      case 2:
        let n = Int(tag >> 2) + 1
        let offset = Int(b[i]) | Int(b[i + 1]) << 8
        i += 2
        try copy(&out, offset, n)
      default: throw Bad()
      }
    }
    guard out.count == length else { throw Bad() }
    return out
  }

  static func copy(_ out: inout [UInt8], _ offset: Int, _ n: Int) throws {
    guard offset > 0, offset <= out.count else { throw Bad() }
    for _ in 0..<n { out.append(out[out.count - offset]) }
  }
}
