import Testing
import Impairment

@Suite struct SpecErrorTests {
    /// (spec, offending term, a fragment the reason or expected forms must contain)
    static let cases: [(String, String, String)] = [
        ("loss=5", "loss=5", "has no '%'"),
        ("loss=5%,loss=50%", "loss=50%", "'loss' is set twice"),
        ("up:delay=10ms,up:delay=20ms", "up:delay=20ms", "'delay' is set twice"),
        ("at=5s:loss=1%,at=5s:loss=2%", "at=5s:loss=2%", "'loss' is set twice"),
        ("reorder=50%", "reorder=50%", "no delay or jitter"),
        ("delay=20ms,at=2s:delay=0ms,reorder=5%", "reorder=5%", "no delay or jitter at 2s"),
        ("loss=0.05", "loss=0.05", "loss=P% | loss=ge:P%/BURST"),
        ("loss=101%", "loss=101%", "over 100%"),
        ("loss=0.00001%", "loss=0.00001%", "more than 4 decimals"),
        ("loss=-1%", "loss=-1%", "not a plain decimal"),
        ("loss=ge:5%", "loss=ge:5%", "LOSS%/BURST"),
        ("loss=ge:5%/0.5", "loss=ge:5%/0.5", "at least 1 packet"),
        ("loss=ge:60%/1", "loss=ge:60%/1", "unreachable"),
        ("loss=ge:0%/3", "loss=ge:0%/3", "exclusive"),
        ("loss=ge:p=1%", "loss=ge:p=1%", "both p= and r="),
        ("loss=ge:p=1%/q=3%", "loss=ge:p=1%/q=3%", "not one of p="),
        ("loss=ge:p=1%/p=2%/r=3%", "loss=ge:p=1%/p=2%/r=3%", "given twice"),
        ("delay=40", "delay=40", "no time unit"),
        ("delay=40ms,jitter=1.5us", "jitter=1.5us", "resolution of 1us"),
        ("delay=", "delay=", "missing value"),
        ("delay=99999999s", "delay=99999999s", "longer than a year"),
        ("dist=gauss", "dist=gauss", "dist=uniform | dist=normal | dist=pareto"),
        ("inorder=1", "inorder=1", "takes no value"),
        ("reorder=1", "reorder=1", "has no '%'"),
        ("duplicate=x%", "duplicate=x%", "not a plain decimal"),
        ("corrupt=200%", "corrupt=200%", "over 100%"),
        ("rate=1mbps", "rate=1mbps", "bytes-per-second"),
        ("rate=1000", "rate=1000", "no rate unit"),
        ("rate=0kbit", "rate=0kbit", "above 0"),
        ("rate=0.5bit", "rate=0.5bit", "more than 0 decimals"),
        ("limit=0", "limit=0", "at least 1"),
        ("limit=1.5", "limit=1.5", "more than 0 decimals"),
        ("blackhole=30s", "blackhole=30s", "START+LENGTH"),
        ("blackhole=30s+0s", "blackhole=30s+0s", "above 0"),
        ("at=5s:blackhole=1s+1s", "at=5s:blackhole=1s+1s", "cannot be inside at="),
        ("seed=-1", "seed=-1", "unsigned 64-bit"),
        ("seed=18446744073709551616", "seed=18446744073709551616", "unsigned 64-bit"),
        ("up:seed=1", "up:seed=1", "seed is global"),
        ("at=5:loss=1%", "at=5:loss=1%", "no time unit"),
        ("at=5s", "at=5s", "needs ':TERM'"),
        ("at=5s:at=6s:loss=1%", "at=5s:at=6s:loss=1%", "more than one at="),
        ("up:down:loss=1%", "up:down:loss=1%", "more than one direction"),
        ("loss=1%,,delay=1ms", "", "empty term"),
        ("loss=1%,", "", "empty term"),
        ("bogus=3", "bogus=3", "unknown parameter 'bogus'"),
        ("=3", "=3", "missing parameter name"),
        ("left:loss=1%", "left:loss=1%", "unknown parameter"),
    ]

    @Test(arguments: cases)
    func badSpecNamesTheTerm(spec: String, term: String, fragment: String) {
        #expect {
            _ = try ImpairmentSpec(parsing: spec)
        } throws: { error in
            guard let error = error as? ImpairmentSpecError else { return false }
            let text = error.description
            return error.term == term && text.hasPrefix("bad term '\(term)' in impairment spec: ")
                && text.contains("; expected ") && text.contains(fragment)
        }
    }

    @Test func errorListsAcceptedLossForms() throws {
        do {
            _ = try ImpairmentSpec(parsing: "delay=10ms,loss=5")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("bad term 'loss=5' in impairment spec: '5' has no '%'"))
            #expect(error.expected.hasPrefix("loss=P% | loss=ge:P%/BURST | loss=ge:p=P%/r=P%[/bad=P%][/good=P%]"))
        }
    }
}
