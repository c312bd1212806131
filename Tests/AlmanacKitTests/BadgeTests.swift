import Testing

@testable import AlmanacKit

@Suite struct BadgeTests {
  /// api-notes.md §7.4: published shields.io output, byte for byte.
  @Test func rendersTheShieldsGoldenBadgeByteForByte() {
    let svg = Badge(label: "build", message: "passing", color: "#4c1").svg()
    #expect(svg == ##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="88" height="20" role="img" aria-label="build: passing"><title>build: passing</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="88" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="37" height="20" fill="#555"/><rect x="37" width="51" height="20" fill="#4c1"/><rect width="88" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110"><text aria-hidden="true" x="195" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="270">build</text><text x="195" y="140" transform="scale(.1)" fill="#fff" textLength="270">build</text><text aria-hidden="true" x="615" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="410">passing</text><text x="615" y="140" transform="scale(.1)" fill="#fff" textLength="410">passing</text></g></svg>"##)
  }

  struct Golden: Sendable, CustomTestStringConvertible {
    var label: String, message: String, color: String
    var width: Int, left: Int, right: Int
    var labelX: Int, labelLength: Int, messageX: Int, messageLength: Int
    var testDescription: String { "\(label) | \(message)" }
  }

  @Test(arguments: [
    Golden(label: "stars", message: "1.2k", color: "#007ec6", width: 72, left: 37, right: 35, labelX: 195, labelLength: 270, messageX: 535, messageLength: 250),
    Golden(label: "views/14d", message: "3,782", color: "#97ca00", width: 108, left: 67, right: 41, labelX: 345, labelLength: 570, messageX: 865, messageLength: 310),
    Golden(label: "build", message: "passing", color: "brightgreen", width: 88, left: 37, right: 51, labelX: 195, labelLength: 270, messageX: 615, messageLength: 410),
  ])
  func laysOutLikeShields(_ g: Golden) {
    let svg = Badge(label: g.label, message: g.message, color: g.color).svg()
    #expect(svg.contains("width=\"\(g.width)\" height=\"20\" role=\"img\""))
    #expect(svg.contains("<rect width=\"\(g.width)\" height=\"20\" rx=\"3\" fill=\"#fff\"/>"))
    #expect(svg.contains("<rect width=\"\(g.left)\" height=\"20\" fill=\"#555\"/>"))
    #expect(svg.contains("<rect x=\"\(g.left)\" width=\"\(g.right)\" height=\"20\" fill=\"\(Badge.hex(g.color) ?? "?")\"/>"))
    #expect(svg.contains("<text x=\"\(g.labelX)\" y=\"140\" transform=\"scale(.1)\" fill=\"#fff\" textLength=\"\(g.labelLength)\">\(g.label)</text>"))
    #expect(svg.contains("<text x=\"\(g.messageX)\" y=\"140\" transform=\"scale(.1)\" fill=\"#fff\" textLength=\"\(g.messageLength)\">\(g.message)</text>"))
    #expect(svg.contains("aria-hidden=\"true\" x=\"\(g.messageX)\" y=\"150\""))
  }

  @Test func measuresTextWithShieldsVerdanaTable() {
    #expect(VerdanaWidths.width(of: "m") == 10.7)
    // api-notes §7.3 gives the table to two decimals, so the consumer's "≈ 49.48" comes out 49.46.
    #expect(abs(VerdanaWidths.width(of: "v1.2.511") - 49.46) < 0.000_001)
    #expect(VerdanaWidths.width(of: "\u{1}\t") == 0)
    #expect(VerdanaWidths.width(of: "·") == 10.7)
    #expect(VerdanaWidths.width(of: "😀") == 10.7)
    #expect(Badge.preferredWidth("build") == 27)
    #expect(Badge.preferredWidth("passing") == 41)
    #expect(Badge.preferredWidth("") == 1)
  }

  @Test func escapesXMLInTextAndAttributes() {
    let svg = Badge(label: "a&b", message: "<\"it's\">", color: "blue").svg()
    #expect(svg.contains(##"aria-label="a&amp;b: &lt;&quot;it&apos;s&quot;&gt;""##))
    #expect(svg.contains("<title>a&amp;b: &lt;&quot;it&apos;s&quot;&gt;</title>"))
    #expect(svg.contains(">a&amp;b</text>"))
    #expect(svg.contains(">&lt;&quot;it&apos;s&quot;&gt;</text>"))
    #expect(!svg.contains("it's"))
    #expect(Badge.xmlEscape(##"&<>"'·"##) == "&amp;&lt;&gt;&quot;&apos;·")
  }

  @Test func trimsLabelAndMessage() {
    let badge = Badge(label: "  downloads ", message: "\t1.2k\n", color: "blue")
    #expect(badge.label == "downloads")
    #expect(badge.message == "1.2k")
  }

