/// A Snappy compressor (the raw block format Parquet's SNAPPY codec uses, no framing).
///
/// The input is compressed in independent 64 KiB blocks (so every copy offset fits two bytes),
/// each with a 16 384-entry hash table of 4-byte sequences, skipping ahead faster the longer no
/// match is found, as the reference compressor does. The output starts with the uncompressed
/// length as a varint; then literals (tag `00`) and copies with a 1-byte (`01`, length 4–11,
/// offset below 2048) or 2-byte (`10`, length 1–64) offset.
public enum Snappy {
  static let blockSize = 1 << 16
  static let hashBits = 14

  public static func compress(_ input: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(32 + input.count + input.count / 6)
    RLEHybrid.varint(UInt64(input.count), into: &out)
    var table = [Int32](repeating: -1, count: 1 << hashBits)
    input.withUnsafeBufferPointer { buf in
      var start = 0
      while start < buf.count {
        let end = min(start + blockSize, buf.count)
        for i in table.indices { table[i] = -1 }
        compressBlock(buf, start, end, &table, &out)
        start = end
      }
    }
    return out
  }

  private static func load32(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
    UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
  }

  private static func hash(_ v: UInt32) -> Int { Int((v &* 0x1E35_A7BD) >> UInt32(32 - hashBits)) }

  private static func compressBlock(
    _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ table: inout [Int32], _ out: inout [UInt8]
  ) {
    var nextEmit = start
    var ip = start
    var skip = 32
    while ip + 4 <= end {
      let v = load32(b, ip)
      let h = hash(v)
      let candidate = Int(table[h])
      table[h] = Int32(ip - start)
      if candidate >= 0, load32(b, start + candidate) == v {
        let from = start + candidate
        literal(b, nextEmit, ip, &out)
        var length = 4
        while ip + length < end, b[from + length] == b[ip + length] { length += 1 }
        copy(offset: ip - from, length: length, &out)
        ip += length
        nextEmit = ip
        skip = 32
      } else {
        ip += skip >> 5
        skip += 1
      }
    }
    literal(b, nextEmit, end, &out)
  }

  private static func literal(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ out: inout [UInt8]) {
    let n = to - from
    guard n > 0 else { return }
    let m = n - 1
    if m < 60 {
      out.append(UInt8(m << 2))
    } else {
      var bytes: [UInt8] = []
      var rest = m
      while rest > 0 {
        bytes.append(UInt8(rest & 0xFF))
        rest >>= 8
      }
      out.append(UInt8((59 + bytes.count) << 2))
      out.append(contentsOf: bytes)
    }
    out.append(contentsOf: b[from..<to])
  }

  private static func copy(offset: Int, length: Int, _ out: inout [UInt8]) {
    var length = length
    while length >= 68 {
      copy2(offset, 64, &out)
      length -= 64
    }
    if length > 64 {
      copy2(offset, 60, &out)
      length -= 60
    }
    if length >= 4, length < 12, offset < 2048 {
      out.append(UInt8(1 | (length - 4) << 2 | (offset >> 8) << 5))
      out.append(UInt8(offset & 0xFF))
    } else {
      copy2(offset, length, &out)
    }
  }

  private static func copy2(_ offset: Int, _ length: Int, _ out: inout [UInt8]) {
    out.append(UInt8(2 | (length - 1) << 2))
    out.append(UInt8(offset & 0xFF))
    out.append(UInt8(offset >> 8))
  }
}
