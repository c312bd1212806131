import Foundation
import Testing

import AlmanacTestSupport

/// What a night tells GitHub Actions: the step summary, the step outputs, the commit subject.
@Suite(.serialized) struct RunReporting {
  @Test func aNightWritesTheStepSummaryAndOutputsWithItsFigures() async throws {
    let dir = TempDirectory("reporting")
    try dir.write("almanac.yml", "targets: {packages: [tidewater]}\n")
    try dir.write("summary.md", "# earlier step\n")
    let env = ["GITHUB_OUTPUT": dir.file("output"), "GITHUB_STEP_SUMMARY": dir.file("summary.md")]
    for day in ["2026-11-20", "2026-11-21"] {
      let r = try await Shell.run("almanac run --date \(day) --replay '\(Paths.demoRecording)/\(day)' --quiet", cwd: dir.path, environment: env)
      #expect(r.status == 0, "\(r.stderr)")
    }
    let output = try #require(dir.read("output"))
    // Two nights appended two blocks; the second is the one a later step reads.
    let second = output.components(separatedBy: "outcome=").last ?? ""
    #expect(second.hasPrefix("complete\nchanged=true\n"))
    #expect(second.contains("\ncommit-subject=stats: 2026-11-21 — 2,340 downloads (-1%)\n"))
    #expect(second.contains("\ncommit-body=tidewater: 2,340 downloads on 2026-11-20 (pypistats.org, without mirrors); 2,372 on 2026-11-13\n"))
    #expect(second.contains("\ndownloads=2340\ndownloads-day=2026-11-20\ndownloads-change=-1%\n"))
    let summary = try #require(dir.read("summary.md"))
    #expect(summary.hasPrefix("# earlier step\n## Almanac: 2026-11-20\n"))
    #expect(summary.contains("## Almanac: 2026-11-21\n\nEvery source answered.\n\n**2,340 downloads (-1%)**\n"))
    #expect(summary.contains("| pypistats | complete |"))

    // The same night again changes nothing, and says so.
    let again = try await Shell.run("almanac run --date 2026-11-21 --replay '\(Paths.demoRecording)/2026-11-21' --quiet", cwd: dir.path, environment: env)
    #expect(again.status == 0)
    #expect(try #require(dir.read("output")).components(separatedBy: "outcome=").last?.hasPrefix("complete\nchanged=false\nchanged-files=0\n") == true)
  }

  @Test func aPartialNightSaysSoInTheSummaryAndTheOutputs() async throws {
    let server = try FakeAPIServer()
    server.servePyPIStats(.sample())
    server.route("/api/packages/tidewater/system", .html(503, "<html>down</html>"))
    let dir = TempDirectory("reporting-partial")
    try dir.write("almanac.yml", """
      targets: {packages: [tidewater]}
      sources: {pypistats: {base_url: "\(server.baseURL)/api", request_interval: 0}}
      http: {attempts: 1}

      """)
    let env = ["GITHUB_OUTPUT": dir.file("output"), "GITHUB_STEP_SUMMARY": dir.file("summary.md")]
    let r = try await Shell.run("almanac run --date 2026-11-21 --quiet", cwd: dir.path, environment: env)
    #expect(r.status == 3)
    let output = try #require(dir.read("output"))
    #expect(output.hasPrefix("outcome=partial\nchanged=true\n"))
    #expect(output.contains("pypistats: some requests failed; what arrived was saved"))
    let summary = try #require(dir.read("summary.md"))
    #expect(summary.contains("**Partial:** some sources failed"))
    #expect(summary.contains("| pypistats | partial |"))
    #expect(summary.contains("### Problems\n"))
    #expect(summary.contains("HTTP 503"))
    // A problem line says its severity once: the diagnostic's own text carries it.
    let problems = summary.components(separatedBy: "### Problems\n")[1].split(separator: "\n").filter { $0.hasPrefix("- ") }
    #expect(!problems.isEmpty)
    for line in problems {
      #expect(!line.contains("warning: warning:") && !line.contains("error: error:"), "\(line)")
      #expect(line.contains("warning: ") || line.contains("error: "), "\(line)")
    }
  }

  @Test func theSiteMayNotLandInTheStatsDirectory() async throws {
    let dir = TempDirectory("site-inside")
    try dir.write("almanac.yml", "targets: {packages: [tidewater]}\n")
    let r = try await Shell.run("almanac run --date 2026-11-21 --replay '\(Paths.demoRecording)/2026-11-21' --site stats/site", cwd: dir.path)
    #expect(r.status == 1)
    #expect(r.stderr.contains("error: --site stats/site is inside the stats directory stats; the HTML report changes every night and would be committed."))
    #expect(!FileManager.default.fileExists(atPath: dir.file("stats")))
  }
}

