/// The charts' colours and type, once per page: every chart draws with these classes, so light
/// and dark follow the reader's `prefers-color-scheme` without a second SVG. The nine category
/// colours (`c0`…`c8`) are ColorBrewer-like and keep their order in both schemes.
public enum ChartStyle {
  public static let css = """
    :root{--fg:#1f2328;--mu:#59636e;--bg:#fff;--pn:#f6f8fa;--bd:#d0d7de;--gr:#e6e9ed;--bar:#6baed6;--barp:#c6dbef;--mean:#08306b;--gap:#eceef1;--gapt:#8c959f;--rel:#b35806;--out:#d62728;
    --c0:#1f77b4;--c1:#ff7f0e;--c2:#2ca02c;--c3:#d62728;--c4:#9467bd;--c5:#8c564b;--c6:#e377c2;--c7:#7f7f7f;--c8:#bcbd22;
    --h0:#ebedf0;--h1:#c6e48b;--h2:#7bc96f;--h3:#40a35a;--h4:#239a3b;--h5:#196127}
    @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--mu:#9198a1;--bg:#0d1117;--pn:#161b22;--bd:#30363d;--gr:#262c34;--bar:#4a90c8;--barp:#25415c;--mean:#cfe3ff;--gap:#1c2128;--gapt:#7d8590;--rel:#f0a35e;--out:#ff6b6b;
    --h0:#161b22;--h1:#0e4429;--h2:#006d32;--h3:#26a641;--h4:#39d353;--h5:#8ff0a4}}
    svg.ch{width:100%;height:auto;display:block}
    svg.ch text{font:11px system-ui,-apple-system,"Segoe UI",DejaVu Sans,sans-serif;fill:var(--mu)}
    svg.ch .tt{font-size:13px;font-weight:600;fill:var(--fg)}
    .ch .gr{stroke:var(--gr)}.ch .tk,.ch .bl{stroke:var(--mu)}
    .ch .b{fill:var(--bar)}.ch .bp{fill:var(--barp)}.ch .bq{fill:var(--gap);stroke:var(--bar);stroke-width:1}.ch .mn{fill:none;stroke:var(--mean);stroke-width:1.6}
    .ch rect.mn{fill:var(--mean)}.ch .gp{fill:var(--gap);stroke:var(--gapt);stroke-dasharray:3 2;stroke-width:.6}
    .ch text.gt{fill:var(--gapt)}.ch .ou{fill:var(--out)}.ch .rl path{stroke:var(--rel);stroke-dasharray:4 3}
    .ch rect.rl{fill:var(--rel)}.ch text.rt{fill:var(--rel);font-size:10px}.ch .lg0{fill:none;stroke:var(--mu)}
    .ch .c0{fill:var(--c0)}.ch .c1{fill:var(--c1)}.ch .c2{fill:var(--c2)}.ch .c3{fill:var(--c3)}.ch .c4{fill:var(--c4)}
    .ch .c5{fill:var(--c5)}.ch .c6{fill:var(--c6)}.ch .c7{fill:var(--c7)}.ch .c8{fill:var(--c8)}
    .ch .a{opacity:.85}.ch .gl{fill:none;stroke-width:2}
    .ch .gl.c0{stroke:var(--c0)}.ch .gl.c1{stroke:var(--c1)}.ch .gl.c2{stroke:var(--c2)}.ch .gl.c3{stroke:var(--c3)}.ch .gl.c4{stroke:var(--c4)}
    .ch .gl.c5{stroke:var(--c5)}.ch .gl.c6{stroke:var(--c6)}.ch .gl.c7{stroke:var(--c7)}.ch .gl.c8{stroke:var(--c8)}
    .ch text.dt{font-size:20px;font-weight:600;fill:var(--fg)}
    .ch .h0{fill:var(--h0)}.ch .h1{fill:var(--h1)}.ch .h2{fill:var(--h2)}.ch .h3{fill:var(--h3)}.ch .h4{fill:var(--h4)}.ch .h5{fill:var(--h5)}
    .ch .hu{fill:none;stroke:var(--gapt);stroke-width:.8}.ch .hp{fill:none;stroke:var(--fg);stroke-width:1;stroke-dasharray:2 1}
    .ch .m0{fill:var(--h0)}.ch .m1{fill:var(--h1)}.ch .m2{fill:var(--h2)}.ch .m3{fill:var(--h3)}.ch .m4{fill:var(--h4)}.ch .m5{fill:var(--h5)}
    svg.ch text.mt{font-size:9px;fill:var(--fg)}svg.ch text.mtd{fill:#fff}
    """
}
