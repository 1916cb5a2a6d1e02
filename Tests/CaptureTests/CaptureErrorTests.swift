import Testing

@testable import Capture

@Suite struct CaptureErrorTests {
    @Test func descriptionsNameTheFileAndTheProblem() {
        #expect(CaptureError.cannotOpen(path: "a.pcap", reason: "No such file or directory").description
            == "a.pcap: cannot open: No such file or directory")
        #expect(CaptureError.unrecognizedFormat(path: "b.txt").description.hasPrefix("b.txt: not a capture file"))
        #expect(CaptureError.malformed(path: "c.pcap", offset: 40, reason: "x").description == "c.pcap: damaged at byte 40: x")
    }
}
