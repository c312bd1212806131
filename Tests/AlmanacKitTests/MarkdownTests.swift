import Testing

@testable import AlmanacKit

@Suite struct MarkdownEscaping {
  @Test(arguments: [
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("a|b", "a\\|b"),
    ("*bold* _it_ ~s~", "\\*bold\\* \\_it\\_ \\~s\\~"),
    ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
    ("![i](x)", "!\\[i\\](x)"),
    ("`tick`", "\\`tick\\`"),
    ("two\r\nlines\there", "two lines here"),
    ("a\\|b", "a\\\\\\|b"),
    ("&lt;", "&amp;lt;"),
    ("3.12 · Linux", "3.12 · Linux"),
  ])
  func dataBecomesText(_ input: String, _ expected: String) {
    #expect(Markdown.text(input) == expected)
  }

  @Test func pythonVersionsAndSystemsInTheReportAreEscaped() {
    let newest = day("2026-11-19")
    var values: [(dimension: String, category: String, date: Day, downloads: Int64)] = []
    for n in 0..<3 {
      let d = newest.adding(days: -n)
      values += [("overall", "without_mirrors", d, 100), ("python_minor", "<script>x</script>|3", d, 60), ("system", "[x](javascript:alert(1))\n# h", d, 90)]
    }
    let report = Report.markdown([PackageStats(series: series(values), asOf: day("2026-11-20"))], asOf: day("2026-11-20"), badges: [:])
    #expect(report.contains("**Python versions** (all history): &lt;script&gt;x&lt;/script&gt;\\|3 60%"))
    #expect(report.contains("**Systems** (all history): \\[x\\](javascript:alert(1)) # h 90%"))
    #expect(!report.contains("<script>") && !report.contains("\n# h"))
  }
}