/// The HTML report in a real browser: every chart and badge loads and has a size.
@Suite(.serialized) struct SiteInABrowser {
  static let browser = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap { name -> String? in
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
    return paths.first { FileManager.default.isExecutableFile(atPath: $0) }
  }.first

  @Test func theDemoSiteRendersWithNoRequestAndNoConsoleError() async throws {
    let dir = TempDirectory("site")
    let demo = try await DemoCache.shared.copy(to: "\(dir.file("stats"))")
    #expect(demo.status == 0, "\(demo.stderr)")
    let index = try #require(dir.read("stats-site/index.html"))
    #expect(index.contains("<h3 id=\"downloads-tidewater\">tidewater</h3>"))
    // One self-contained file: no chart or badge files beside it, nothing in the stats directory.
    #expect(!FileManager.default.fileExists(atPath: dir.file("stats-site/charts")))
    #expect(!FileManager.default.fileExists(atPath: dir.file("stats/index.html")))
    // The demo's alert rules (DemoCommand.alertRules) leave one alert open and three closed.
    #expect(index.contains("<p>1 alert is open (4 rules replayed over the stored history as of <time datetime=\"2026-11-22\">2026-11-22</time>).</p>"))
    #expect(index.contains("<tr><td>2026-11-18</td><td>error spike</td><td>sentry.tidewater.errors</td>"))
    #expect(index.contains("<tr><td>2026-06-19</td><td>2026-06-21</td><td>pypistats.tidewater.downloads drop_percent 40</td>"))
    // The demo's GitHub traffic hole is drawn as no data.
    #expect(index.contains("class=\"gp\""))

    guard let browser = Self.browser else {
      // CI installs chromium (scripts/setup --browser); a bare developer machine may not have it.
      #expect(ProcessInfo.processInfo.environment["CI"] == nil, "no chromium on PATH; CI must install it (scripts/setup --browser)")
      return
    }
    // A harness page loads the report in an iframe and writes what it finds into its own DOM.
    try dir.write("harness.html", """
      <!doctype html><html><body><pre id="out">pending</pre>
      <iframe id="f" src="stats-site/index.html" width="1200" height="1200"></iframe>
      <script>
      document.getElementById('f').addEventListener('load', () => {
        const w = document.getElementById('f').contentWindow, d = w.document;
        const lines = [];
        lines.push('images=' + d.images.length + ' scripts=' + d.scripts.length);
        lines.push('requests=' + w.performance.getEntriesByType('resource').length);
        lines.push('panels=' + [...d.querySelectorAll('section.panel')].map(s => s.id).join(','));
        lines.push('unlabelled=' + [...d.querySelectorAll('svg.ch')].filter(s => !s.getAttribute('aria-label')).length);
        lines.push('charts-without-table=' + [...d.querySelectorAll('figure.chart')].filter(f => !f.querySelector('details')).length);
        lines.push('title=' + d.title);
        document.getElementById('out').textContent = lines.join('\\n');
      });
      </script></body></html>
      """)
    let r = try await Shell.run(
      "'\(browser)' --headless --no-sandbox --disable-gpu --allow-file-access-from-files --virtual-time-budget=5000 --dump-dom 'file://\(dir.file("harness.html"))' 2>/dev/null")
    #expect(r.status == 0)
    let found = r.stdout.components(separatedBy: "<pre id=\"out\">").dropFirst().first?.components(separatedBy: "</pre>").first ?? ""
    #expect(found == """
      images=0 scripts=0
      requests=0
      panels=downloads,who-downloads,versions,geography,github,docs,community,errors,usage,alerts,coverage
      unlabelled=0
      charts-without-table=0
      title=Adoption report
      """, "\(r.stdout)")

    // PNG and PDF straight from the page, with the console logged: no error, no refused request.
    let page = "file://\(dir.file("stats-site/index.html"))"
    let flags = "--headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 --virtual-time-budget=3000"
    let png = try await Shell.run("'\(browser)' \(flags) --window-size=1280,2400 --screenshot='\(dir.file("report.png"))' '\(page)'")
    let pdf = try await Shell.run("'\(browser)' \(flags) --no-pdf-header-footer --print-to-pdf='\(dir.file("report.pdf"))' '\(page)'")
    for run in [png, pdf] {
      #expect(run.status == 0, "\(run.stderr)")
      let console = run.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Content Security Policy") || $0.contains("Refused") }
      #expect(console.isEmpty, "\(console)")
    }
    #expect((try? Data(contentsOf: URL(fileURLWithPath: dir.file("report.png"))).count) ?? 0 > 10_000)
    // Page breaks between panels: at least one printed page per panel.
    let pdfBytes = try Data(contentsOf: URL(fileURLWithPath: dir.file("report.pdf")))
    let text = String(decoding: pdfBytes, as: UTF8.self)
    let pages = text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
    #expect(pages >= 8, "\(pages) pages")
  }
}
