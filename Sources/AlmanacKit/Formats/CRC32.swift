import CZlib

/// CRC-32 (zlib's, the polynomial of gzip and PNG) as 8 lowercase hex digits: stable across
/// runs and platforms, and native in Python (`zlib.crc32`), so `scripts/validate-store` checks
/// a store at zlib's speed. A checksum against accidents (a cut or edited file), never a
/// defence against someone who means to forge one.
public enum CRC32 {
  public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
    var crc: UInt = crc32(0, nil, 0)
    var rest = bytes[...]
    while !rest.isEmpty {
      let piece = rest.prefix(1 << 30)
      crc = piece.withUnsafeBytes { crc32(crc, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count)) }
      rest = rest.dropFirst(piece.count)
    }
    let hex = String(UInt32(truncatingIfNeeded: crc), radix: 16)
    return String(repeating: "0", count: 8 - hex.count) + hex
  }

  public static func hex(_ text: String) -> String {
    var text = text
    return text.withUTF8 { hex(UnsafeRawBufferPointer($0)) }
  }
}