  @Test func aBadgeWithoutLabelIsAllMessage() {
    let svg = Badge(label: "", message: "passing", color: "green").svg()
    #expect(svg.contains(##"width="51" height="20" role="img" aria-label="passing"><title>passing</title>"##))
    #expect(svg.contains(##"<rect width="0" height="20" fill="#555"/><rect x="0" width="51" height="20" fill="#97ca00"/>"##))
    #expect(svg.contains(##"<text x="255" y="140" transform="scale(.1)" fill="#fff" textLength="410">passing</text>"##))
    #expect(!svg.contains("textLength=\"0\""))
  }

  @Test(arguments: [
    ("brightgreen", "#4c1"), ("green", "#97ca00"), ("yellowgreen", "#a4a61d"), ("yellow", "#dfb317"), ("orange", "#fe7d37"),
    ("red", "#e05d44"), ("blue", "#007ec6"), ("grey", "#555"), ("lightgrey", "#9f9f9f"), ("gray", "#555"), ("lightgray", "#9f9f9f"),
    ("critical", "#e05d44"), ("important", "#fe7d37"), ("success", "#4c1"), ("informational", "#007ec6"), ("inactive", "#9f9f9f"),
    ("Blue", "#007ec6"), ("4c1", "#4c1"), ("#4C1", "#4c1"), ("ABCDEF", "#abcdef"), ("#007ec6", "#007ec6"),
  ])
  func resolvesColorsLikeShields(_ name: String, _ hex: String) {
    #expect(Badge.hex(name) == hex)
  }

  @Test(arguments: ["", "#", "12", "1234", "#12345", "ggg", "#fffffff", "notacolor", "##fff"])
  func rejectsWhatIsNotAColor(_ name: String) {
    #expect(Badge.hex(name) == nil)
  }

  @Test func anUnknownColorFallsBackToLightgrey() {
    #expect(Badge(label: "a", message: "b", color: "notacolor").svg().contains(##"fill="#9f9f9f"/>"##))
    #expect(Badge(label: "a", message: "b", color: "blue", labelColor: "nope").svg().contains(##"<rect width="17" height="20" fill="#555"/>"##))
  }

  @Test(arguments: ["brightgreen", "green", "yellowgreen", "yellow", "orange", "red", "blue", "grey", "lightgrey", "#b0b0b0", "#b1b1b1", "000"])
  func darkBackgroundsGetWhiteText(_ color: String) {
    let svg = Badge(label: "", message: "x", color: color).svg()
    #expect(svg.contains(##"fill="#010101" fill-opacity=".3""##))
    #expect(svg.contains(##"fill="#fff" textLength"##))
  }

  @Test(arguments: ["fff", "#FFFFFF", "eee", "#abc", "#b2b2b2", "ff0"])
  func lightBackgroundsGetDarkText(_ color: String) {
    let svg = Badge(label: "", message: "x", color: color).svg()
    #expect(svg.contains(##"fill="#ccc" fill-opacity=".3""##))
    #expect(svg.contains(##"fill="#333" textLength"##))
  }

  @Test func aLightLabelColorDarkensOnlyTheLabel() {
    let svg = Badge(label: "a", message: "b", color: "blue", labelColor: "fff").svg()
    #expect(svg.contains(##"fill="#333" textLength="70">a</text>"##))
    #expect(svg.contains(##"fill="#fff" textLength="70">b</text>"##))
  }

