/// `v6-order-counts`: each user's orders counted per status in `order_counts`, and the indexes the order list's
/// keyset pages seek in (see `OrderPageBoundaries`).
///
/// Triggers on `orders` keep the counts in the transaction of every insert, status change and delete, whichever
/// code path makes it (checkout, cancel, a Stripe confirmation, seeding). Each change also adds to `revision`,
/// so a list's cached page boundaries know when they are stale. The migration backfills the counts of the
/// orders already there.
enum OrderCountsSchema {
    static let sqlite = """
        CREATE TABLE order_counts (
            tenant_id TEXT NOT NULL REFERENCES tenants(id), user_id TEXT NOT NULL REFERENCES users(id),
            status TEXT NOT NULL, order_count INTEGER NOT NULL, revision INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, user_id, status)
        ) WITHOUT ROWID;
        INSERT INTO order_counts (tenant_id, user_id, status, order_count, revision)
        SELECT tenant_id, placed_by, status, COUNT(*), COUNT(*) FROM orders GROUP BY tenant_id, placed_by, status;
        CREATE INDEX orders_by_user_status ON orders(tenant_id, placed_by, status, created_at DESC, id DESC);
        CREATE TRIGGER orders_counted_on_insert AFTER INSERT ON orders BEGIN
            INSERT INTO order_counts (tenant_id, user_id, status, order_count, revision)
            VALUES (NEW.tenant_id, NEW.placed_by, NEW.status, 1, 1)
            ON CONFLICT (tenant_id, user_id, status) DO UPDATE SET order_count = order_count + 1, revision = revision + 1;
        END;
        CREATE TRIGGER orders_counted_on_update AFTER UPDATE OF tenant_id, placed_by, status ON orders
        WHEN OLD.tenant_id IS NOT NEW.tenant_id OR OLD.placed_by IS NOT NEW.placed_by OR OLD.status IS NOT NEW.status BEGIN
            UPDATE order_counts SET order_count = order_count - 1, revision = revision + 1
            WHERE tenant_id = OLD.tenant_id AND user_id = OLD.placed_by AND status = OLD.status;
            INSERT INTO order_counts (tenant_id, user_id, status, order_count, revision)
            VALUES (NEW.tenant_id, NEW.placed_by, NEW.status, 1, 1)
            ON CONFLICT (tenant_id, user_id, status) DO UPDATE SET order_count = order_count + 1, revision = revision + 1;
        END;
        CREATE TRIGGER orders_counted_on_delete AFTER DELETE ON orders BEGIN
            UPDATE order_counts SET order_count = order_count - 1, revision = revision + 1
            WHERE tenant_id = OLD.tenant_id AND user_id = OLD.placed_by AND status = OLD.status;
        END;
        """
}
