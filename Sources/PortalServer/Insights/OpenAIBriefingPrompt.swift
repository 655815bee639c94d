#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// Pure helpers for a briefing writer speaking the OpenAI-compatible chat-completions API:
/// the `POST {base}/chat/completions` request body and the reading of its response. No networking.
enum OpenAIBriefingPrompt {
    /// One chat message.
    struct Message: Codable, Sendable, Equatable {
        var role: String
        var content: String
    }

    /// `response_format`: always `{"type": "json_object"}` here.
    struct ResponseFormat: Codable, Sendable, Equatable {
        var type: String
    }

    /// The request body of `POST {base}/chat/completions`.
    struct RequestBody: Codable, Sendable, Equatable {
        var model: String
        var messages: [Message]
        var responseFormat: ResponseFormat
        var temperature: Double

        enum CodingKeys: String, CodingKey {
            case model, messages, temperature
            case responseFormat = "response_format"
        }
    }

    /// How many entries of each metrics list the prompt carries.
    static let listLimit = 25
    static let temperature = 0.2

    static let systemPrompt = """
        You write the daily sales briefing for a wine and spirits sales representative, from the \
        JSON data you are given and nothing else. Answer with ONE JSON object and no other text:
        {"summary": string, "keyMetrics": [{"label": string, "value": string, "trend": "up"|"down"|"stable"}],
         "recommendedActions": [{"title": string, "description": string, "priority": "high"|"medium"|"low"}],
         "drillDownLinks": [{"label": string, "url": string}], "confidence": number between 0 and 1,
         "sourceDatasets": [string]}
        Rules:
        - summary: 3 to 6 specific sentences naming customers, products, amounts and percentages \
        from the data; never invent numbers or names.
        - keyMetrics: copy the given keyMetrics, always including "Recent Orders" with its exact value.
        - recommendedActions: at most 8, the most urgent first (customers far behind their usual \
        pace or with low health are high priority).
        - drillDownLinks: at most 8, only these paths, with ids taken from the data: \
        /portal/orders?status=pending (or confirmed, shipped, delivered, cancelled), /portal/orders/{orderId}, \
        /portal/customers/{customerId}, /portal/products/{productId}, /portal/products?q=TEXT with TEXT \
        percent-encoded (space as %20, + as %2B). Any other link is discarded.
        - confidence: how well the data supports the briefing (little history means low confidence).
        - sourceDatasets: the given sourceDatasets.
        Money values are integer minor units ("Cents") of the given currency; write them as amounts.
        """

    /// `{base}/chat/completions`, tolerating a trailing slash on `base`.
    static func chatCompletionsURL(base: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/chat/completions"
    }

    /// The request body for `context`: the system prompt, then the data as JSON.
    static func requestBody(model: String, context: BriefingContext) throws -> RequestBody {
        let data = try PortalJSON.encoder(sortedKeys: true).encode(PromptData(context: context))
        let json = String(decoding: data, as: UTF8.self)
        return RequestBody(
            model: model,
            messages: [
                Message(role: "system", content: systemPrompt),
                Message(role: "user", content: "Write today's briefing from this data:\n" + json),
            ],
            responseFormat: ResponseFormat(type: "json_object"), temperature: temperature)
    }

    /// `requestBody(model:context:)` encoded as JSON.
    static func encodedRequestBody(model: String, context: BriefingContext) throws -> Data {
        try PortalJSON.encoder(sortedKeys: true).encode(requestBody(model: model, context: context))
    }

    /// The briefing in a chat-completions response body (`choices[0].message.content`).
    static func parseResponse(_ body: Data) throws(OpenAIBriefingError) -> AIBriefingOutput {
        let response: ChatResponse
        do {
            response = try JSONDecoder().decode(ChatResponse.self, from: body)
        } catch {
            throw .invalidResponseBody(String(describing: error))
        }
        guard let choice = response.choices?.first else {
            if let message = response.error?.message { throw .apiError(message) }
            throw .missingChoices
        }
        guard let content = choice.message?.content, !content.allSatisfy(\.isWhitespace) else {
            throw .missingContent
        }
        return try parseContent(content)
    }

