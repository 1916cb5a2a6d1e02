/// The one stylesheet every HTML report embeds: readable on screen, printable (a print section
/// that drops the background, keeps tables and charts whole on a page and shows them at the
/// page's width), with the SVG charts' colours so text and charts match.
public enum HTMLStyle {
    /// Series colours shared with the SVG charts (`ComparisonChart`, `AnalysisChart`): the
    /// same ten-colour palette, UDP blue and TCP red.
    public static let udpColour = ComparisonChart.udpColour
    public static let tcpColour = ComparisonChart.tcpColour
    public static let lossColour = "#d62728"
    public static let jitterColour = "#ff7f0e"
    public static let curveColour = "#2ca02c"

    /// CSS for a `<style>` element (no imports, fonts or URLs: the report works offline).
    public static let css = """
        :root { --udp: \(udpColour); --tcp: \(tcpColour); --loss: \(lossColour); --jitter: \(jitterColour); \
        --curve: \(curveColour); --rule: #d0d0d0; --muted: #555555; }
        body { font-family: sans-serif; font-size: 14px; color: #111111; background: #ffffff; margin: 24px auto; \
        max-width: 1040px; padding: 0 16px; line-height: 1.4; }
        h1 { font-size: 22px; margin: 0 0 8px 0; }
        h2 { font-size: 17px; margin: 28px 0 8px 0; border-bottom: 2px solid var(--udp); padding-bottom: 2px; }
        h3 { font-size: 15px; margin: 18px 0 6px 0; }
        p.note { color: var(--muted); margin: 4px 0; }
        pre { font-family: monospace; font-size: 12px; background: #f6f6f6; border: 1px solid var(--rule); \
        padding: 8px; overflow-x: auto; white-space: pre; }
        code.command { font-family: monospace; font-size: 12px; word-break: break-all; }
        table { border-collapse: collapse; margin: 6px 0 12px 0; font-size: 13px; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        th, td { border: 1px solid var(--rule); padding: 2px 8px; vertical-align: top; }
        thead th { background: #eef3f9; text-align: left; }
        tbody th { text-align: left; font-weight: normal; font-family: monospace; font-size: 12px; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.udp, th.udp { color: var(--udp); }
        td.tcp, th.tcp { color: var(--tcp); }
        figure.chart { margin: 12px 0; }
        figure.chart svg { display: block; max-width: 100%; height: auto; border: 1px solid var(--rule); }
        figure.chart figcaption { color: var(--muted); font-size: 12px; }
        dl.about { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; margin: 8px 0; }
        dl.about dt { font-weight: bold; }
        dl.about dd { margin: 0; }
        @media print {
          body { margin: 0; max-width: none; font-size: 11px; }
          h2 { break-after: avoid; }
          table, figure.chart, pre { break-inside: avoid; }
          pre { white-space: pre-wrap; background: none; }
          figure.chart svg { width: 100%; border: none; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
