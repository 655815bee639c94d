import GRDB

/// The SQLite schema, as GRDB migrations. Every tenant-owned table carries `tenant_id`.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE tenants (
                    id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                    currency TEXT NOT NULL, timezone TEXT NOT NULL, tax_rate_bp INTEGER NOT NULL,
                    order_prefix TEXT NOT NULL
                );
                CREATE TABLE users (
                    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, roles TEXT NOT NULL,
                    password_hash TEXT NOT NULL, last_login_at DATETIME
                );
                CREATE TABLE sessions (
                    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    user_id TEXT NOT NULL REFERENCES users(id), current_jti TEXT NOT NULL,
                    created_at DATETIME NOT NULL, expires_at DATETIME NOT NULL, revoked_at DATETIME
                );
                CREATE TABLE retired_refresh_tokens (
                    jti TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                    retired_at DATETIME NOT NULL
                );
                CREATE INDEX retired_refresh_tokens_session ON retired_refresh_tokens(session_id);
                CREATE TABLE products (
                    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    sku TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL, brand TEXT NOT NULL,
                    category TEXT NOT NULL, description TEXT NOT NULL, unit_price_cents INTEGER NOT NULL,
                    unit TEXT NOT NULL CHECK (unit IN ('bottle', 'case')), pack_size INTEGER NOT NULL,
                    active BOOLEAN NOT NULL, on_hand INTEGER NOT NULL, reserved INTEGER NOT NULL,
                    inventory_updated_at DATETIME NOT NULL,
                    UNIQUE (tenant_id, sku)
                );
                CREATE INDEX products_by_name ON products(tenant_id, name_key, id);
                CREATE TABLE customers (
                    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    name TEXT NOT NULL, name_key TEXT NOT NULL, account_number TEXT NOT NULL, city TEXT NOT NULL,
                    health_score INTEGER NOT NULL DEFAULT 50, last_order_at DATETIME
                );
                CREATE INDEX customers_by_name ON customers(tenant_id, name_key, id);
                CREATE TABLE order_counters (
                    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id), next_number INTEGER NOT NULL
                );
                CREATE TABLE orders (
                    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    order_number TEXT NOT NULL, customer_id TEXT NOT NULL REFERENCES customers(id),
                    placed_by TEXT NOT NULL REFERENCES users(id),
                    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'shipped', 'delivered', 'cancelled')),
                    notes TEXT, item_count INTEGER NOT NULL, subtotal_cents INTEGER NOT NULL,
                    tax_cents INTEGER NOT NULL, total_cents INTEGER NOT NULL,
                    created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,
                    UNIQUE (tenant_id, order_number)
                );
                CREATE INDEX orders_by_user ON orders(tenant_id, placed_by, created_at DESC, id DESC);
                CREATE INDEX orders_by_customer ON orders(tenant_id, customer_id, created_at);
                CREATE TABLE order_lines (
                    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE, position INTEGER NOT NULL,
                    product_id TEXT NOT NULL REFERENCES products(id), sku TEXT NOT NULL, name TEXT NOT NULL,
                    quantity INTEGER NOT NULL CHECK (quantity > 0), unit_price_cents INTEGER NOT NULL,
                    line_total_cents INTEGER NOT NULL
                );
                CREATE INDEX order_lines_by_order ON order_lines(order_id, position);
                CREATE TABLE carts (
                    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    user_id TEXT NOT NULL UNIQUE REFERENCES users(id),
                    customer_id TEXT REFERENCES customers(id), version INTEGER NOT NULL, updated_at DATETIME NOT NULL
                );
                CREATE TABLE cart_items (
                    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    cart_id TEXT NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
                    product_id TEXT NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL CHECK (quantity > 0),
                    position INTEGER NOT NULL,
                    UNIQUE (cart_id, product_id)
                );
                CREATE TABLE idempotency_outcomes (
                    tenant_id TEXT NOT NULL REFERENCES tenants(id), user_id TEXT NOT NULL REFERENCES users(id),
                    key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, body BLOB NOT NULL,
                    created_at DATETIME NOT NULL,
                    PRIMARY KEY (user_id, key)
                );
                CREATE TABLE briefings (
                    user_id TEXT PRIMARY KEY REFERENCES users(id), tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    payload BLOB NOT NULL, generated_at DATETIME NOT NULL, expires_at DATETIME NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-webhooks") { db in
            try db.execute(sql: """
                CREATE TABLE webhook_subscriptions (
                    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    event_type TEXT NOT NULL, url TEXT NOT NULL, secret TEXT NOT NULL, active BOOLEAN NOT NULL,
                    created_at DATETIME NOT NULL, deleted_at DATETIME
                );
                CREATE INDEX webhook_subscriptions_by_type ON webhook_subscriptions(tenant_id, event_type);
                CREATE TABLE webhook_events (
                    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    event_type TEXT NOT NULL, data BLOB NOT NULL, created_at DATETIME NOT NULL
                );
                CREATE TABLE webhook_deliveries (
                    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    event_id TEXT NOT NULL REFERENCES webhook_events(id),
                    subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions(id),
                    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed_permanent')),
                    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at DATETIME, last_attempt_at DATETIME,
                    last_status INTEGER, last_error TEXT, lease_until DATETIME,
                    created_at DATETIME NOT NULL, delivered_at DATETIME
                );
                CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
                CREATE INDEX webhook_deliveries_by_tenant ON webhook_deliveries(tenant_id, created_at DESC, id DESC);
                CREATE TABLE job_runs (
                    id TEXT PRIMARY KEY, job_name TEXT NOT NULL, started_at DATETIME NOT NULL, ended_at DATETIME NOT NULL,
                    status TEXT NOT NULL, processed INTEGER NOT NULL, succeeded INTEGER NOT NULL, failed INTEGER NOT NULL,
                    errors TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3-stripe-events") { db in
            // Not tenant-owned: a Stripe event names an order, not a tenant. One row per processed event id.
            try db.execute(sql: """
                CREATE TABLE stripe_events (
                    id TEXT PRIMARY KEY, event_type TEXT NOT NULL, order_id TEXT, outcome TEXT NOT NULL,
                    received_at DATETIME NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4-health-probe") { db in
            // Not tenant-owned: one row the health check writes, so a database that refuses writes shows.
            try db.execute(sql: "CREATE TABLE health_probe (id INTEGER PRIMARY KEY, checked_at DATETIME NOT NULL)")
        }
        migrator.registerMigration("v5-job-operations") { db in
            try db.execute(sql: """
                ALTER TABLE job_runs ADD COLUMN run_count INTEGER NOT NULL DEFAULT 1;
                CREATE INDEX job_runs_by_end ON job_runs(ended_at DESC, id DESC);
                CREATE INDEX idempotency_outcomes_by_age ON idempotency_outcomes(created_at);
                CREATE INDEX stripe_events_by_age ON stripe_events(received_at);
                """)
        }
        migrator.registerMigration("v6-order-counts") { db in try db.execute(sql: OrderCountsSchema.sqlite) }
        return migrator
    }
}
