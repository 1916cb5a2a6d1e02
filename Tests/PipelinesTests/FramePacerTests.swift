import Pipelines
import Testing

@Suite struct FramePacerTests {
    @Test func deadlinesComeFromTheFrameIndex() {
        let pacer = FramePacer(frameDuration: .milliseconds(20))
        #expect(pacer.deadline(ofFrame: 0) == .zero)
        #expect(pacer.deadline(ofFrame: 1) == .milliseconds(20))
        #expect(pacer.deadline(ofFrame: 30_000) == .seconds(600))
    }

    @Test func frameCountRoundsUpPartialFrames() {
        let pacer = FramePacer(frameDuration: .milliseconds(20))
        #expect(pacer.frameCount(for: .seconds(600)) == 30_000)
        #expect(pacer.frameCount(for: .milliseconds(3_010)) == 151)
        #expect(pacer.frameCount(for: .zero) == 0)
        #expect(FramePacer(frameDuration: .microseconds(2_500)).frameCount(for: .seconds(1)) == 400)
    }

    @Test func latenessIsMeasuredAgainstTheAbsoluteDeadline() {
        let pacer = FramePacer(frameDuration: .milliseconds(20))
        #expect(pacer.lateness(ofFrame: 10, sentAt: .milliseconds(203)) == .milliseconds(3))
        #expect(pacer.lateness(ofFrame: 10, sentAt: .milliseconds(199)) == .zero)
    }
}
