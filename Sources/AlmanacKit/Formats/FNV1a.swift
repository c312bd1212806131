/// FNV-1a, 64 bits, as 16 lowercase hex digits: stable across runs and platforms. A checksum
/// against accidents (a cut or edited file, a changed query), never a defence against someone
/// who means to forge one.
public enum FNV1a {
  public static func hex(_ bytes: some Sequence<UInt8>) -> String {
    let hash = bytes.withContiguousStorageIfAvailable(hash) ?? hash(Array(bytes))
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  public static func hex(_ text: String) -> String {
    var text = text
    return text.withUTF8 { hex($0) }
  }

  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }

  static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer(hash) }
}
