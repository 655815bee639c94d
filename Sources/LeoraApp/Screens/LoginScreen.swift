import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// The login form: the server it talks to, the email (prefilled from `--email`), the masked password.
public struct LoginState: Sendable, Equatable {
    public enum Field: Sendable, Equatable { case email, password }

    public var server: String
    /// The profile being logged in to; the title names any other than `default`.
    public var profile = "default"
    public var email: TextInputState
    public var password: TextInputState
    public var focus: Field
    public var isSubmitting = false
    /// Why the last attempt failed, in words for the user.
    public var message: String?

    public init(server: String, email: String? = nil) {
        self.server = server
        self.email = TextInputState(text: email ?? "")
        self.password = TextInputState()
        self.focus = (email?.isEmpty ?? true) ? .email : .password
    }
}

public enum LoginAction: Sendable, Equatable {
    /// A key for the focused field.
    case edit(Key)
    case focusNext
    case submitted
    case succeeded(SavedSession)
    case failed(LoadFailure)
    case delegate(Delegate)

    /// What the login form tells the app.
    public enum Delegate: Sendable, Equatable {
        case loggedIn(SavedSession)
    }
}

public enum LoginScreen {
    static let loginEffect = EffectID("auth.login")

    static let logIn = KeyBinding([.enter], label: "log in", help: "Log in (from the email field: go to the password)", action: .login(.submitted), section: "Login")
    static let nextField = KeyBinding([.tab, .backTab], label: "next field", help: "Move between email and password", action: .login(.focusNext), section: "Login")
    static let quit = KeyBinding([.escape], label: "quit", help: "Quit leora", action: .quit, section: "Login")

    public static let keymap = Keymap([nextField, logIn, quit])

    public static func reduce(into state: inout LoginState, _ action: LoginAction, _ dependencies: AppDependencies) -> Effect<LoginAction> {
        switch action {
        case .edit(let key):
            guard !state.isSubmitting else { return .none }
            edit(&state, key)
            return .none
        case .focusNext:
            state.focus = state.focus == .email ? .password : .email
            return .none
        case .submitted:
            guard !state.isSubmitting else { return .none }
            if state.focus == .email && state.password.isEmpty && !state.email.isEmpty {
                state.focus = .password
                return .none
            }
            let email = state.email.text.trimmingCharacters(in: .whitespaces)
            let password = state.password.text
            guard !email.isEmpty else {
                state.message = "Enter your email address."
                state.focus = .email
                return .none
            }
            guard !password.isEmpty else {
                state.message = "Enter your password."
                state.focus = .password
                return .none
            }
            state.isSubmitting = true
            state.message = nil
            let login = dependencies.session.login
            return .run(id: loginEffect) { send in
                do {
                    send(.succeeded(try await login(email, password)))
                } catch {
                    send(.failed(LoadFailure(error)))
                }
            }
        case .succeeded(let session):
            state.isSubmitting = false
            state.password.clear()
            state.message = nil
            return .send(.delegate(.loggedIn(session)))
        case .failed(let failure):
            state.isSubmitting = false
            state.message = message(for: failure, server: state.server)
            if failure.errorCode == .invalidCredentials {
                state.password.clear()
                state.focus = .password
            }
            return .none
        case .delegate:
            return .none
        }
    }

    /// A sentence for each way logging in fails.
    public static func message(for failure: LoadFailure, server: String) -> String {
        if failure.errorCode == .invalidCredentials { return "Wrong email or password." }
        if failure.errorCode == .rateLimited {
            if let seconds = failure.retryAfterSeconds {
                return "Too many attempts. Try again in \(seconds) second\(seconds == 1 ? "" : "s")."
            }
            return "Too many attempts. Wait a moment and try again."
        }
        if failure.isOffline { return "Cannot reach \(server). Check the address and your connection." }
        return failure.message
    }

    private static func edit(_ state: inout LoginState, _ key: Key) {
        func change(_ body: (inout TextInputState) -> Void) {
            switch state.focus {
            case .email: body(&state.email)
            case .password: body(&state.password)
            }
        }
        switch key {
        case .character(let character): change { $0.insert(String(character)) }
        case .paste(let text): change { $0.insert(PastedText.insertable(text)) }
        case .backspace: change { $0.deleteBackward() }
        case .delete: change { $0.deleteForward() }
        case .left: change { $0.moveLeft() }
        case .right: change { $0.moveRight() }
        case .home, .control("a"): change { $0.moveToStart() }
        case .end, .control("e"): change { $0.moveToEnd() }
        case .control("u"): change { $0.deleteToStart() }
        case .control("k"): change { $0.deleteToEnd() }
        case .control("w"): change { $0.deleteWordBackward() }
        case .up, .down: state.focus = state.focus == .email ? .password : .email
        default: break
        }
    }

    public static func render(_ state: LoginState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        let width = min(64, area.width - 2)
        let height = min(13, area.height)
        guard width >= 30, height >= 9 else { return }
        let box = area.centered(width: width, height: height)
        let inside = Border(title: state.profile == "default" ? "Leora — log in" : "Leora — log in · \(state.profile)").render(into: &buffer, area: box).inset(horizontal: 1)
        let labelWidth = 10
        let fieldWidth = inside.width - labelWidth
        var y = inside.y
        buffer.set(x: inside.x, y: y, string: "Server", style: Style(.muted))
        buffer.set(x: inside.x + labelWidth, y: y, string: state.server, style: .plain, maxWidth: fieldWidth)
        y += 2
        buffer.set(x: inside.x, y: y, string: "Email", style: state.focus == .email ? Style(.accent).bold : Style(.text))
        TextInput(placeholder: "you@example.com", focused: state.focus == .email)
            .render(into: &buffer, area: Rect(x: inside.x + labelWidth, y: y, width: fieldWidth, height: 1), state: state.email)
        y += 2
        buffer.set(x: inside.x, y: y, string: "Password", style: state.focus == .password ? Style(.accent).bold : Style(.text))
        TextInput(placeholder: "", masked: true, focused: state.focus == .password)
            .render(into: &buffer, area: Rect(x: inside.x + labelWidth, y: y, width: fieldWidth, height: 1), state: state.password)
        y += 2
        if state.isSubmitting {
            let frame = Spinner().frame(at: context.spinnerTick)
            buffer.set(x: inside.x, y: y, string: "\(frame) Logging in…", style: Style(.info), maxWidth: inside.width)
        } else if let message = state.message {
            for (index, line) in WrappedText.wrap("✗ " + message, width: inside.width).prefix(2).enumerated() {
                buffer.set(x: inside.x, y: y + index, string: line, style: Style(.danger), maxWidth: inside.width)
            }
        }
        let hint: HintText = "\(key: logIn) log in · \(key: nextField) next field · \(key: quit) quit"
        let hints = hint.resolved(context.keyOverrides)
        buffer.set(x: inside.x, y: inside.bottom - 1, string: hints, style: Style(.muted), maxWidth: inside.width)
    }
}
