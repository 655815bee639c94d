#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI
import Testing
@testable import PortalServer

@Suite("OpenAI briefing prompt")
struct OpenAIBriefingPromptTests {
    static let briefingJSON = """
        {"summary": "Revenue is up 12%.", "keyMetrics": [{"label": "Recent Orders", "value": "3", "trend": "up"}],
         "recommendedActions": [{"title": "Call Slow & Co", "description": "40 days since.", "priority": "high"}],
         "drillDownLinks": [{"label": "Slow & Co", "url": "/portal/customers/c_slow"}],
         "confidence": 0.8, "sourceDatasets": ["orders"]}
        """

    static func response(content: String) -> Data {
        let encoded = String(decoding: try! JSONEncoder().encode(content), as: UTF8.self)
        return Data("""
            {"id": "chatcmpl-1", "object": "chat.completion", "model": "m",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": \(encoded)}, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
            """.utf8)
    }

    static let expected = AIBriefingOutput(
        summary: "Revenue is up 12%.",
        keyMetrics: [AIBriefingOutput.KeyMetric(label: "Recent Orders", value: "3", trend: .up)],
        recommendedActions: [AIBriefingOutput.RecommendedAction(title: "Call Slow & Co", description: "40 days since.", priority: .high)],
        drillDownLinks: [AIBriefingOutput.DrillDownLink(label: "Slow & Co", url: "/portal/customers/c_slow")],
        confidence: 0.8, sourceDatasets: ["orders"])

    @Test func parsesAGoodResponse() throws {
        #expect(try OpenAIBriefingPrompt.parseResponse(Self.response(content: Self.briefingJSON)) == Self.expected)
    }

    @Test(arguments: ["```json\n\(briefingJSON)\n```", "  ```\n\(briefingJSON)```  \n", "\n\(briefingJSON)\n"])
    func parsesFencedContent(content: String) throws {
        #expect(try OpenAIBriefingPrompt.parseResponse(Self.response(content: content)) == Self.expected)
    }

    @Test func toleratesMissingOptionalListsAndCase() throws {
        let content = #"{"summary": "s", "keyMetrics": [{"label": "Recent Orders", "value": "0", "trend": " Stable "}], "confidence": 1}"#
        let briefing = try OpenAIBriefingPrompt.parseContent(content)
        #expect(briefing.keyMetrics.first?.trend == .stable)
        #expect(briefing.recommendedActions.isEmpty && briefing.drillDownLinks.isEmpty && briefing.sourceDatasets.isEmpty)
    }

    @Test func rejectsBadBodies() {
        #expect(throws: OpenAIBriefingError.missingChoices) {
            try OpenAIBriefingPrompt.parseResponse(Data(#"{"choices": []}"#.utf8))
        }
        #expect(throws: OpenAIBriefingError.apiError("Rate limit reached")) {
            try OpenAIBriefingPrompt.parseResponse(Data(#"{"error": {"message": "Rate limit reached", "type": "x"}}"#.utf8))
        }
        #expect(throws: OpenAIBriefingError.missingContent) {
            try OpenAIBriefingPrompt.parseResponse(Data(#"{"choices": [{"message": {"role": "assistant", "content": null}}]}"#.utf8))
        }
        #expect(throws: OpenAIBriefingError.missingContent) {
            try OpenAIBriefingPrompt.parseResponse(Self.response(content: "  "))
        }
        #expect(throws: OpenAIBriefingError.self) {
            try OpenAIBriefingPrompt.parseResponse(Data("<html>502 Bad Gateway</html>".utf8))
        }
    }

    @Test(arguments: [
        "Here is your briefing!", "{\"summary\": \"s\"", "[]",
        #"{"keyMetrics": [], "confidence": 0.5}"#,  // no summary
        #"{"summary": "s", "keyMetrics": [{"label": "Recent Orders", "value": 3, "trend": "up"}], "confidence": 0.5}"#,
        #"{"summary": "s", "keyMetrics": [], "confidence": "high"}"#,
        #"{"summary": "s", "keyMetrics": {}, "confidence": 0.5}"#,
        #"{"summary": "s", "keyMetrics": [], "drillDownLinks": ["/portal/orders/o_1"], "confidence": 0.5}"#,
    ])
    func rejectsMalformedContent(content: String) {
        #expect {
            try OpenAIBriefingPrompt.parseContent(content)
        } throws: { error in
            guard case .malformedContent = error as? OpenAIBriefingError else { return false }
            return true
        }
    }

    @Test func rejectsOutOfRangeValues() {
        #expect(throws: OpenAIBriefingError.confidenceOutOfRange(1.5)) {
            try OpenAIBriefingPrompt.parseContent(#"{"summary": "s", "keyMetrics": [], "confidence": 1.5}"#)
        }
        #expect(throws: OpenAIBriefingError.confidenceOutOfRange(-0.1)) {
            try OpenAIBriefingPrompt.parseContent(#"{"summary": "s", "keyMetrics": [], "confidence": -0.1}"#)
        }
        #expect(throws: OpenAIBriefingError.invalidTrend("rising")) {
            try OpenAIBriefingPrompt.parseContent(
                #"{"summary": "s", "keyMetrics": [{"label": "l", "value": "v", "trend": "rising"}], "confidence": 0.5}"#)
        }
        #expect(throws: OpenAIBriefingError.invalidPriority("urgent")) {
            try OpenAIBriefingPrompt.parseContent(
                #"{"summary": "s", "keyMetrics": [], "recommendedActions": [{"title": "t", "description": "d", "priority": "urgent"}], "confidence": 0.5}"#)
        }
    }

    /// The parts of the user message's JSON the test looks at.
    struct PromptPayload: Decodable {
        struct Health: Decodable { var customerId: String }
        var recentOrders: Int
        var currency: String
        var keyMetrics: [AIBriefingOutput.KeyMetric]
        var healthScores: [Health]
        var opportunities: [InsightsMetrics.Opportunity]
        var products: [BriefingContext.Named]
    }

    @Test func buildsTheRequestBody() throws {
        let context = BriefingContext(dataset: InsightFixtures.richDataset())
        let data = try OpenAIBriefingPrompt.encodedRequestBody(model: "gpt-test", context: context)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""response_format":{"type":"json_object"}"#))
        #expect(text.contains(#""temperature":0.2"#))
        let body = try JSONDecoder().decode(OpenAIBriefingPrompt.RequestBody.self, from: data)
        #expect(body.model == "gpt-test")
        #expect(body.temperature == 0.2)
        #expect(body.responseFormat.type == "json_object")
        #expect(body.messages.map(\.role) == ["system", "user"])
        #expect(body.messages[0].content.contains("Recent Orders"))
        let user = body.messages[1].content
        let payloadText = try #require(user.firstIndex(of: "{").map { String(user[$0...]) })
        let payload = try PortalJSON.decoder().decode(PromptPayload.self, from: Data(payloadText.utf8))
        #expect(payload.recentOrders == context.recentOrderCount)
        #expect(payload.currency == "USD")
        #expect(payload.healthScores.map(\.customerId) == context.metrics.healthScores.map(\.customerId))
        #expect(payload.keyMetrics.first?.label == "Recent Orders")
        #expect(payload.opportunities == context.metrics.opportunities)
        #expect(Set(payload.products.map(\.id)) == Set(context.metrics.opportunities.map(\.productId)))
        #expect(OpenAIBriefingPrompt.chatCompletionsURL(base: "https://api.example/v1/") == "https://api.example/v1/chat/completions")
    }
}
