import Testing

@testable import AlmanacKit

/// SHA-256 against FIPS 180-4's examples and HMAC-SHA256 against RFC 4231's test cases 1–7
/// (case 5 truncates the output to 128 bits).
@Suite struct HMACSHA256Tests {
  static func bytes(hex: String) -> [UInt8] {
    let chars = Array(hex.utf8)
    return stride(from: 0, to: chars.count, by: 2).map { UInt8(String(decoding: chars[$0..<$0 + 2], as: UTF8.self), radix: 16) ?? 0 }
  }

  @Test func sha256MatchesTheStandardsExamples() {
    #expect(HMACSHA256.hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(HMACSHA256.hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      HMACSHA256.hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    // A million `a`s crosses many blocks, fed in uneven pieces.
    var s = SHA256()
    for _ in 0..<1000 { s.update([UInt8](repeating: 0x61, count: 999)) }
    s.update([UInt8](repeating: 0x61, count: 1000))
    #expect(HMACSHA256.hex(s.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  struct Vector: CustomTestStringConvertible, Sendable {
    var name: String
    var key: [UInt8]
    var data: [UInt8]
    var mac: String
    var testDescription: String { name }
  }

  static let rfc4231: [Vector] = [
    Vector(name: "1", key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
      mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    Vector(name: "2", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
      mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    Vector(name: "3", key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50),
      mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    Vector(name: "4", key: bytes(hex: "0102030405060708090a0b0c0d0e0f10111213141516171819"), data: [UInt8](repeating: 0xcd, count: 50),
      mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    Vector(name: "5 (truncated to 128 bits)", key: [UInt8](repeating: 0x0c, count: 20), data: Array("Test With Truncation".utf8),
      mac: "a3b6167473100ee06e0c796c2955552b"),
    Vector(name: "6 (key longer than a block)", key: [UInt8](repeating: 0xaa, count: 131),
      data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
      mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    Vector(name: "7 (key and data longer than a block)", key: [UInt8](repeating: 0xaa, count: 131),
      data: Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
      mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
  ]

  @Test(arguments: rfc4231) func hmacMatchesRFC4231(_ v: Vector) {
    let mac = HMACSHA256.hex(HMACSHA256.mac(key: v.key, message: v.data))
    #expect(mac.hasPrefix(v.mac) && mac.count == 64, "\(mac)")
  }
}