  @Test func theEndpointJSONHasOnlyKeysShieldsAccepts() throws {
    let json = Badge(label: "downloads", message: "1.2k/month", color: "brightgreen").endpointJSON()
    #expect(try #require(json.objectValue).keys.sorted() == ["cacheSeconds", "color", "label", "labelColor", "message", "schemaVersion"])
    #expect(CanonicalJSON.encode(json) == """
      {
        "cacheSeconds": 3600,
        "color": "brightgreen",
        "label": "downloads",
        "labelColor": "grey",
        "message": "1.2k/month",
        "schemaVersion": 1
      }

      """)
  }
}

@Suite struct NumberFormatTests {
  @Test(arguments: [
    (0 as Int64, "0"), (7, "7"), (999, "999"), (1000, "1k"), (1049, "1k"), (1050, "1.1k"), (1150, "1.1k"), (1250, "1.3k"), (1234, "1.2k"), (9949, "9.9k"),
    (9950, "9.9k"), (9951, "10k"), (9999, "10k"), (10_000, "10k"), (10_499, "10k"), (10_500, "11k"), (999_499, "999k"), (999_500, "1M"),
    (999_999, "1M"), (1_000_000, "1M"), (1_500_000, "1.5M"), (27_234_697_969, "27G"), (1_000_000_000_000, "1T"),
    (Int64.max, "9.2E"), (-1, "-1"), (-999, "-999"), (-1234, "-1.2k"), (-1_500_000, "-1.5M"), (-10_500, "-11k"), (Int64.min, "-9.2E"),
  ])
  func abbreviatesLikeShieldsMetric(_ n: Int64, _ text: String) {
    #expect(NumberFormat.metric(n) == text)
  }

  @Test(arguments: [
    (0 as Int64, "0"), (999, "999"), (1000, "1,000"), (3782, "3,782"), (1_234_567, "1,234,567"), (-1234, "-1,234"),
    (27_234_697_969, "27,234,697,969"),
  ])
  func groupsThousands(_ n: Int64, _ text: String) {
    #expect(NumberFormat.grouped(n) == text)
  }

  @Test func showsAChangeOnlyAgainstABase() {
    #expect(NumberFormat.change(108, from: 100) == "+8%")
    #expect(NumberFormat.change(88, from: 100) == "-12%")
    #expect(NumberFormat.change(100, from: 100) == "+0%")
    #expect(NumberFormat.change(5, from: 0) == nil)
    #expect(NumberFormat.change(1, from: 3) == "-67%")
  }

  /// shields' `downloadCount`: 0 red, under 10 yellow, under 100 yellowgreen, under 1000 green.
  @Test(arguments: [
    (0 as Int64, "red"), (1, "yellow"), (9, "yellow"), (10, "yellowgreen"), (99, "yellowgreen"), (100, "green"), (999, "green"),
    (1000, "brightgreen"), (27_234_697_969, "brightgreen"),
  ])
  func colorsDownloadCountsLikeShields(_ n: Int64, _ color: String) {
    #expect(NumberFormat.downloadColor(n) == color)
  }
}

@Suite struct BadgeSetTests {
  @Test func namesTheThreeDownloadBadges() {
    let d = day("2026-11-19")
    let s = series((0..<40).map { ("overall", "without_mirrors", d.adding(days: -$0), Int64(100)) })
    let badges = BadgeSet.downloads(PackageStats(series: s, asOf: d), labelColor: "blue")
    #expect(badges.map(\.name) == ["demo-pkg-downloads-total", "demo-pkg-downloads-month", "demo-pkg-downloads-week"])
    #expect(badges.map(\.badge.message) == ["4k", "3k/month", "700/week"])
    #expect(badges.map(\.badge.color) == ["brightgreen", "brightgreen", "green"])
    #expect(badges.allSatisfy { $0.badge.label == "downloads" && $0.badge.labelColor == "blue" })
  }
}

@Suite struct BadgeEndpointOptions {
  @Test func aLogoAndItsColorAndTheCacheLengthReachTheEndpointJSON() throws {
    let badge = Badge(label: "downloads", message: "5", color: "blue")
    let json = try #require(badge.endpointJSON(.init(cacheSeconds: 7200, namedLogo: "python", logoColor: "white")).objectValue)
    #expect(json["cacheSeconds"] == .int(7200))
    #expect(json["namedLogo"] == .string("python"))
    #expect(json["logoColor"] == .string("white"))
    // shields refuses logoColor without a logo, and no cache length leaves shields' default.
    let bare = try #require(badge.endpointJSON(.init(cacheSeconds: nil, namedLogo: nil, logoColor: "white")).objectValue)
    #expect(bare.keys.sorted() == ["color", "label", "labelColor", "message", "schemaVersion"])
  }

  @Test func theConfigTakesTheEndpointKeys() throws {
    let config = try ConfigParser.parse("targets: {packages: [p]}\nrender: {cache_seconds: 900, named_logo: python, logo_color: fff}\n", path: "a.yml")
    #expect(config.render.endpoint == .init(cacheSeconds: 900, namedLogo: "python", logoColor: "fff"))
    #expect(try ConfigParser.parse("targets: {packages: [p]}\nrender: {badges: true}\n", path: "a.yml").render.endpoint.cacheSeconds == 3600)
  }

  @Test(arguments: [
    ("render: {cache_seconds: 60}\n", "render.cache_seconds"),
    ("render: {named_logo: Python Logo}\n", "expected a simple-icons slug in lowercase (python, github, readthedocs), found `Python Logo`"),
    ("render: {logo_color: white}\n", "shields accepts a logo color only with a logo; add `named_logo`"),
    ("render: {named_logo: python, logo_color: notacolor}\n", "found `notacolor`"),
  ])
  func aBadEndpointKeyIsAClearError(yaml: String, message: String) {
    #expect {
      _ = try ConfigParser.parse("targets: {packages: [p]}\n" + yaml, path: "a.yml")
    } throws: { error in
      (error as? ConfigError)?.description.contains(message) == true
    }
  }
}
