import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// For `webhooks:admin` only: the tenant's subscriptions (create with an event type and a URL,
/// the secret shown once; delete after confirming) above the deliveries with their status,
/// attempts, next retry and last error, filterable by status.
public struct WebhooksState: PaneStateValue {
    /// Which list `j`/`k` move in.
    public enum Focus: Sendable, Equatable { case subscriptions, deliveries }

    /// The "new subscription" form.
    public struct Form: Sendable, Equatable {
        public var eventType = WebhookEventType.allCases[0].rawValue
        public var url = TextInputState(text: "https://")
        public var isSaving = false
        public var message: String?
        public init() {}
    }

    /// `s` cycles through all, then each status.
    public static let statuses: [WebhookDeliveryStatus?] = [nil] + WebhookDeliveryStatus.allCases

    public var subscriptions: [WebhookSubscription] = []
    public var deliveries: [WebhookDelivery] = []
    public var load = LoadState()
    public var focus = Focus.subscriptions
    public var subscriptionTable = TableState()
    public var deliveryTable = TableState()
    /// The deliveries shown: nil for all.
    public var status: WebhookDeliveryStatus?
    public var form: Form?
    /// A subscription just created, whose secret is on screen until dismissed (the only time).
    public var created: WebhookSubscription?
    public var confirmingDelete: WebhookSubscription?

    public init() {}

    /// Where the pane is drawn (the main layout's content area).
    public var area = Rect(x: 0, y: 1, width: 80, height: 21)

    public var capturesKeys: Bool { form != nil || created != nil || confirmingDelete != nil }
    /// Rows each list shows at once: from their places in `area`, as they are drawn.
    public var visibleRows: (subscriptions: Int, deliveries: Int) {
        let layout = WebhooksScreen.layout(self, inner: area.inset(horizontal: 1))
        return (Table.visibleRows(in: layout.subscriptions), Table.visibleRows(in: layout.deliveries))
    }
    public var selectedSubscription: WebhookSubscription? {
        subscriptionTable.selected.flatMap { subscriptions.indices.contains($0) ? subscriptions[$0] : nil }
    }
}

public enum WebhooksAction: Sendable, Equatable {
    case load
    case loaded([WebhookSubscription], [WebhookDelivery])
    case failed(LoadFailure)
    /// Moves the selection in the focused list.
    case navigate(TableMove)
    case switchFocus
    case cycleStatus
    case startCreate
    /// A key typed in the form's URL field.
    case key(Key)
    /// Tab, ↑ or ↓ in the form: the next (or previous) event type.
    case cycleEventType(Int)
    /// Enter in the form: create the subscription.
    case submitForm
    case formDismissed
    /// `y` while the new secret is shown: copy it.
    case copySecret
    case secretDismissed
    case deleteConfirmed
    case deleteDismissed
    case createdSubscription(WebhookSubscription)
    case createFailed(LoadFailure)
    case requestDelete
    case deleted(id: String)
    case deleteFailed(LoadFailure)
    case delegate(PaneDelegate)
}

public enum WebhooksScreen {
    static let lifetime = EffectID("webhooks")
    static let loadEffect = lifetime.appending("load")
    static let changeEffect = lifetime.appending("change")

    public static let keymap = Keymap(
        Keymap.tableNavigation(section: "Webhooks", row: "row", permission: .webhooksAdmin, paging: false) { .webhooks(.navigate($0)) } + [
        KeyBinding([.left, .right, .character("h"), .character("l")], label: "switch", help: "Move between subscriptions and deliveries", action: .webhooks(.switchFocus), section: "Webhooks", permission: .webhooksAdmin),
        new,
        KeyBinding([.character("d")], label: "delete", help: "Delete the subscription (asks first)", action: .webhooks(.requestDelete), section: "Webhooks", permission: .webhooksAdmin),
        KeyBinding([.character("s")], label: "status", help: "Deliveries: all, pending, delivered, failed", action: .webhooks(.cycleStatus), section: "Webhooks", permission: .webhooksAdmin),
    ])

