import Foundation
import Hummingbird
import PortalAPI

/// The daily briefing and the metrics behind it.
struct InsightsController {
    let storage: any PortalStorage
    let briefings: BriefingService
    let clock: PortalClock

    func addRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.get(RouterPath(Routes.briefing)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.insightsRead)
            let refresh: Bool
            switch try request.queryValue("refresh") {
            case nil, "false": refresh = false
            case "true": refresh = true
            default: throw APIError.validation(field: "refresh", "refresh must be true or false")
            }
            let payload = try await briefings.briefing(identity.scope, refresh: refresh)
            return ConditionalResponse.make(Envelope(data: payload), for: request, identity: identity)
        }
        group.get(RouterPath(Routes.metrics)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.insightsRead)
            let start = try Self.timestamp(request, "start")
            let end = try Self.timestamp(request, "end")
            if let start, let end, start >= end {
                throw APIError.validation(field: "end", "end must be after start")
            }
            let dataset = try await storage.insightDataset(identity.scope, at: clock.now())
            let metrics = InsightsEngine.metrics(for: dataset, start: start, end: end)
            return ConditionalResponse.make(Envelope(data: metrics), for: request, identity: identity)
        }
    }

    private static func timestamp(_ request: Request, _ name: String) throws -> Date? {
        guard let text = try request.queryValue(name) else { return nil }
        guard let date = Timestamp.date(from: text) else {
            throw APIError.validation(field: name, "\(name) must be an ISO 8601 timestamp")
        }
        return date
    }
}
