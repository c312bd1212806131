/// Advance widths of 11px Verdana for printable ASCII, as shields.io measures text
/// (api-notes.md §7.3). Control characters measure 0; any other character measures as `m`,
/// which is what shields does for characters outside its table.
enum VerdanaWidths {
  static let ascii: [Double] = [
    3.87, 4.33, 5.05, 9, 6.99, 11.84, 7.99, 2.95, 5, 5, 6.99, 9, 4, 5, 4, 5,  // ' ' … '/'
    6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99,  // '0' … '9'
    5, 5, 9, 9, 9, 6, 11,  // ':' … '@'
    7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53, 8.27, 4.63, 5, 7.62, 6.12, 9.27,  // 'A' … 'M'
    8.23, 8.66, 6.63, 8.66, 7.65, 7.52, 6.78, 8.05, 7.52, 10.88, 7.54, 6.77, 7.54,  // 'N' … 'Z'
    5, 5, 5, 9, 6.99, 6.99,  // '[' … '`'
    6.61, 6.85, 5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02, 3.79, 6.51, 3.02, 10.7,  // 'a' … 'm'
    6.96, 6.68, 6.85, 6.85, 4.69, 5.73, 4.33, 6.96, 6.51, 9, 6.51, 6.51, 5.78,  // 'n' … 'z'
    6.98, 5, 6.98, 9,  // '{' … '~'
  ]

  static let fallback = 10.7

  /// Sum over Unicode scalars, left to right, as shields' JavaScript does (same rounding).
  static func width(of text: String) -> Double {
    var total = 0.0
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if v <= 31 || v == 127 { continue }
      if v >= 32, v <= 126 { total += ascii[Int(v - 32)] } else { total += fallback }
    }
    return total
  }
}