    static let new = KeyBinding(
        [.character("n")], label: "new", help: "New subscription (event type and URL)", action: .webhooks(.startCreate), section: "Webhooks", permission: .webhooksAdmin)
    static let nextEventType = KeyBinding(
        [.tab, .down], label: "event", help: "Next event type (in the form)", action: .webhooks(.cycleEventType(1)), section: "New subscription", inFooter: false)

    /// The URL as typed after the prefilled `https://`: an address typed or pasted whole with its own
    /// scheme (`https://http://host/…`) is that address.
    static func typedURL(_ text: String) -> String {
        let url = text.trimmingCharacters(in: .whitespaces)
        let rest = url.dropFirst("https://".count).lowercased()
        guard url.lowercased().hasPrefix("https://"), rest.hasPrefix("http://") || rest.hasPrefix("https://") else { return url }
        return String(url.dropFirst("https://".count))
    }

    /// The new-subscription form's keys; every other key types the URL.
    public static let formKeymap = Keymap([
        KeyBinding([.enter], label: "create", help: "Create the subscription", action: .webhooks(.submitForm), section: "New subscription", permission: .webhooksAdmin),
        KeyBinding([.escape], label: "cancel", help: "Close the form", action: .webhooks(.formDismissed), section: "New subscription"),
        nextEventType,
        KeyBinding([.up], label: "previous event", help: "Previous event type", action: .webhooks(.cycleEventType(-1)), section: "New subscription", inFooter: false),
    ])

    /// The keys while a new subscription's secret is shown.
    public static let secretKeymap = Keymap([
        KeyBinding([.character("y")], label: "copy", help: "Copy the signing secret (OSC 52)", action: .webhooks(.copySecret), section: "New secret"),
        KeyBinding([.enter, .escape], label: "close", help: "Close; the secret is not shown again", action: .webhooks(.secretDismissed), section: "New secret"),
    ])

    /// The delete confirmation's keys.
    public static let deleteKeymap = Keymap([
        KeyBinding(
            [.character("y"), .enter], label: "delete", help: "Delete the subscription (in the confirmation)", action: .webhooks(.deleteConfirmed),
            section: "Delete subscription", permission: .webhooksAdmin),
        KeyBinding([.escape, .character("n")], label: "keep", help: "Keep the subscription", action: .webhooks(.deleteDismissed), section: "Delete subscription"),
    ])

