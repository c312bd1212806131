/// The page around the panels: the document head, the Content-Security-Policy that forbids
/// every request (scripts, fonts, images, frames: nothing leaves the file), and the CSS for the
/// grid, light and dark, and print (one panel per printed page).
enum SiteStyle {
  /// `default-src 'none'`: the browser refuses any request the page might make, even one
  /// smuggled in by data that escaped escaping; inline styles are the only thing allowed.
  static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

  static let css = """
    *{box-sizing:border-box}
    body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",DejaVu Sans,sans-serif;color:var(--fg);background:var(--bg);margin:0;padding:1.2em}
    a{color:var(--c0)}h1{margin:.2em 0}h2{margin:0 0 .4em;font-size:1.2em}h3{margin:1em 0 .3em;font-size:1em}
    header,nav.toc,main{max-width:1500px;margin:0 auto}.muted{color:var(--mu)}
    .badges svg{vertical-align:middle;margin-right:.2em}
    dl.figures{display:flex;flex-wrap:wrap;gap:.6em;margin:.8em 0}dl.figures div{background:var(--pn);border:1px solid var(--bd);border-radius:6px;padding:.4em .8em;min-width:11em}
    dl.figures dt{font-size:.85em;color:var(--mu)}dl.figures dd{margin:0;font-size:1.5em;font-weight:600;font-variant-numeric:tabular-nums}dl.figures dd.muted{font-size:.8em;font-weight:400}
    nav.periods,nav.toc{margin:.5em auto;font-size:.95em}nav.periods a,nav.toc a{margin-right:.6em}nav.periods a.df{font-weight:700;text-decoration:none}
    .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,560px),1fr));gap:1em;margin-top:1em}
    .panel{background:var(--pn);border:1px solid var(--bd);border-radius:8px;padding:1em;min-width:0}.panel.wide{grid-column:1/-1}
    figure.chart{margin:.6em 0}figure.chart details{font-size:.85em;margin-top:.2em}figure.chart summary{color:var(--mu);cursor:pointer}
    table{border-collapse:collapse;margin:.4em 0 1em;font-size:.9em}td,th{padding:.15em .7em;border-bottom:1px solid var(--bd);text-align:left;vertical-align:top}
    td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.scroll{overflow-x:auto}
    figure.chart details table{display:block;max-height:24em;overflow:auto}
    @media print{body{background:#fff;padding:0}nav{display:none}.panel{break-before:page;border:0;background:none;padding:0}
    .grid{display:block}figure.chart{break-inside:avoid}figure.chart details{display:none}}
    """

  static func document(body: String) -> String {
    """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>Adoption report</title>
    <style>
    \(ChartStyle.css)
    \(css)
    \(Site.Period.css)
    </style>
    </head>
    <body>
    \(body)</body>
    </html>

    """
  }
}
