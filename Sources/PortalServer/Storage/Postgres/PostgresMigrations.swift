import Foundation

/// The PostgreSQL schema as versioned migrations, applied at start in one transaction under an advisory
/// lock (so instances starting together apply each once) and recorded in `schema_migrations`.
///
/// Tenant isolation is the database's too (row-level security, the last line of defence behind
/// `PostgresTenantDatabase`'s `:tenant` guard): every tenant-owned table has `ENABLE` and `FORCE ROW LEVEL
/// SECURITY` (`FORCE` binds the owning role the server connects as) and a `tenant_isolation` policy on the
/// transaction-local `app.tenant_id`. The only other policies are the `cross_tenant_*` ones, each letting
/// one named step of `CrossTenant` (`app.cross_tenant`) reach the few tables, and only the commands, that
/// step needs. Never edit a migration that has shipped: add one.
enum PostgresMigrations {
    struct Migration: Sendable {
        var version: String
        /// The statements, one at a time (the extended protocol takes one per query).
        var statements: [String]
        /// Statements run once for each tenant, as that tenant (`app.tenant_id` set, `:tenant` bound), after
        /// `statements`: backfills of a new tenant table, which row-level security lets no one write across tenants.
        var perTenant: [String] = []

        init(version: String, statements: [String], perTenant: [String] = []) {
            self.version = version
            self.statements = statements
            self.perTenant = perTenant
        }

        /// The statements of `sql`.
        init(version: String, sql: String) {
            self.init(version: version, statements: Self.split(sql))
        }

