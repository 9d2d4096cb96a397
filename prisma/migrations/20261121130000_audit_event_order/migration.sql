-- Events written in one transaction (a claim made from a span: claim.create
-- then claim.attach) can share a createdAt to the millisecond, and history
-- listed them in either order. A sequence keeps the order they were written
-- in. Adding the column rewrites the table without firing its row triggers,
-- so the append-only guard stays as it is.
ALTER TABLE "AuditEvent" ADD COLUMN "seq" BIGSERIAL NOT NULL;
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");
