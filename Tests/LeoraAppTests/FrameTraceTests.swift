import Testing

@testable import LeoraApp

/// `LEORA_TRACE_FRAMES=1`: the phases of the frames drawn after a key, summarised; nothing else counted.
@Suite struct FrameTraceTests {
    static let phases = ["read keys", "reduce", "state comparison", "render", "terminal: diff, ncurses, doupdate", "total"]

    @Test func framesDrawnAfterAKeyAreSummarisedPhaseByPhase() {
        let trace = FrameTrace(enabled: true)
        for frame in 0..<3 {
            for phase in FrameTrace.Phase.allCases {
                trace.mark(phase)
                if frame == 1, phase == .compared { trace.markMotion() }
                if frame == 2, phase == .compared { trace.markMotion(prepared: true) }
            }
        }
        // A key that changed nothing: no frame.
        trace.mark(.keyArrived)
        trace.mark(.keysRead)
        trace.mark(.reduced)
        trace.dropFrame()
        // A frame drawn for time alone (the spinner): no key, not counted.
        trace.mark(.reduced)
        trace.mark(.compared)
        trace.mark(.rendered)
        trace.mark(.drawn)
        let lines = trace.summary().split(separator: "\n").map(String.init)
        #expect(lines.first == "leora frames after a key (LEORA_TRACE_FRAMES=1), µs, median [min–max] of 3 (2 motion frames, 1 prepared):")
        #expect(lines.dropFirst().map { $0.components(separatedBy: "]  ").last ?? "" } == Self.phases, "\(lines)")
    }

    @Test func offItRecordsNothing() {
        let trace = FrameTrace(enabled: false)
        for phase in FrameTrace.Phase.allCases { trace.mark(phase) }
        #expect(trace.summary() == "leora frames after a key (LEORA_TRACE_FRAMES=1), µs, median [min–max] of 0 (0 motion frames, 0 prepared):\n")
    }
}
