import Foundation
import PortalAPI
import PortalTestSupport
import Testing

/// A model that cannot be reached costs the rep about two seconds, and health says so without waiting
/// for a briefing call to fail.
@Suite("Model outages")
struct ModelOutageTests {
    static let written = AIBriefingOutput(
        summary: "Steady week.", keyMetrics: [], recommendedActions: [], drillDownLinks: [], confidence: 0.7, sourceDatasets: ["orders"])

    @Test func aRefusedConnectionServesTheFallbackWellBeforeTheModelsTimeout() async throws {
        // Port 9 on loopback refuses. The writer's overall timeout is 60 s: only a fast failure meets the deadline.
        try await withServer({ $0.openAI = .init(apiKey: "sk-test", baseURL: "http://127.0.0.1:9/v1", model: "m", timeoutSeconds: 60) }) { server in
            let rep = try await server.login("rep@northwind.test")
            let response = try await withDeadline(seconds: 20, "the fallback briefing with the model refusing connections") {
                try await rep.get(Routes.briefing)
            }
            #expect(response.status == 200)
            #expect(try response.data(BriefingPayload.self).briefing.confidence == 0, "the fallback")
        }
    }

    @Test func healthProbesTheModelRatherThanAssumingItUp() async throws {
        try await withFakeOpenAI(.status(503)) { openAI in
            try await withServer({
                $0.openAI = .init(apiKey: "sk-test", baseURL: openAI.baseURL, model: "m", timeoutSeconds: 10)
                $0.modelProbeInterval = 0
            }) { server in
                // No briefing was ever asked for: the probe alone finds the model down.
                let down = try await server.client().get(Routes.health)
                #expect(down.json["checks"]?["openai"]?["status"] == "down")
                #expect(down.json["status"] == "degraded")
                #expect(openAI.requestCount == 0, "probing writes no briefing")
                openAI.setMode(.success(Self.written))
                #expect(try await server.client().get(Routes.health).json["checks"]?["openai"]?["status"] == "up")
            }
        }
        try await withServer({ $0.openAI = .init(apiKey: "sk-test", baseURL: "http://127.0.0.1:9/v1", model: "m", timeoutSeconds: 10) }) { server in
            let health = try await server.client().get(Routes.health)
            #expect(health.json["checks"]?["openai"]?["status"] == "down", "an unreachable model is down at once")
        }
    }
}