    /// The briefing in a message's content: a JSON object, possibly inside ``` fences.
    static func parseContent(_ content: String) throws(OpenAIBriefingError) -> AIBriefingOutput {
        let raw: RawBriefing
        do {
            raw = try JSONDecoder().decode(RawBriefing.self, from: Data(stripCodeFences(content).utf8))
        } catch {
            throw .malformedContent(describe(error))
        }
        guard raw.confidence.isFinite, (0...1).contains(raw.confidence) else {
            throw .confidenceOutOfRange(raw.confidence)
        }
        var keyMetrics: [AIBriefingOutput.KeyMetric] = []
        for metric in raw.keyMetrics {
            guard let trend = Trend(rawValue: normalized(metric.trend)) else { throw .invalidTrend(metric.trend) }
            keyMetrics.append(AIBriefingOutput.KeyMetric(label: metric.label, value: metric.value, trend: trend))
        }
        var actions: [AIBriefingOutput.RecommendedAction] = []
        for action in raw.recommendedActions ?? [] {
            guard let priority = Priority(rawValue: normalized(action.priority)) else {
                throw .invalidPriority(action.priority)
            }
            actions.append(
                AIBriefingOutput.RecommendedAction(
                    title: action.title, description: action.description, priority: priority))
        }
        return AIBriefingOutput(
            summary: raw.summary, keyMetrics: keyMetrics, recommendedActions: actions,
            drillDownLinks: raw.drillDownLinks ?? [], confidence: raw.confidence,
            sourceDatasets: raw.sourceDatasets ?? [])
    }

    /// `text` without surrounding whitespace and a surrounding Markdown code fence (```json … ```).
    static func stripCodeFences(_ text: String) -> String {
        var body = trimmed(text)
        guard body.hasPrefix("```") else { return body }
        if let newline = body.firstIndex(of: "\n") {
            body = String(body[body.index(after: newline)...])
        } else {
            body = String(body.dropFirst(3))
        }
        body = trimmed(body)
        if body.hasSuffix("```") { body = String(body.dropLast(3)) }
        return trimmed(body)
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    private static func normalized(_ value: String) -> String {
        trimmed(value).lowercased()
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        switch error {
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context.codingPath)): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "missing \(type) at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing key \(path(context.codingPath + [key]))"
        case .dataCorrupted(let context):
            return "not valid JSON: \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "the top level" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            .joined(separator: ".")
    }

    // MARK: - Wire shapes

    private struct ChatResponse: Decodable {
        struct Choice: Decodable {
            struct ChoiceMessage: Decodable { var content: String? }
            var message: ChoiceMessage?
        }
        struct APIError: Decodable { var message: String? }
        var choices: [Choice]?
        var error: APIError?
    }

    private struct RawBriefing: Decodable {
        struct Metric: Decodable { var label: String; var value: String; var trend: String }
        struct Action: Decodable { var title: String; var description: String; var priority: String }
        var summary: String
        var keyMetrics: [Metric]
        var recommendedActions: [Action]?
        var drillDownLinks: [AIBriefingOutput.DrillDownLink]?
        var confidence: Double
        var sourceDatasets: [String]?
    }

    /// The data the model writes from (the user message).
    private struct PromptData: Encodable {
        var now: Date
        var currency: String
        var keyMetrics: [AIBriefingOutput.KeyMetric]
        var recentOrders: Int
        var ordersPreviousWeek: Int
        var revenueLast4WeeksCents: Int
        var revenuePrevious4WeeksCents: Int
        var ordersLast4Weeks: Int
        var totalOrders: Int
        var firstOrderAt: Date?
        var ordersByStatus: [String: Int]
        var latestOrders: [BriefingContext.OrderSummary]
        var healthScores: [InsightsMetrics.HealthScore]
        var paceDeviations: [InsightsMetrics.PaceDeviation]
        var revenueTrends: [InsightsMetrics.RevenueTrend]
        var opportunities: [InsightsMetrics.Opportunity]
        var customers: [BriefingContext.Named]
        var products: [BriefingContext.Named]
        var sourceDatasets: [String]

        init(context: BriefingContext) {
            let metrics = context.metrics
            let health = Array(metrics.healthScores.prefix(OpenAIBriefingPrompt.listLimit))
            let pace = Array(metrics.paceDeviations.prefix(OpenAIBriefingPrompt.listLimit))
            let opportunities = Array(metrics.opportunities.prefix(OpenAIBriefingPrompt.listLimit))
            let customerIds = Set(health.map(\.customerId) + pace.map(\.customerId) + opportunities.map(\.customerId))
            let productIds = Set(opportunities.map(\.productId))

            now = context.now
            currency = context.currency
            keyMetrics = BriefingKeyMetrics.keyMetrics(for: context)
            recentOrders = context.recentOrderCount
            ordersPreviousWeek = context.previousWeekOrderCount
            revenueLast4WeeksCents = context.revenueLast4WeeksCents
            revenuePrevious4WeeksCents = context.revenuePrevious4WeeksCents
            ordersLast4Weeks = context.ordersLast4Weeks
            totalOrders = context.totalOrderCount
            firstOrderAt = context.firstOrderAt
            ordersByStatus = context.statusCounts
            latestOrders = context.recentOrders
            healthScores = health
            paceDeviations = pace
            revenueTrends = metrics.revenueTrends
            self.opportunities = opportunities
            customers = context.customers.filter { customerIds.contains($0.id) }
            products = context.products.filter { productIds.contains($0.id) }
            sourceDatasets = context.sourceDatasets
        }
    }
}
