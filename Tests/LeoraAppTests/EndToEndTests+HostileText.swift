import Foundation
import LeoraApp
import PortalAPI
import PortalTestSupport
import Testing

extension EndToEndTests {
    /// A portal whose product name, customer name and order number carry a window title, a clipboard
    /// write, a cleared screen, a C1 control and a right-to-left override: the panes show them as
    /// readable placeholders, the terminal's title never changes, and `y` copies the number made safe.
    @Test func hostileServerTextIsShownAndCopiedSafely() async throws {
        try await Self.withLeora(width: 120, height: 35, prepare: { portal, database in
            _ = try await HostileText.plant(portal: portal.baseURL, databasePath: database)
        }) { session, _, _ in
            let title = try session.format("#{pane_title}")
            try await Self.logIn(session)

            try session.sendKeys("3")
            try await session.waitForText("Available", timeout: .seconds(30))
            try session.sendKeys("/")
            try session.type("evil")
            try session.sendKeys("Enter")
            try await session.waitForText("Search: evil  (/ to change)", timeout: .seconds(30))
            try await session.waitForText("Evil Rioja ␛]0;PWNED-TITLE␇␛]52;c;", timeout: .seconds(30))
            // The row shown is the search's only result, selected: one Enter opens its detail.
            try session.sendKeys("Enter")
            var screen = try await session.waitForText(HostileText.productNameShown, timeout: .seconds(30))
            #expect(!screen.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("FORGED") }, "a line feed forged no line: \(screen)")
            #expect(screen.contains { $0.contains("Available") }, "the rest of the detail reads as usual: \(screen)")

            try session.sendKeys("2")
            try await session.waitForText("Bodega ␛[31mRoja␛[0m", timeout: .seconds(30))
            try session.sendKeys("Enter")
            try await session.waitForText("Order \(HostileText.orderNumberShown)", timeout: .seconds(30))
            try session.sendKeys("Escape")
            try await session.waitForScreen(describedAs: "the list again", timeout: .seconds(10)) { !$0.contains { $0.contains("Subtotal") } }
            try session.sendKeys("y")
            screen = try await session.waitForText("to the clipboard.", timeout: .seconds(10))
            #expect(screen.contains { $0.contains("Copied \(HostileText.orderNumberShown) to the clipboard.") }, "\(screen)")
            #expect(try session.clipboard() == HostileText.orderNumberShown, "OSC 52 carried the number made safe")

            let titleAfter = try session.format("#{pane_title}")
            #expect(titleAfter == title && !titleAfter.contains("PWNED"), "the window title was set to \(titleAfter)")
            try session.sendKeys("q")
            try await session.waitForText("leora exited with 0", timeout: .seconds(30))
        }
    }

    /// A model that writes control sequences into the briefing, and a webhook subscription and
    /// delivery error holding them (as an admin sees them): shown as readable placeholders, the
    /// title never set, no line forged.
    @Test func hostileBriefingAndWebhookTextIsShownSafely() async throws {
        let metric = AIBriefingOutput.KeyMetric(label: HostileText.briefingText, value: "3", trend: .up)
        let action = AIBriefingOutput.RecommendedAction(title: HostileText.briefingText, description: "Ring them today.", priority: .high)
        let written = AIBriefingOutput(
            summary: HostileText.briefingText, keyMetrics: [metric], recommendedActions: [action], drillDownLinks: [], confidence: 0.8,
            sourceDatasets: [])
        try await withFakeOpenAI(.success(written)) { model in
            let environment = ["OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": model.baseURL, "OPENAI_MODEL": "fake"]
            try await Self.withLeora(
                width: 120, height: 35, user: "admin@northwind.test", portalEnvironment: environment,
                prepare: { _, database in try await HostileText.plantWebhook(databasePath: database) }
            ) { session, _, _ in
                let title = try session.format("#{pane_title}")
                try await Self.logIn(session)
                var screen = try await session.waitForText(HostileText.briefingTextShown, timeout: .seconds(30))
                #expect(screen.filter { $0.contains(HostileText.briefingTextShown) }.count == 2, "the summary and the action: \(screen)")
                #expect(screen.contains { $0.contains("▲ " + HostileText.briefingTextShown.prefix(20)) }, "the metric's label, cut to its column: \(screen)")
                #expect(!screen.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("FORGED") }, "\(screen)")

                try session.sendKeys(String(AppTab.webhooks.numberKey))
                screen = try await session.waitForText("Subscriptions (", timeout: .seconds(30))
                screen = try await session.waitForText(String(HostileText.webhookURLShown.prefix(30)), timeout: .seconds(30))
                screen = try await session.waitForText(String(HostileText.deliveryErrorShown.prefix(20)), timeout: .seconds(30))
                for row in try session.captureWithEscapes() {
                    #expect(!row.contains("\u{1B}]"), "no OSC reached the terminal: \(row.debugDescription)")
                }
                let titleAfter = try session.format("#{pane_title}")
                #expect(titleAfter == title && !titleAfter.contains("PWNED"), "the window title was set to \(titleAfter)")
                try session.sendKeys("q")
                try await session.waitForText("leora exited with 0", timeout: .seconds(30))
            }
        }
    }
}
