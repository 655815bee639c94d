import Foundation
import LeoraKit
import PortalAPI

/// A failed load or action, as the screens show it: the user-facing sentence and whether the portal
/// was unreachable (which turns the status bar's badge to offline).
public struct LoadFailure: Error, Sendable, Equatable {
    public var message: String
    public var isOffline: Bool
    /// The contract's `error.code`, as sent (a code this version does not know stays readable).
    public var code: String?
    /// The code, when it is one the contract names.
    public var errorCode: ErrorCode? { code.flatMap(ErrorCode.init) }
    public var retryAfterSeconds: Int?
    /// The short lines of an `INSUFFICIENT_STOCK` answer.
    public var shortages: [StockShortage]

    public init(
        message: String, isOffline: Bool = false, code: String? = nil, retryAfterSeconds: Int? = nil, shortages: [StockShortage] = []
    ) {
        self.message = message
        self.isOffline = isOffline
        self.code = code
        self.retryAfterSeconds = retryAfterSeconds
        self.shortages = shortages
    }

    public init(_ error: any Error) {
        if let portal = error as? PortalError {
            self.init(message: portal.description, isOffline: portal.isOffline, code: portal.code, retryAfterSeconds: portal.retryAfterSeconds,
                shortages: portal.stockShortages)
        } else if let failure = error as? LoadFailure {
            self = failure
        } else {
            self.init(message: "Something went wrong: \(type(of: error))")
        }
    }
}
