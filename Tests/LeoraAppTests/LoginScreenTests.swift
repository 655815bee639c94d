import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

@Suite struct LoginScreenTests {
    let dependencies = Fixtures.dependencies()

    func typed(_ text: String, into state: inout LoginState) {
        for character in text { _ = LoginScreen.reduce(into: &state, .edit(.character(character)), dependencies) }
    }

    @Test func prefilledEmailFocusesThePassword() {
        #expect(LoginState(server: "s", email: "rep@northwind.test").focus == .password)
        #expect(LoginState(server: "s", email: nil).focus == .email)
    }

    @Test func typingEditsTheFocusedField() {
        var state = LoginState(server: "s")
        typed("rep@x", into: &state)
        _ = LoginScreen.reduce(into: &state, .edit(.backspace), dependencies)
        #expect(state.email.text == "rep@")
        _ = LoginScreen.reduce(into: &state, .focusNext, dependencies)
        typed("pw", into: &state)
        #expect(state.focus == .password)
        #expect(state.password.text == "pw")
    }

    @Test func emptyFieldsAreExplainedWithoutARequest() {
        var state = LoginState(server: "s", email: "rep@northwind.test")
        let effect = LoginScreen.reduce(into: &state, .submitted, dependencies)
        #expect(effect.isNone)
        #expect(state.message == "Enter your password.")
        #expect(!state.isSubmitting)
    }

    @Test func submittingLogsInAndReportsSuccess() async {
        var state = LoginState(server: "s", email: "rep@northwind.test")
        typed("leora-demo", into: &state)
        let effect = LoginScreen.reduce(into: &state, .submitted, dependencies)
        #expect(state.isSubmitting)
        #expect(effect.runIDs == [LoginScreen.loginEffect])
        #expect(await effect.collectActions() == [.succeeded(Fixtures.session())])
        _ = LoginScreen.reduce(into: &state, .succeeded(Fixtures.session()), dependencies)
        #expect(!state.isSubmitting)
        #expect(state.password.isEmpty)
    }

    @Test func wrongCredentialsClearThePassword() async {
        let failing = Fixtures.dependencies(login: { _, _ in
            throw PortalError.server(status: 401, code: ErrorCode.invalidCredentials.rawValue, message: "Invalid email or password", details: nil, retryAfter: nil)
        })
        var state = LoginState(server: "s", email: "rep@northwind.test")
        typed("nope", into: &state)
        let actions = await LoginScreen.reduce(into: &state, .submitted, failing).collectActions()
        #expect(actions.count == 1)
        for action in actions { _ = LoginScreen.reduce(into: &state, action, failing) }
        #expect(state.message == "Wrong email or password.")
        #expect(state.password.isEmpty)
        #expect(state.focus == .password)
        #expect(!state.isSubmitting)
    }

    @Test func rateLimitingAndUnreachableServerAreExplained() {
        let limited = LoadFailure(PortalError.server(status: 429, code: ErrorCode.rateLimited.rawValue, message: "Too many", details: nil, retryAfter: 42))
        #expect(LoginScreen.message(for: limited, server: "http://x") == "Too many attempts. Try again in 42 seconds.")
        let offline = LoadFailure(PortalError.transport(.cannotConnect("refused")))
        #expect(LoginScreen.message(for: offline, server: "http://x:1") == "Cannot reach http://x:1. Check the address and your connection.")
    }

    @Test func rendersMaskedPassword() {
        var app = AppState(server: "http://127.0.0.1:8787", email: "rep@northwind.test")
        app.phase = .login
        typed("secret", into: &app.login)
        app.login.message = "Wrong email or password."
        expectScreen(
            Fixtures.render(app),
            [
                "",
                "",
                "",
                "",
                "",
                "        ┌─ Leora — log in ─────────────────────────────────────────────┐",
                "        │ Server    http://127.0.0.1:8787                              │",
                "        │                                                              │",
                "        │ Email     rep@northwind.test                                 │",
                "        │                                                              │",
                "        │ Password  ••••••                                             │",
                "        │                                                              │",
                "        │ ✗ Wrong email or password.                                   │",
                "        │                                                              │",
                "        │                                                              │",
                "        │                                                              │",
                "        │ Enter log in · Tab next field · Esc quit                     │",
                "        └──────────────────────────────────────────────────────────────┘",
            ])
        #expect(!Fixtures.render(app, width: 120, height: 35).joined().contains("secret"))
    }
}