    public static func reduce(into state: inout WebhooksState, _ action: WebhooksAction, _ dependencies: AppDependencies) -> Effect<WebhooksAction> {
        switch action {
        case .load:
            state.load.started()
            let subscriptions = dependencies.webhooks.subscriptions
            let deliveries = dependencies.webhooks.deliveries
            let status = state.status?.rawValue
            return .load(
                id: loadEffect, {
                    async let listed = subscriptions()
                    async let sent = deliveries(status)
                    return try await (listed, sent)
                }, loaded: { .loaded($0.0, $0.1) }, failed: { .failed($0) })
        case .loaded(let subscriptions, let deliveries):
            state.load.succeeded(at: dependencies.now())
            state.subscriptions = subscriptions
            state.deliveries = deliveries
            state.subscriptionTable.select(state.subscriptionTable.selected ?? 0, rowCount: subscriptions.count, visibleRows: state.visibleRows.subscriptions)
            state.deliveryTable.select(state.deliveryTable.selected ?? 0, rowCount: deliveries.count, visibleRows: state.visibleRows.deliveries)
            return .none
        case .failed(let failure):
            state.load.failed(failure)
            return .none
        case .navigate(let move):
            switch state.focus {
            case .subscriptions: state.subscriptionTable.apply(move, rowCount: state.subscriptions.count, visibleRows: state.visibleRows.subscriptions)
            case .deliveries: state.deliveryTable.apply(move, rowCount: state.deliveries.count, visibleRows: state.visibleRows.deliveries)
            }
            return .none
        case .switchFocus:
            state.focus = state.focus == .subscriptions ? .deliveries : .subscriptions
            return .none
        case .cycleStatus:
            let index = WebhooksState.statuses.firstIndex(of: state.status) ?? 0
            state.status = WebhooksState.statuses[(index + 1) % WebhooksState.statuses.count]
            state.deliveryTable = TableState()
            state.focus = .deliveries
            return reduce(into: &state, .load, dependencies)
        case .startCreate:
            state.form = WebhooksState.Form()
            return .none
        case .key(let key):
            return typed(key, &state)
        case .cycleEventType(let step):
            guard var form = state.form, !form.isSaving else { return .none }
            let types = WebhookEventType.allCases.map(\.rawValue)
            let index = types.firstIndex(of: form.eventType) ?? 0
            form.eventType = types[(index + step + types.count) % types.count]
            state.form = form
            return .none
        case .submitForm:
            guard var form = state.form, !form.isSaving else { return .none }
            let url = Self.typedURL(form.url.text)
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                form.message = "Enter the receiver's address, e.g. https://erp.example.com/hooks/leora."
                state.form = form
                return .none
            }
            form.isSaving = true
            form.message = nil
            state.form = form
            let create = dependencies.webhooks.create
            let eventType = form.eventType
            return .load(id: changeEffect, { try await create(eventType, url) }, loaded: { .createdSubscription($0) }, failed: { .createFailed($0) })
        case .formDismissed:
            guard state.form?.isSaving != true else { return .none }
            state.form = nil
            return .none
        case .copySecret:
            guard let secret = state.created?.secret else { return .none }
            return .merge(.send(.delegate(.copy(secret))), toast("Secret copied to the clipboard.", .info))
        case .secretDismissed:
            state.created = nil
            return .none
        case .deleteConfirmed:
            guard let subscription = state.confirmingDelete else { return .none }
            state.confirmingDelete = nil
            let delete = dependencies.webhooks.delete
            let id = subscription.id
            return .load(id: changeEffect, { try await delete(id) }, loaded: { .deleted(id: id) }, failed: { .deleteFailed($0) })
        case .deleteDismissed:
            state.confirmingDelete = nil
            return .none
        case .createdSubscription(let subscription):
            state.form = nil
            state.created = subscription
            return reduce(into: &state, .load, dependencies)
        case .createFailed(let failure):
            state.form?.isSaving = false
            state.form?.message = failure.errorCode == .validationError ? "The portal refused it: \(failure.message)" : failure.message
            return .none
        case .requestDelete:
            guard state.focus == .subscriptions, let subscription = state.selectedSubscription else { return .none }
            state.confirmingDelete = subscription
            return .none
        case .deleted(let id):
            state.subscriptions.removeAll { $0.id == id }
            return .merge(toast("Subscription deleted; its past deliveries stay listed.", .success), reduce(into: &state, .load, dependencies))
        case .deleteFailed(let failure):
            return toast("Couldn't delete the subscription: \(failure.message)", .danger)
        case .delegate:
            return .none
        }
    }

    private static func toast(_ message: HintText, _ kind: Toast.Kind) -> Effect<WebhooksAction> { .send(.delegate(.toast(message, kind))) }

    /// A key typed in the form's URL field.
    private static func typed(_ key: Key, _ state: inout WebhooksState) -> Effect<WebhooksAction> {
        guard var form = state.form, !form.isSaving else { return .none }
        TextEditing.apply(key, to: &form.url)
        form.message = nil
        state.form = form
        return .none
    }

    // MARK: Rendering

    /// Where each part goes in the pane's inner area: a failure line, the subscriptions' title and
    /// table (the rows they need, at most two fifths of the pane), a blank row, then the
    /// deliveries' title and table in the rest. Drawing and the lists' viewports both read it.
    static func layout(_ state: WebhooksState, inner: Rect) -> (
        failure: Rect, subscriptionsTitle: Rect, subscriptions: Rect, deliveriesTitle: Rect, deliveries: Rect
    ) {
        let parts = Layout.vertical([.length(state.load.failure == nil ? 0 : 1), .fill(1)]).split(inner)
        let share = Layout.sizes(for: [.percentage(40)], total: parts[1].height)[0]
        let rows = Layout.vertical([.length(1), .length(min(max(2, state.subscriptions.count + 1), max(2, share))), .length(1), .length(1), .fill(1)])
            .split(parts[1])
        return (parts[0], rows[0], rows[1], rows[3], rows[4])
    }

    static func statusRole(_ status: String) -> ColorRole {
        switch WebhookDeliveryStatus(rawValue: status) {
        case .delivered: .success
        case .failedPermanent: .danger
        case .pending, nil: .warning
        }
    }

    public static func render(_ state: WebhooksState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        let inner = area.inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        let layout = layout(state, inner: inner)
        if let failure = state.load.failure {
            buffer.set(x: inner.x, y: layout.failure.y, string: "✗ " + failure.message, style: Style(.danger), maxWidth: inner.width)
        }
        guard state.load.hasLoaded else {
            if state.load.failure == nil { buffer.set(x: inner.x, y: inner.y, string: "Loading webhooks…", style: Style(.muted)) }
            return
        }
        let focused = Style(.title).bold
        let muted = Style(.muted)
        buffer.set(
            x: inner.x, y: layout.subscriptionsTitle.y, string: "Subscriptions (\(state.subscriptions.count))", style: state.focus == .subscriptions ? focused : muted)
        var subscriptions = Table(
            columns: [.init("Event", width: .length(22)), .init("URL", width: .fill(1)), .init("Active", width: .length(6)), .init("Since", width: .length(10))],
            rows: state.subscriptions.map { subscription in
                Table.Row([subscription.eventType, subscription.url, subscription.active ? "yes" : "no", TimeText.date(subscription.createdAt, in: context.timeZone)])
            })
        let empty: HintText = "No subscriptions. Press \(keys: new) to add one."
        subscriptions.emptyText = empty.resolved(context.keyOverrides)
        var subscriptionState = state.subscriptionTable
        if state.focus != .subscriptions { subscriptionState.selected = nil }
        subscriptions.render(into: &buffer, area: layout.subscriptions, state: subscriptionState)
        if !layout.deliveriesTitle.isEmpty {
            let filter = state.status.map { "Deliveries: \($0.rawValue.replacingOccurrences(of: "_", with: " "))" } ?? "Deliveries: all"
            buffer.set(
                x: inner.x, y: layout.deliveriesTitle.y, string: filter + " (\(state.deliveries.count))", style: state.focus == .deliveries ? focused : muted)
        }
        let wide = inner.width >= 100
        var deliveries = Table(
            columns: [
                .init("Event", width: .length(wide ? 22 : 14)), .init("Status", width: .length(16)), .init("Tries", width: .length(5), alignment: .right),
                .init("Next retry", width: .length(16)), .init("Last error", width: .fill(1)),
            ],
            rows: state.deliveries.map { delivery in
                let error = delivery.lastError ?? delivery.lastStatus.map { "HTTP \($0)" } ?? ""
                return Table.Row(
                    [
                        delivery.eventType, delivery.status.replacingOccurrences(of: "_", with: " "), "\(delivery.attempts)",
                        delivery.nextAttemptAt.map { TimeText.dateTime($0, in: context.timeZone) } ?? "—", error,
                    ], cellStyles: [nil, Style(statusRole(delivery.status)), nil, nil, Style(.muted)])
            })
        deliveries.emptyText = "No deliveries" + (state.status == nil ? " yet." : " with this status.")
        var deliveryState = state.deliveryTable
        if state.focus != .deliveries { deliveryState.selected = nil }
        deliveries.render(into: &buffer, area: layout.deliveries, state: deliveryState)

        if let form = state.form { renderForm(form, keys: context.keyOverrides, into: &buffer, area: area) }
        if let created = state.created {
            Modal(
                title: "Subscription created",
                body: "Signing secret for \(created.url), shown this once; store it now: \(created.secret ?? "(the portal sent none)")",
                footer: secretKeymap.applying(context.keyOverrides).hint, width: 76
            ).render(into: &buffer, area: area)
        }
        if let subscription = state.confirmingDelete {
            Modal(
                title: "Delete subscription?",
                body: "Stop sending \(subscription.eventType) to \(subscription.url)? Past deliveries stay listed.",
                footer: deleteKeymap.applying(context.keyOverrides).hint, width: 60
            ).render(into: &buffer, area: area)
        }
    }

    static func renderForm(_ form: WebhooksState.Form, keys: KeyOverrides, into buffer: inout Buffer, area: Rect) {
        let howTo: HintText = "\(key: nextEventType) changes the event; type the receiver's URL."
        let modal = Modal(
            title: "New subscription", body: form.message ?? howTo.resolved(keys),
            footer: form.isSaving ? "Saving…" : formKeymap.applying(keys).hint, reservedRows: 2, width: 70)
        let inside = modal.render(into: &buffer, area: area)
        guard inside.height >= 2 else { return }
        let surface = Style(background: .role(.surface))
        var x = buffer.set(x: inside.x, y: inside.y, string: "Event  ", style: surface.patched(with: Style(.muted)))
        buffer.set(x: x, y: inside.y, string: "‹ \(form.eventType) ›", style: surface.patched(with: Style(.accent)).bold, maxWidth: inside.right - x)
        x = buffer.set(x: inside.x, y: inside.y + 1, string: "URL    ", style: surface.patched(with: Style(.muted)))
        TextInput(placeholder: "https://…", focused: !form.isSaving)
            .render(into: &buffer, area: Rect(x: x, y: inside.y + 1, width: max(0, inside.right - x), height: 1), state: form.url)
    }
}

