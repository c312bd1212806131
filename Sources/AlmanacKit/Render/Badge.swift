/// A shields.io "flat" badge, rendered locally to the same bytes shields.io serves
/// (api-notes.md §7.4), plus the shields endpoint JSON that describes it (§7.1).
public struct Badge: Equatable, Sendable {
  public var label: String
  public var message: String
  /// A named shields color (`brightgreen`, `blue`, …) or a hex color (`4c1`, `#007ec6`).
  public var color: String
  public var labelColor: String

  public init(label: String, message: String, color: String, labelColor: String = "grey") {
    self.label = label.trimmingSpaces
    self.message = message.trimmingSpaces
    self.color = color
    self.labelColor = labelColor
  }

  static let named: [String: String] = [
    "brightgreen": "#4c1", "green": "#97ca00", "yellowgreen": "#a4a61d", "yellow": "#dfb317",
    "orange": "#fe7d37", "red": "#e05d44", "blue": "#007ec6", "grey": "#555", "lightgrey": "#9f9f9f",
  ]
  static let aliases: [String: String] = [
    "gray": "grey", "lightgray": "lightgrey", "critical": "red", "important": "orange",
    "success": "brightgreen", "informational": "blue", "inactive": "lightgrey",
  ]

  /// The hex a color name or hex string stands for, or nil when shields would not accept it.
  public static func hex(_ color: String) -> String? {
    let lower = color.lowercased()
    if let n = named[aliases[lower] ?? lower] { return n }
    let bare = lower.hasPrefix("#") ? String(lower.dropFirst()) : lower
    guard bare.count == 3 || bare.count == 6, bare.allSatisfy(\.isHexDigit) else { return nil }
    return "#" + bare
  }

  /// shields' brightness rule: light backgrounds get dark text.
  static func isLight(_ hex: String) -> Bool {
    var digits = Array(hex.dropFirst())
    if digits.count == 3 { digits = digits.flatMap { [$0, $0] } }
    guard digits.count == 6 else { return false }
    func channel(_ i: Int) -> Double { Double(Int(String(digits[i..<i + 2]), radix: 16) ?? 0) }
    let brightness = (channel(0) * 299 + channel(2) * 587 + channel(4) * 114) / 255_000
    return (brightness * 100).rounded() / 100 > 0.69
  }

  static func preferredWidth(_ text: String) -> Int {
    let w = Int(VerdanaWidths.width(of: text))  // truncates toward zero, like shields
    return w % 2 == 0 ? w + 1 : w
  }

  public func svg() -> String {
    let color = Self.hex(self.color) ?? "#9f9f9f"
    let labelColor = Self.hex(self.labelColor) ?? "#555"
    let hasLabel = !label.isEmpty
    let labelWidth = hasLabel ? Self.preferredWidth(label) : 0
    let leftWidth = hasLabel ? labelWidth + 10 : 0
    let messageWidth = Self.preferredWidth(message)
    let rightWidth = messageWidth + 10
    let width = leftWidth + rightWidth
    let messageMargin = hasLabel ? leftWidth - (message.isEmpty ? 0 : 1) : 0
    let accessible = hasLabel ? "\(label): \(message)" : message

    func text(_ content: String, margin: Int, textWidth: Int, background: String) -> String {
      let x = 10 * margin + 5 * textWidth + 50
      let light = Self.isLight(background)
      let (fill, shadow) = light ? ("#333", "#ccc") : ("#fff", "#010101")
      let escaped = Self.xmlEscape(content)
      return "<text aria-hidden=\"true\" x=\"\(x)\" y=\"150\" fill=\"\(shadow)\" fill-opacity=\".3\" transform=\"scale(.1)\" textLength=\"\(textWidth * 10)\">\(escaped)</text>"
        + "<text x=\"\(x)\" y=\"140\" transform=\"scale(.1)\" fill=\"\(fill)\" textLength=\"\(textWidth * 10)\">\(escaped)</text>"
    }

    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"\(width)\" height=\"20\" role=\"img\" aria-label=\"\(Self.xmlEscape(accessible))\">"
    svg += "<title>\(Self.xmlEscape(accessible))</title>"
    svg += "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
    svg += "<clipPath id=\"r\"><rect width=\"\(width)\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
    svg += "<g clip-path=\"url(#r)\"><rect width=\"\(leftWidth)\" height=\"20\" fill=\"\(labelColor)\"/>"
    svg += "<rect x=\"\(leftWidth)\" width=\"\(rightWidth)\" height=\"20\" fill=\"\(color)\"/>"
    svg += "<rect width=\"\(width)\" height=\"20\" fill=\"url(#s)\"/></g>"
    svg += "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" text-rendering=\"geometricPrecision\" font-size=\"110\">"
    if hasLabel { svg += text(label, margin: 1, textWidth: labelWidth, background: labelColor) }
    svg += text(message, margin: messageMargin, textWidth: messageWidth, background: color)
    svg += "</g></svg>"
    return svg
  }

  /// What the endpoint JSON says beyond the badge itself (`render.*` in almanac.yml).
  public struct Endpoint: Equatable, Sendable {
    /// How long shields.io may cache the badge (`cacheSeconds`); nil leaves shields' default.
    public var cacheSeconds: Int? = 3600
    /// A simple-icons slug shields draws left of the label (`namedLogo`), e.g. `python`.
    public var namedLogo: String?
    /// The logo's color (`logoColor`); shields allows it only with a logo.
    public var logoColor: String?

    public init(cacheSeconds: Int? = 3600, namedLogo: String? = nil, logoColor: String? = nil) {
      self.cacheSeconds = cacheSeconds
      self.namedLogo = namedLogo
      self.logoColor = logoColor
    }

    /// shields' rule for a simple-icons slug: lowercase letters, digits, `.`, `-` and `_`.
    public static func isLogoSlug(_ s: String) -> Bool {
      !s.isEmpty && s.count <= 64 && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) }
    }
  }

  /// The shields endpoint JSON (only keys shields accepts: unknown keys break the badge).
  public func endpointJSON(_ endpoint: Endpoint = Endpoint()) -> JSONValue {
    var keys: [String: JSONValue] = [
      "schemaVersion": .int(1), "label": .string(label), "message": .string(message), "color": .string(color),
      "labelColor": .string(labelColor),
    ]
    if let seconds = endpoint.cacheSeconds { keys["cacheSeconds"] = .int(Int64(seconds)) }
    if let logo = endpoint.namedLogo {
      keys["namedLogo"] = .string(logo)
      // shields refuses logoColor without a logo.
      if let color = endpoint.logoColor { keys["logoColor"] = .string(color) }
    }
    return .object(keys)
  }

  static func xmlEscape(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        // XML 1.0 forbids most control characters; shields measures them as 0 width too.
        if c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) { out.append(c) }
      }
    }
    return out
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