        /// `sql` split at `;` at a line's end: no SQL given this way has one inside a statement.
        static func split(_ sql: String) -> [String] {
            sql.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }
                .filter { !$0.isEmpty }
        }
    }

    /// The tenant tables of the first schema, which `v2-row-level-security` covers.
    private static let firstTenantTables = [
        "tenants", "users", "sessions", "retired_refresh_tokens", "products", "customers", "order_counters", "orders", "order_lines",
        "carts", "cart_items", "idempotency_outcomes", "briefings", "webhook_subscriptions", "webhook_events", "webhook_deliveries",
    ]

    /// Tables that hold a tenant's data, each with `tenant_id` (`tenants` itself: `id`).
    static let tenantTables = firstTenantTables + ["order_counts"]

    /// Which step of `CrossTenant` may reach which table, with which commands. The `v2-row-level-security`
    /// migration creates exactly these policies; a test compares them with `pg_policies`.
    static let crossTenantGrants: [(step: CrossTenant.Step, table: String, commands: [String])] = [
        (.login, "users", ["SELECT", "UPDATE"]),
        (.session, "users", ["SELECT"]),
        (.session, "sessions", ["SELECT", "UPDATE"]),
        (.session, "retired_refresh_tokens", ["SELECT", "INSERT", "UPDATE"]),
        (.delivery, "webhook_deliveries", ["SELECT", "UPDATE"]),
        (.delivery, "webhook_events", ["SELECT"]),
        (.delivery, "webhook_subscriptions", ["SELECT"]),
        (.retention, "idempotency_outcomes", ["SELECT", "DELETE"]),
        (.stripe, "orders", ["SELECT"]),
        (.seed, "tenants", ["SELECT"]),
    ]

    static let all: [Migration] = [
        Migration(
            version: "v1-schema",
            sql: """
                CREATE TABLE tenants (
                    id text PRIMARY KEY, slug text NOT NULL UNIQUE, name text NOT NULL,
                    currency text NOT NULL, timezone text NOT NULL, tax_rate_bp bigint NOT NULL, order_prefix text NOT NULL
                );
                CREATE TABLE users (
                    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
                    email text NOT NULL UNIQUE, name text NOT NULL, roles text[] NOT NULL,
                    password_hash text NOT NULL, last_login_at timestamptz
                );
                CREATE INDEX users_by_tenant ON users(tenant_id, id);
                CREATE TABLE sessions (
                    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
                    user_id text NOT NULL REFERENCES users(id), current_jti text NOT NULL,
                    created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL, revoked_at timestamptz
                );
                CREATE TABLE retired_refresh_tokens (
                    jti text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
                    session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, retired_at timestamptz NOT NULL
                );
                CREATE INDEX retired_refresh_tokens_session ON retired_refresh_tokens(session_id);
                CREATE TABLE products (
                    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
                    sku text NOT NULL, name text NOT NULL, name_key text NOT NULL, brand text NOT NULL,
                    category text NOT NULL, description text NOT NULL, unit_price_cents bigint NOT NULL,
                    unit text NOT NULL CHECK (unit IN ('bottle', 'case')), pack_size bigint NOT NULL,
                    active boolean NOT NULL, on_hand bigint NOT NULL, reserved bigint NOT NULL,
                    inventory_updated_at timestamptz NOT NULL,
                    UNIQUE (tenant_id, sku)
                );
                CREATE INDEX products_by_name ON products(tenant_id, name_key, id);
                CREATE TABLE customers (
                    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
                    name text NOT NULL, name_key text NOT NULL, account_number text NOT NULL, city text NOT NULL,
                    health_score bigint NOT NULL DEFAULT 50, last_order_at timestamptz
                );
                CREATE INDEX customers_by_name ON customers(tenant_id, name_key, id);
                CREATE TABLE order_counters (
                    tenant_id text PRIMARY KEY REFERENCES tenants(id), next_number bigint NOT NULL
                );
                CREATE TABLE orders (
                    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
                    order_number text NOT NULL, customer_id text NOT NULL REFERENCES customers(id),
                    placed_by text NOT NULL REFERENCES users(id),
                    status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'shipped', 'delivered', 'cancelled')),
                    notes text, item_count bigint NOT NULL, subtotal_cents bigint NOT NULL,
                    tax_cents bigint NOT NULL, total_cents bigint NOT NULL,
                    created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
                    UNIQUE (tenant_id, order_number)
                );
                CREATE INDEX orders_by_user ON orders(tenant_id, placed_by, created_at DESC, id DESC);
                CREATE INDEX orders_by_customer ON orders(tenant_id, customer_id, created_at);
                CREATE TABLE order_lines (
                    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
                    order_id text NOT NULL REFERENCES orders(id) ON DELETE CASCADE, position bigint NOT NULL,
                    product_id text NOT NULL REFERENCES products(id), sku text NOT NULL, name text NOT NULL,
                    quantity bigint NOT NULL CHECK (quantity > 0), unit_price_cents bigint NOT NULL,
                    line_total_cents bigint NOT NULL
                );
                CREATE INDEX order_lines_by_order ON order_lines(tenant_id, order_id, position);
                CREATE TABLE carts (
                    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
                    user_id text NOT NULL UNIQUE REFERENCES users(id),
                    customer_id text REFERENCES customers(id), version bigint NOT NULL, updated_at timestamptz NOT NULL
                );
                CREATE TABLE cart_items (
                    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
                    cart_id text NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
                    product_id text NOT NULL REFERENCES products(id), quantity bigint NOT NULL CHECK (quantity > 0),
                    position bigint NOT NULL,
                    UNIQUE (cart_id, product_id)
                );
                CREATE TABLE idempotency_outcomes (
                    tenant_id text NOT NULL REFERENCES tenants(id), user_id text NOT NULL REFERENCES users(id),
                    key text NOT NULL, fingerprint text NOT NULL, status bigint NOT NULL, body bytea NOT NULL,
                    created_at timestamptz NOT NULL,
                    PRIMARY KEY (user_id, key)
                );
                CREATE INDEX idempotency_outcomes_by_age ON idempotency_outcomes(created_at);
                CREATE TABLE briefings (
                    user_id text PRIMARY KEY REFERENCES users(id), tenant_id text NOT NULL REFERENCES tenants(id),
                    payload bytea NOT NULL, generated_at timestamptz NOT NULL, expires_at timestamptz NOT NULL
                );
                CREATE TABLE webhook_subscriptions (
                    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
                    event_type text NOT NULL, url text NOT NULL, secret text NOT NULL, active boolean NOT NULL,
                    created_at timestamptz NOT NULL, deleted_at timestamptz
                );
                CREATE INDEX webhook_subscriptions_by_type ON webhook_subscriptions(tenant_id, event_type);
                CREATE TABLE webhook_events (
                    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
                    event_type text NOT NULL, data bytea NOT NULL, created_at timestamptz NOT NULL
                );
                CREATE TABLE webhook_deliveries (
                    id text PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
                    event_id text NOT NULL REFERENCES webhook_events(id),
                    subscription_id text NOT NULL REFERENCES webhook_subscriptions(id),
                    status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed_permanent')),
                    attempts bigint NOT NULL DEFAULT 0, next_attempt_at timestamptz, last_attempt_at timestamptz,
                    last_status bigint, last_error text, lease_until timestamptz,
                    created_at timestamptz NOT NULL, delivered_at timestamptz
                );
                CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
                CREATE INDEX webhook_deliveries_by_tenant ON webhook_deliveries(tenant_id, created_at DESC, id DESC);
                -- Not tenant-owned: the operator's records.
                CREATE TABLE job_runs (
                    id text PRIMARY KEY, job_name text NOT NULL, started_at timestamptz NOT NULL, ended_at timestamptz NOT NULL,
                    status text NOT NULL, processed bigint NOT NULL, succeeded bigint NOT NULL, failed bigint NOT NULL,
                    errors text[] NOT NULL, run_count bigint NOT NULL DEFAULT 1
                );
                CREATE INDEX job_runs_by_end ON job_runs(ended_at DESC, id DESC);
                -- A Stripe event names an order, never a tenant.
                CREATE TABLE stripe_events (
                    id text PRIMARY KEY, event_type text NOT NULL, order_id text, outcome text NOT NULL,
                    received_at timestamptz NOT NULL
                );
                CREATE INDEX stripe_events_by_age ON stripe_events(received_at);
                CREATE TABLE health_probe (id bigint PRIMARY KEY, checked_at timestamptz NOT NULL);
                """),
        Migration(version: "v2-row-level-security", sql: rowLevelSecurity),
        Migration(
            version: "v3-login-failures",
            sql: """
                -- Not tenant-owned: failed logins per normalised email and client address, counted by every instance.
                CREATE TABLE login_failures (
                    id text PRIMARY KEY, email text NOT NULL, address text NOT NULL, attempted_at timestamptz NOT NULL
                );
                CREATE INDEX login_failures_by_pair ON login_failures(email, address, attempted_at);
                CREATE INDEX login_failures_by_age ON login_failures(attempted_at);
                """),
        OrderCountsMigration.migration,
    ]

    /// ENABLE + FORCE and `tenant_isolation` on `table`, as every tenant table has them.
    static func tenantIsolation(_ table: String) -> String {
        let key = table == "tenants" ? "id" : "tenant_id"
        let tenant = "\(key) = current_setting('app.tenant_id', true)"
        return """
            ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;
            ALTER TABLE \(table) FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON \(table) USING (\(tenant)) WITH CHECK (\(tenant));

            """
    }

    /// ENABLE + FORCE and `tenant_isolation` on every tenant table of the first schema, then the cross-tenant grants.
    private static var rowLevelSecurity: String {
        var sql = ""
        for table in firstTenantTables {
            sql += tenantIsolation(table)
        }
        for grant in crossTenantGrants {
            for command in grant.commands {
                let step = "current_setting('app.cross_tenant', true) = '\(grant.step.rawValue)'"
                let clauses =
                    switch command {
                    case "INSERT": "WITH CHECK (\(step))"
                    case "UPDATE": "USING (\(step)) WITH CHECK (\(step))"
                    default: "USING (\(step))"
                    }
                sql += """
                    CREATE POLICY cross_tenant_\(grant.step.rawValue)_\(command.lowercased()) ON \(grant.table) FOR \(command) \(clauses);

                    """
            }
        }
        return sql
    }
}
