extension FuzzCheck {
  /// Any bytes as a base text and a `.delta` file: the text before the first NUL byte is the
  /// base, the rest the delta. Decoding must return or throw, never trap, and so must applying
  /// what it accepts (a copy past the base, a cursor past any file, digits with nothing to
  /// repeat are refused, not overflows). What decodes must encode back to a delta that
  /// decodes equal. And the two texts as base and target must round-trip through a delta of
  /// each format (`make`, `encoded`, `decode`, `apply`), byte for byte.
  public static func delta(_ bytes: [UInt8]) throws(Failure) {
    let cut = bytes.firstIndex(of: 0) ?? bytes.count
    let base = String(decoding: bytes[..<cut], as: UTF8.self)
    let text = String(decoding: bytes.dropFirst(cut + 1), as: UTF8.self)
    if let delta = try? DeltaFile.decode(text, path: "fuzz.delta") {
      _ = try? delta.apply(to: base, path: "fuzz.delta", basePath: "fuzz")
      _ = TextDelta.apply(delta.ops, to: base)
      guard (try? DeltaFile.decode(delta.encoded(), path: "again.delta")) == delta else { throw Failure("a decoded delta did not encode back to itself") }
    }
    for format in DeltaFile.versions {
      let made = DeltaFile.make(base: "2026-11-21.json", baseText: base, text: text, format: format)
      guard let back = try? DeltaFile.decode(made.encoded(), path: "made.delta") else { throw Failure("format \(format): a made delta does not decode") }
      guard (try? back.apply(to: base, path: "made.delta", basePath: "fuzz")) == text else { throw Failure("format \(format): a made delta does not rebuild its text") }
    }
  }
}
