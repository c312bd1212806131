/// HMAC-SHA256 (RFC 2104), tested against RFC 4231's vectors.
public enum HMACSHA256 {
  public static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
    var k = key.count > SHA256.blockSize ? SHA256.hash(key) : key
    k += [UInt8](repeating: 0, count: SHA256.blockSize - k.count)
    var inner = SHA256()
    inner.update(k.map { $0 ^ 0x36 })
    inner.update(message)
    var outer = SHA256()
    outer.update(k.map { $0 ^ 0x5c })
    outer.update(inner.finalize())
    return outer.finalize()
  }

  /// Lower-case hex, as signature headers carry it (`sha256=<hex>`).
  public static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xf)]] })
  }
}