/// The app's names for the pane: its tab, its state (`state.webhooks`) and its actions (`.webhooks(…)`).
extension AppTab { public static let webhooks = AppTab("webhooks") }
extension AppState { public var webhooks: WebhooksState { get { self[pane: WebhooksScreen.self] } _modify { yield &self[pane: WebhooksScreen.self] } } }
extension AppAction { public static func webhooks(_ action: WebhooksAction) -> AppAction { .pane(PaneAction(WebhooksScreen.self, action)) } }

extension WebhooksScreen: Pane {
    static var tab: AppTab { .webhooks }
    static let title = "Webhooks"
    static var tabPermission: Permission? { .webhooksAdmin }
    static var permission: Permission? { .webhooksAdmin }
    static var load: WebhooksAction { .load }

    static var dialogKeymaps: Keymap { formKeymap + secretKeymap + deleteKeymap }

    static func dialog(_ state: WebhooksState) -> Keymap? {
        if state.created != nil { return secretKeymap }
        if state.confirmingDelete != nil { return deleteKeymap }
        if state.form != nil { return formKeymap }
        return nil
    }

    /// Typing goes to the form's URL field.
    static func capturedKey(_ key: Key, _ state: WebhooksState) -> WebhooksAction? { state.form != nil ? .key(key) : nil }
    static func fresh(for session: SavedSession) -> WebhooksState { WebhooksState() }
    static func loadState(_ state: WebhooksState) -> LoadState { state.load }
    static func resized(_ state: inout WebhooksState, to area: Rect) { state.area = area }
    static func isBusy(_ state: WebhooksState) -> Bool { state.load.isLoading || state.form?.isSaving == true }

    static func delegate(_ action: WebhooksAction) -> PaneDelegate? {
        if case .delegate(let delegate) = action { delegate } else { nil }
    }

    static func reachability(_ action: WebhooksAction) -> Reachability? {
        switch action {
        case .loaded: .reached
        case .failed(let failure), .createFailed(let failure), .deleteFailed(let failure): .failed(failure)
        default: nil
        }
    }
}
