/// Body of `POST /api/portal/orders`.
public struct CreateOrderRequest: Codable, Sendable, Equatable {
    public struct Line: Codable, Sendable, Equatable {
        public var productId: String
        public var quantity: Int
        public init(productId: String, quantity: Int) {
            self.productId = productId
            self.quantity = quantity
        }
    }
    public var customerId: String
    public var lines: [Line]
    public var notes: String?
    public init(customerId: String, lines: [Line], notes: String? = nil) {
        self.customerId = customerId
        self.lines = lines
        self.notes = notes
    }
}

/// Body of `POST /api/portal/cart/items`.
public struct AddCartItemRequest: Codable, Sendable, Equatable {
    public var productId: String
    public var quantity: Int
    public init(productId: String, quantity: Int) {
        self.productId = productId
        self.quantity = quantity
    }
}

/// Body of `PATCH /api/portal/cart/items/{itemId}`: the absolute quantity, 0 removes the line.
public struct UpdateCartItemRequest: Codable, Sendable, Equatable {
    public var quantity: Int
    public init(quantity: Int) { self.quantity = quantity }
}

/// Body of `PUT /api/portal/cart/customer`. `customerId` must be present, as an id or `null`.
public struct SetCartCustomerRequest: Codable, Sendable, Equatable {
    public var customerId: String?
    public init(customerId: String?) { self.customerId = customerId }

    enum CodingKeys: String, CodingKey { case customerId }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.customerId) else {
            throw DecodingError.keyNotFound(
                CodingKeys.customerId, .init(codingPath: [], debugDescription: "customerId must be present"))
        }
        customerId = try container.decodeNil(forKey: .customerId) ? nil : container.decode(String.self, forKey: .customerId)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(customerId, forKey: .customerId)
    }
}

/// Body of `POST /api/portal/cart/checkout` (an empty body means `{}`).
public struct CheckoutRequest: Codable, Sendable, Equatable {
    public var notes: String?
    public var expectedVersion: Int?
    public init(notes: String? = nil, expectedVersion: Int? = nil) {
        self.notes = notes
        self.expectedVersion = expectedVersion
    }
}
