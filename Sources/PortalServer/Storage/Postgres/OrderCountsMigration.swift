/// `v4-order-counts`: each user's orders counted per status in `order_counts`, and the indexes the order list's
/// keyset pages seek in (see `OrderPageBoundaries`).
///
/// Statement-level triggers on `orders` keep the counts in the transaction of every insert, status change and
/// delete, whichever code path makes it (checkout, cancel, a Stripe confirmation, seeding in bulk). Each change
/// also adds to `revision`, so a list's cached page boundaries know when they are stale. The triggers run as
/// the caller, under row-level security like the statement that fired them: `order_counts` is a tenant table.
/// Locks are taken in key order, so two transactions moving orders between statuses never deadlock on them.
///
/// The triggers exist (and lock `orders` against writes) before the backfill reads it, so no order is
/// missed or counted twice by instances still running; the backfill runs as each tenant in turn.
enum OrderCountsMigration {
    static let migration = PostgresMigrations.Migration(
        version: "v4-order-counts",
        statements: [
            """
            CREATE TABLE order_counts (
                tenant_id text NOT NULL REFERENCES tenants(id), user_id text NOT NULL REFERENCES users(id),
                status text NOT NULL, order_count bigint NOT NULL, revision bigint NOT NULL,
                PRIMARY KEY (tenant_id, user_id, status)
            )
            """
        ] + PostgresMigrations.Migration.split(PostgresMigrations.tenantIsolation("order_counts")) + [
            // The list orders by `id COLLATE "C"` (byte order, as SQLite's): the index must too, or it cannot serve the ORDER BY.
            "DROP INDEX orders_by_user",
            #"CREATE INDEX orders_by_user ON orders (tenant_id, placed_by, created_at DESC, id COLLATE "C" DESC)"#,
            #"CREATE INDEX orders_by_user_status ON orders (tenant_id, placed_by, status, created_at DESC, id COLLATE "C" DESC)"#,
            countOrders,
            """
            CREATE TRIGGER orders_counted_on_insert AFTER INSERT ON orders
            REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION count_orders()
            """,
            """
            CREATE TRIGGER orders_counted_on_update AFTER UPDATE ON orders
            REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update FOR EACH STATEMENT EXECUTE FUNCTION count_orders()
            """,
            """
            CREATE TRIGGER orders_counted_on_delete AFTER DELETE ON orders
            REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION count_orders()
            """,
        ],
        perTenant: [
            """
            INSERT INTO order_counts (tenant_id, user_id, status, order_count, revision)
            SELECT tenant_id, placed_by, status, COUNT(*), COUNT(*) FROM orders WHERE tenant_id = :tenant
            GROUP BY tenant_id, placed_by, status
            """
        ])

    /// The trigger function: the statement's rows, grouped by (tenant, user, status), added to or taken from the counts.
    private static let countOrders = """
        CREATE FUNCTION count_orders() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO order_counts AS c (tenant_id, user_id, status, order_count, revision)
                SELECT tenant_id, placed_by, status, COUNT(*), COUNT(*) FROM inserted GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                ON CONFLICT (tenant_id, user_id, status)
                DO UPDATE SET order_count = c.order_count + excluded.order_count, revision = c.revision + excluded.revision;
            ELSIF TG_OP = 'UPDATE' THEN
                INSERT INTO order_counts AS c (tenant_id, user_id, status, order_count, revision)
                SELECT tenant_id, user_id, status, SUM(delta), COUNT(*) FROM (
                    SELECT n.tenant_id, n.placed_by AS user_id, n.status, 1 AS delta
                    FROM before_update o JOIN after_update n ON n.id = o.id
                    WHERE (o.tenant_id, o.placed_by, o.status) IS DISTINCT FROM (n.tenant_id, n.placed_by, n.status)
                    UNION ALL
                    SELECT o.tenant_id, o.placed_by, o.status, -1
                    FROM before_update o JOIN after_update n ON n.id = o.id
                    WHERE (o.tenant_id, o.placed_by, o.status) IS DISTINCT FROM (n.tenant_id, n.placed_by, n.status)
                ) moved GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                ON CONFLICT (tenant_id, user_id, status)
                DO UPDATE SET order_count = c.order_count + excluded.order_count, revision = c.revision + excluded.revision;
            ELSE
                UPDATE order_counts c SET order_count = c.order_count - d.n, revision = c.revision + d.n
                FROM (SELECT tenant_id, placed_by, status, COUNT(*) AS n FROM deleted GROUP BY 1, 2, 3) d
                WHERE c.tenant_id = d.tenant_id AND c.user_id = d.placed_by AND c.status = d.status;
            END IF;
            RETURN NULL;
        END
        $$
        """
}
