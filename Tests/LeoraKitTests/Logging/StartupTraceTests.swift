import Testing
@testable import LeoraKit

@Suite("StartupTrace")
struct StartupTraceTests {
    @Test("on, each step is a line in order with its time since main and since the step before; a once-mark counts only the first time")
    func timeline() {
        let trace = StartupTrace(enabled: true)
        trace.mark("main")
        trace.mark("terminal")
        trace.mark("first request sent (GET /api/portal/insights/briefing)", once: "request")
        trace.mark("first request sent (GET /api/portal/cart)", once: "request")
        trace.mark("briefing on screen")
        let lines = trace.timeline().split(separator: "\n").map(String.init)
        #expect(lines.first == "leora start-up (LEORA_TRACE_STARTUP=1), ms since main:")
        let steps = lines.filter { $0.contains(" +") }
        #expect(steps.count == 4)
        let names = ["main", "terminal", "first request sent (GET /api/portal/insights/briefing)", "briefing on screen"]
        #expect(zip(steps, names).allSatisfy { line, name in line.hasSuffix("  " + name) })
        #expect(steps.allSatisfy { line in line.split(separator: " ").first.flatMap { Double($0) } != nil })
    }

    @Test("off, it records nothing")
    func off() {
        let trace = StartupTrace(enabled: false)
        trace.mark("main")
        #expect(trace.timeline().split(separator: "\n").count == 1, "the heading alone")
        #expect(!trace.isEnabled)
    }

    @Test("milliseconds with one decimal")
    func milliseconds() {
        #expect(StartupTrace.milliseconds(.microseconds(12_345)) == "12.3")
        #expect(StartupTrace.milliseconds(.microseconds(960)) == "1.0")
        #expect(StartupTrace.milliseconds(.zero) == "0.0")
    }
}
