import HummingbirdCore
import Logging

/// At most `maximum` connections at once; past it the server stops accepting (new connections wait
/// in the listen backlog) and says so once in the log each time the limit is reached.
struct ConnectionLimit: AvailableConnectionsDelegate {
    let maximum: Int
    let logger: Logger
    private var open = 0

    init(maximum: Int, logger: Logger) {
        self.maximum = max(1, maximum)
        self.logger = logger
    }

    mutating func connectionOpened() {
        open += 1
        if open == maximum {
            logger.warning("connection limit reached: \(maximum) connections open; new connections wait until one closes")
        }
    }

    mutating func connectionClosed() {
        open -= 1
    }

    func isAcceptingNewConnections() -> Bool { open < maximum }
}
